/**
 * The parts of a volume around its items (GB/T 9705-2008): the 案卷封面, the 卷内目录 (a ruled table whose header
 * repeats on every page), the 卷内备考表; and the marks on item pages: page numbers and the 归档章 (DA/T 22).
 */
import { RETENTION_LABELS, RETENTION_STAMP, chineseDate, compactDate, pad } from '../archivalNo';
import type { Retention } from '../../../db/schema/volumes';
import { A4, box, centredBaseline, hline, lineHeight, text, vline, type LaidPage, type Metrics, type Op } from './ops';

/** Content box of cover, 目录 and 备考表 pages: A4 less 28/20 mm side margins, 25 mm top and bottom. */
export const FRONT = { w: 162, h: 247, top: 25 };

export interface CoverData {
  fondsName: string;
  /** 类目名称 (e.g. 安全生产); blank prints as “—”. */
  categoryName: string;
  fondsCode: string;
  year: number;
  volumeNo: number;
  archivalNo: string;
  title: string;
  period: string;
  retention: Retention;
  items: number;
  pages: number;
  secrecy: string | null;
  compiledDate: string | null;
  /** This 卷's place when the volume was split: 本卷为第 k 卷，共 n 卷. */
  part: { k: number; n: number } | null;
}

function centred(
  m: Metrics,
  font: 'body' | 'title',
  size: number,
  s: string,
  y: number,
  width: number,
  spacing = 0,
): Op {
  return text((width - m.width(font, s, size, spacing)) / 2, y, font, size, s, spacing);
}

/**
 * 案卷封面 (GB/T 9705-2008): double border, the 档号 boxes top right (全宗号 | 年度 | 卷号) with the full 档号 under
 * them, the heading, and every field in a ruled table: 全宗名称, 类目名称, 案卷题名, 起止日期, 卷内件数, 卷内页数,
 * 保管期限, 密级, 档号 (and 卷次 when the volume was split); 立卷时间 at the foot.
 */
export function layoutCover(m: Metrics, c: CoverData): LaidPage[] {
  const W = FRONT.w;
  const H = FRONT.h;
  const ops: Op[] = [box(0, 0, W, H, 1.6), box(2, 2, W - 4, H - 4, 0.5)];
  // 档号 boxes: 全宗号 | 年度 | 卷号
  const bw = 26;
  const bx = W - 10 - 3 * bw;
  const by = 12;
  ops.push(
    box(bx, by, 3 * bw, 16, 0.8),
    hline(bx, bx + 3 * bw, by + 7, 0.5),
    vline(bx + bw, by, by + 16, 0.5),
    vline(bx + 2 * bw, by, by + 16, 0.5),
  );
  [
    ['全宗号', c.fondsCode || '—'],
    ['年度', String(c.year)],
    ['卷号', pad(c.volumeNo, 4)],
  ].forEach(([label, value], i) => {
    const x = bx + i * bw;
    ops.push(text(x + (bw - m.width('title', label!, 9)) / 2, centredBaseline(by, 7, 9), 'title', 9, label!));
    ops.push(text(x + (bw - m.width('body', value!, 11)) / 2, centredBaseline(by + 7, 9, 11), 'body', 11, value!));
  });
  const dh = `档号：${c.archivalNo}`;
  ops.push(text(W - 10 - m.width('body', dh, 10), by + 22, 'body', 10, dh));

  ops.push(centred(m, 'title', 26, '案  卷', 66, W, 10));

  // the fields
  const tx = 12;
  const tw = W - 24;
  const label = 30;
  let ty = 82;
  const rows: [string, string, number][] = [
    ['全宗名称', c.fondsName || '—', 13],
    ['类目名称', c.categoryName || '—', 13],
    ['案卷题名', c.title, 15],
    ['起止日期', c.period || '—', 13],
    ['卷内件数', `${c.items} 件`, 13],
    ['卷内页数', `${c.pages} 页`, 13],
    ['保管期限', RETENTION_LABELS[c.retention], 13],
    ['密　　级', c.secrecy || '—', 13],
    ['档　　号', c.archivalNo, 13],
    ...(c.part ? [['卷　　次', `本卷为第 ${c.part.k} 卷，共 ${c.part.n} 卷`, 13] as [string, string, number]] : []),
  ];
  const top = ty;
  for (const [l, v, size] of rows) {
    const lines = m.wrap('body', v, size, tw - label - 6);
    const lh = lineHeight(size, 1.45);
    const h = Math.max(l === '案卷题名' ? 28 : 12.5, lines.length * lh + 5);
    ops.push(text(tx + (label - m.width('title', l, 13)) / 2, centredBaseline(ty, h, 13), 'title', 13, l));
    let ly = ty + (h - lines.length * lh) / 2;
    for (const line of lines) {
      ops.push(text(tx + label + 3, centredBaseline(ly, lh, size), 'body', size, line));
      ly += lh;
    }
    ty += h;
    ops.push(hline(tx, tx + tw, ty, 0.5));
  }
  ops.push(box(tx, top, tw, ty - top, 1), vline(tx + label, top, ty, 0.5));
  if (c.compiledDate) ops.push(centred(m, 'body', 14, `立卷时间：${chineseDate(c.compiledDate)}`, H - 12, W));
  return [{ landscape: false, ops }];
}

