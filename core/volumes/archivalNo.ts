/**
 * 档号 (archival reference code) of a volume and of each item (件) in it. Pure.
 *
 * Format (DA/T 22-2015 / DA/T 13 style, parts joined by “-”, the category and year by “·”):
 *   volume  {全宗号}-{类别代码}·{年度}-{保管期限代码}-{卷号, 4 digits}      e.g.  A012-WS·2024-D30-0001
 *   item    {volume 档号}-{件号 = 卷内顺序号, 3 digits}                     e.g.  A012-WS·2024-D30-0001-007
 * With no 全宗号 set, the first part is left out (WS·2024-D30-0001) and the completeness check says so.
 * 保管期限代码: Y 永久, D30 定期30年, D10 定期10年.
 */
import type { Retention } from '../../db/schema/volumes';

export const RETENTION_LABELS: Record<Retention, string> = { Y: '永久', D30: '定期30年', D10: '定期10年' };
/** As written in the 归档章 (DA/T 22): 永久 / 30年 / 10年. */
export const RETENTION_STAMP: Record<Retention, string> = { Y: '永久', D30: '30年', D10: '10年' };

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface ArchivalParts {
  fondsCode: string;
  categoryCode: string;
  year: number;
  retention: Retention;
}

export function volumeArchivalNo(p: ArchivalParts, volumeNo: number): string {
  const head = `${p.categoryCode || 'WS'}·${p.year}-${p.retention}-${pad(volumeNo, 4)}`;
  return p.fondsCode.trim() ? `${p.fondsCode.trim()}-${head}` : head;
}

export function itemArchivalNo(p: ArchivalParts, volumeNo: number, itemNo: number): string {
  return `${volumeArchivalNo(p, volumeNo)}-${pad(itemNo, 3)}`;
}

/** 2024-03-05 → 20240305 (the 日期 column of the 卷内目录). */
export function compactDate(d: string | null | undefined): string {
  return d ? d.replace(/-/g, '') : '';
}

/** 2024-03-05 → 2024年3月5日 */
export function chineseDate(d: string | null | undefined): string {
  if (!d) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : d;
}
