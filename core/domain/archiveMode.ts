/**
 * The two ways an office files its records, and the words each uses (the UI and the PDFs speak the mode's own
 * words). Pure: used by core and by the renderer.
 *   piece  按件归档, DA/T 22-2015《归档文件整理规则》: 件 numbered per 年度–保管期限–机构（问题）, packed into 档案盒.
 *   volume 组卷, GB/T 9705-2008《文书档案案卷格式》: 案卷 with 卷内目录 and 卷内备考表.
 */
export type ArchiveModeName = 'piece' | 'volume';

export interface ModeWords {
  /** 按件归档 / 组卷 */
  name: string;
  standard: string;
  /** The unit that holds the documents: 档案盒 / 案卷 */
  container: string;
  /** Its short name: 盒 / 卷 */
  short: string;
  /** Its number: 盒号 / 卷号 */
  number: string;
  /** A document in it: 件 */
  item: string;
  /** Finalising: 装盒 / 封卷 */
  finalise: string;
  catalogue: string;
  backnote: string;
  spine: string;
}

export const MODE_WORDS: Record<ArchiveModeName, ModeWords> = {
  piece: {
    name: '按件归档',
    standard: 'DA/T 22-2015《归档文件整理规则》',
    container: '档案盒',
    short: '盒',
    number: '盒号',
    item: '件',
    finalise: '装盒',
    catalogue: '归档文件目录',
    backnote: '盒内备考表',
    spine: '盒脊',
  },
  volume: {
    name: '组卷',
    standard: 'GB/T 9705-2008《文书档案案卷格式》',
    container: '案卷',
    short: '卷',
    number: '卷号',
    item: '件',
    finalise: '封卷',
    catalogue: '卷内目录',
    backnote: '卷内备考表',
    spine: '卷脊',
  },
};

/** 档案盒 spine widths (DA/T 22-2015: 盒脊厚度 20、30、40、50 mm). */
export const SPINE_WIDTHS = [20, 30, 40, 50] as const;
export type SpineWidth = (typeof SPINE_WIDTHS)[number];

/**
 * The box width for this many printed sheets: about 0.1 mm a sheet of 70 g/m² paper plus a few mm for the
 * folders, the 目录 and the 备考表, rounded up to a standard width.
 */
export function defaultSpineWidth(sheets: number): SpineWidth {
  const need = sheets * 0.1 + 5;
  return SPINE_WIDTHS.find((w) => w >= need) ?? 50;
}

/** 件号 in the 档号 and 归档章: 4 digits (DA/T 22-2015). */
export const pieceNoText = (n: number) => String(n).padStart(4, '0');

export interface PieceParts {
  fondsCode: string;
  categoryCode: string;
  year: number;
  /** Y / D30 / D10 */
  retention: string;
  orgCode: string;
  pieceNo: number;
}

/**
 * 档号 of a 件 (DA/T 22-2015 6.1): 全宗号-类别代码·年度-保管期限代码-机构（问题）代码-件号, e.g.
 * A012-WS·2024-D30-AW-0007. A part not set yet (a draft before 全宗号 / 机构代码 are in the settings) is left out.
 */
export function pieceArchivalNo(p: PieceParts): string {
  return [
    p.fondsCode.trim(),
    `${p.categoryCode || 'WS'}·${p.year}`,
    p.retention,
    p.orgCode.trim(),
    pieceNoText(p.pieceNo),
  ]
    .filter(Boolean)
    .join('-');
}