export interface CatalogRow {
  seq: number;
  docNo: string;
  responsible: string;
  title: string;
  date: string | null;
  pages: string;
  note: string;
}

const CAT_COLS = [
  { key: 'seq', label: '顺序号', w: 13 },
  { key: 'docNo', label: '文号', w: 31 },
  { key: 'responsible', label: '责任者', w: 22 },
  { key: 'title', label: '题名', w: 48 },
  { key: 'date', label: '日期', w: 19 },
  { key: 'pages', label: '页号', w: 15 },
  { key: 'note', label: '备注', w: 14 },
] as const;

/** 卷内目录: as many pages as the rows need, the column header on each, the totals under the last row. */
export function layoutCatalog(m: Metrics, rows: CatalogRow[], archivalNo: string, summary: string): LaidPage[] {
  const W = FRONT.w;
  const H = FRONT.h;
  const size = 10;
  const lh = lineHeight(size, 1.4);
  const headerH = 10;
  const pages: LaidPage[] = [];
  let ops: Op[] = [];
  let y = 0;
  let tableTop = 0;
  const xs: number[] = [];
  CAT_COLS.reduce((x, c) => (xs.push(x), x + c.w), 0);
  const start = () => {
    if (pages.length) ops.push(box(0, tableTop, W, y - tableTop, 1));
    ops = [];
    pages.push({ landscape: false, ops });
    const cont = pages.length > 1;
    ops.push(centred(m, 'title', cont ? 16 : 20, cont ? '卷内目录（续）' : '卷内目录', 10, W, cont ? 2 : 6));
    ops.push(text(0, 19, 'body', 10, `档号：${archivalNo}`));
    y = 22;
    tableTop = y;
    ops.push(hline(0, W, y + headerH, 0.8));
    CAT_COLS.forEach((c, i) => {
      ops.push(
        text(
          xs[i]! + (c.w - m.width('title', c.label, size)) / 2,
          centredBaseline(y, headerH, size),
          'title',
          size,
          c.label,
        ),
      );
    });
    y += headerH;
  };
  const colLines: number[] = [];
  start();
  for (const r of rows) {
    const values: string[] = [String(r.seq), r.docNo, r.responsible, r.title, compactDate(r.date), r.pages, r.note];
    const sizes = CAT_COLS.map((c) => (c.key === 'date' || c.key === 'pages' || c.key === 'docNo' ? 9.5 : size));
    const lines = CAT_COLS.map((c, i) => m.wrap('body', values[i]!, sizes[i]!, c.w - 2.4));
    // The row grows with its 题名 (never cut). A row taller than a whole page continues on the next page.
    const total = Math.max(...lines.map((l) => l.length));
    const full = Math.max(9, total * lh + 3);
    const fresh = H - 14 - (22 + headerH);
    if (y + full > H - 14 + 0.01 && (full <= fresh || y + 3 * lh + 3 > H - 14)) start();
    for (let from = 0; from < total;) {
      const room = Math.max(1, Math.floor((H - 14 + 0.01 - y - 3) / lh));
      const to = Math.min(total, from + room);
      const part = lines.map((l) => l.slice(from, to));
      const h = Math.max(9, (to - from) * lh + 3);
      part.forEach((l, i) => {
        const c = CAT_COLS[i]!;
        const centre = c.key !== 'title' && c.key !== 'responsible' && c.key !== 'docNo' && c.key !== 'note';
        let ly = y + (h - l.length * lh) / 2;
        for (const line of l) {
          const x = centre ? xs[i]! + (c.w - m.width('body', line, sizes[i]!)) / 2 : xs[i]! + 1.2;
          ops.push(text(x, centredBaseline(ly, lh, sizes[i]!), 'body', sizes[i]!, line));
          ly += lh;
        }
      });
      y += h;
      from = to;
      if (from < total) start();
    }
    ops.push(hline(0, W, y, 0.5));
    colLines.push(y);
  }
  ops.push(box(0, tableTop, W, y - tableTop, 1));
  // column rules of every page's table
  for (const p of pages) {
    const frame = p.ops.find((o): o is Extract<Op, { t: 'rect' }> => o.t === 'rect');
    const bottom = frame ? frame.y + frame.h : y;
    for (const x of xs.slice(1)) p.ops.push(vline(x, 22, bottom, 0.5));
  }
  const lines = m.wrap('body', summary, 10.5, W);
  if (y + 4 + lines.length * lineHeight(10.5) > H) {
    ops = [];
    pages.push({ landscape: false, ops });
    y = 10;
  }
  for (const l of lines) {
    y += lineHeight(10.5);
    ops.push(text(0, y + 2, 'body', 10.5, l));
  }
  return pages;
}

export interface BacknoteData {
  archivalNo: string;
  remarks: string;
  creator: string;
  checker: string;
  compiledDate: string | null;
}

/** 卷内备考表: 本卷情况说明 in a bordered box, the 立卷人, 检查人 and 立卷时间 at its foot (on the last page). */
export function layoutBacknote(m: Metrics, d: BacknoteData): LaidPage[] {
  return layoutNoteForm(m, {
    title: '卷内备考表',
    headLine: `档号：${d.archivalNo}`,
    heading: '本卷情况说明',
    remarks: d.remarks,
    signatures: [
      ['立卷人：', d.creator],
      ['检查人：', d.checker],
      ['立卷时间：', chineseDate(d.compiledDate)],
    ],
  });
}

/** A 备考表 (卷内备考表, GB/T 9705; 盒内备考表, DA/T 22): the one form both archiving modes print, in their words. */
export interface NoteForm {
  title: string;
  /** Under the title: the 档号, or the box's 全宗号/年度/盒号 line. */
  headLine: string;
  /** The heading inside the box: 本卷情况说明 / 盒内文件情况说明. */
  heading: string;
  remarks: string;
  /** Label and value of each signature line at the foot of the last page. */
  signatures: [string, string][];
}

/** The remarks wrap in a bordered box over as many pages as they need (“（续）”); the signatures close the last page. */
export function layoutNoteForm(m: Metrics, d: NoteForm): LaidPage[] {
  const W = FRONT.w;
  const H = FRONT.h;
  const size = 12;
  const lh = lineHeight(size, 1.7);
  const lines = m.wrap('body', d.remarks, size, W - 16);
  const pages: LaidPage[] = [];
  const foot = 48;
  let i = 0;
  do {
    const ops: Op[] = [];
    pages.push({ landscape: false, ops });
    const cont = pages.length > 1;
    ops.push(centred(m, 'title', cont ? 16 : 20, cont ? `${d.title}（续）` : d.title, 10, W, cont ? 2 : 6));
    ops.push(text(0, 19, 'body', 10, d.headLine));
    const top = 22;
    ops.push(box(0, top, W, H - top, 1));
    ops.push(text(8, top + 10, 'title', 13, d.heading));
    let y = top + 14;
    const room = Math.floor((H - foot - y - 4) / lh);
    const take = lines.slice(i, i + room);
    for (const l of take) {
      y += lh;
      ops.push(text(8, y, 'body', size, l));
    }
    i += take.length;
    if (i >= lines.length) {
      const fy = H - foot;
      ops.push(hline(0, W, fy, 0.8));
      d.signatures.forEach(([l, v], k) => {
        const by = fy + 13 + k * 12;
        const lx = W / 2 - 8;
        ops.push(text(lx, by, 'title', 13, l));
        ops.push(text(lx + 26, by, 'body', 13, v));
        ops.push(hline(lx + 24, W - 8, by + 1.8, 0.4));
      });
    }
  } while (i < lines.length);
  return pages;
}

/** Page number: top right on front (odd) pages, top left on back (even) pages; in mm from the page's top left. */
export function pageNumberOps(m: Metrics, n: number, front: boolean): Op[] {
  const s = String(n);
  const size = 12;
  const x = front ? A4.w - 14 - m.width('body', s, size) : 14;
  return [text(x, 14, 'body', size, s)];
}

export interface StampData {
  fondsCode: string;
  year: number;
  itemNo: number;
  organization: string;
  retention: Retention;
  pages: number;
}

/**
 * 归档章 (DA/T 22-2015): a box of 2 × 3 cells, 15 × 7 mm each — 全宗号, 年度, 件号 / 机构（问题）, 保管期限, 页数 —
 * at the top right of an item's first page, right-aligned with the text block (`right` mm from the page's left).
 */
export function stampOps(m: Metrics, d: StampData, right: number): Op[] {
  const cw = 15;
  const ch = 7;
  const x0 = right - 3 * cw;
  const y0 = 18;
  const ops: Op[] = [
    box(x0, y0, 3 * cw, 2 * ch, 0.8),
    hline(x0, x0 + 3 * cw, y0 + ch, 0.5),
    vline(x0 + cw, y0, y0 + 2 * ch, 0.5),
    vline(x0 + 2 * cw, y0, y0 + 2 * ch, 0.5),
  ];
  const cells = [
    d.fondsCode || '',
    String(d.year),
    pad(d.itemNo, 3),
    d.organization,
    RETENTION_STAMP[d.retention],
    String(d.pages),
  ];
  cells.forEach((v, i) => {
    let size = 8;
    while (size > 5 && m.width('body', v, size) > cw - 1) size -= 0.5;
    const x = x0 + (i % 3) * cw + (cw - m.width('body', v, size)) / 2;
    ops.push(text(x, centredBaseline(y0 + Math.floor(i / 3) * ch, ch, size), 'body', size, v));
  });
  return ops;
}
