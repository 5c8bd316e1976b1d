/**
 * The forms of a 档案盒 (按件归档, DA/T 22-2015): the 归档文件目录 (one row per 件 in 件号 order, the header repeated
 * on every page, 题名 wrapped and never cut), the 盒内备考表 (盒内文件情况说明, 整理人, 检查人, 日期), the 盒脊 label
 * (its own page at true size: the box width × SPINE_HEIGHT mm) and the 归档章 with its 4-digit 件号.
 */
import { pieceNoText } from '../../domain/archiveMode';
import { RETENTION_STAMP, chineseDate, compactDate } from '../archivalNo';
import type { Retention } from '../../../db/schema/volumes';
import { FRONT, layoutNoteForm } from './front';
import { box, centredBaseline, hline, lineHeight, text, vline, type LaidPage, type Metrics, type Op } from './ops';

/** Height (mm) of the printed 盒脊 label: it fits an A4 sheet's length and goes on the 310 mm spine of the box. */
export const SPINE_HEIGHT = 270;

function centred(m: Metrics, font: 'body' | 'title', size: number, s: string, y: number, width: number, spacing = 0) {
  return text((width - m.width(font, s, size, spacing)) / 2, y, font, size, s, spacing);
}

export interface DirectoryRow {
  pieceNo: number;
  responsible: string;
  docNo: string;
  title: string;
  date: string | null;
  pages: number;
  note: string;
}

const DIR_COLS = [
  { key: 'pieceNo', label: '件号', w: 14, centre: true },
  { key: 'responsible', label: '责任者', w: 25, centre: false },
  { key: 'docNo', label: '文号', w: 27, centre: false },
  { key: 'title', label: '题名', w: 56, centre: false },
  { key: 'date', label: '日期', w: 18, centre: true },
  { key: 'pages', label: '页数', w: 10, centre: true },
  { key: 'note', label: '备注', w: 12, centre: false },
] as const;

/**
 * 归档文件目录: the heading, a line naming the box (全宗号, 年度, 保管期限, 机构（问题）, 盒号), then the table; as many
 * pages as the rows need. A row grows with its longest cell; a row taller than a page continues on the next.
 */
export function layoutDirectory(m: Metrics, rows: DirectoryRow[], boxLine: string, summary: string): LaidPage[] {
  const W = FRONT.w;
  const H = FRONT.h;
  const size = 10;
  const lh = lineHeight(size, 1.4);
  const headerH = 10;
  const bottom = H - 14;
  const pages: LaidPage[] = [];
  let ops: Op[] = [];
  let y = 0;
  const xs: number[] = [];
  DIR_COLS.reduce((x, c) => (xs.push(x), x + c.w), 0);
  const tops: number[] = [];
  const close = () => {
    const top = tops[tops.length - 1]!;
    ops.push(box(0, top, W, y - top, 1));
    for (const x of xs.slice(1)) ops.push(vline(x, top, y, 0.5));
  };
  const start = () => {
    if (pages.length) close();
    ops = [];
    pages.push({ landscape: false, ops });
    const cont = pages.length > 1;
    ops.push(centred(m, 'title', cont ? 16 : 20, cont ? '归档文件目录（续）' : '归档文件目录', 10, W, cont ? 2 : 6));
    for (const [i, l] of m.wrap('body', boxLine, 10, W).entries()) ops.push(text(0, 18 + i * 4.5, 'body', 10, l));
    y = 18 + m.wrap('body', boxLine, 10, W).length * 4.5;
    tops.push(y);
    ops.push(hline(0, W, y + headerH, 0.8));
    DIR_COLS.forEach((c, i) =>
      ops.push(
        text(
          xs[i]! + (c.w - m.width('title', c.label, size)) / 2,
          centredBaseline(y, headerH, size),
          'title',
          size,
          c.label,
        ),
      ),
    );
    y += headerH;
  };
  start();
  for (const r of rows) {
    const values = [
      pieceNoText(r.pieceNo),
      r.responsible,
      r.docNo,
      r.title,
      compactDate(r.date),
      String(r.pages),
      r.note,
    ];
    const sizes = DIR_COLS.map((c) => (c.key === 'docNo' || c.key === 'date' ? 9 : size));
    const lines = DIR_COLS.map((c, i) => m.wrap('body', values[i]!, sizes[i]!, c.w - 2.4));
    const total = Math.max(...lines.map((l) => l.length));
    const full = Math.max(9, total * lh + 3);
    const fresh = bottom - (tops[0]! + headerH);
    if (y + full > bottom + 0.01 && (full <= fresh || y + 3 * lh + 3 > bottom)) start();
    for (let from = 0; from < total;) {
      const room = Math.max(1, Math.floor((bottom + 0.01 - y - 3) / lh));
      const to = Math.min(total, from + room);
      const h = Math.max(9, (to - from) * lh + 3);
      lines.forEach((all, i) => {
        const c = DIR_COLS[i]!;
        const part = all.slice(from, to);
        let ly = y + (h - part.length * lh) / 2;
        for (const line of part) {
          const x = c.centre ? xs[i]! + (c.w - m.width('body', line, sizes[i]!)) / 2 : xs[i]! + 1.2;
          ops.push(text(x, centredBaseline(ly, lh, sizes[i]!), 'body', sizes[i]!, line));
          ly += lh;
        }
      });
      y += h;
      from = to;
      if (from < total) start();
    }
    ops.push(hline(0, W, y, 0.5));
  }
  close();
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

export interface BoxNoteData {
  boxLine: string;
  remarks: string;
  arranger: string;
  checker: string;
  date: string | null;
}

/** 盒内备考表 (DA/T 22-2015 9.2): 盒内文件情况说明 in a ruled box, 整理人, 检查人 and 日期 at its foot. */
export function layoutBoxNote(m: Metrics, d: BoxNoteData): LaidPage[] {
  return layoutNoteForm(m, {
    title: '盒内备考表',
    headLine: d.boxLine,
    heading: '盒内文件情况说明',
    remarks: d.remarks,
    signatures: [
      ['整理人：', d.arranger],
      ['检查人：', d.checker],
      ['日期：', chineseDate(d.date)],
    ],
  });
}

export interface SpineData {
  /** Box width (mm): 20, 30, 40 or 50. */
  width: number;
  fondsCode: string;
  orgCode: string;
  year: string;
  retention: string;
  firstNo: number;
  lastNo: number;
  boxNo: number;
}

/**
 * 盒脊 label at true size (width × SPINE_HEIGHT mm, drawn from the page's top left): a double frame, the fields
 * stacked from the top (全宗号, 机构（问题）, 年度, 保管期限, 起止件号, 盒号 as DA/T 22-2015 lists them), each a label
 * and its value, the values as large as the width allows; 起止件号 on three lines (0001 / 至 / 0012).
 */
export function layoutSpine(m: Metrics, d: SpineData): LaidPage {
  const W = d.width;
  const H = SPINE_HEIGHT;
  const ops: Op[] = [box(1, 1, W - 2, H - 2, 1.2), box(2.2, 2.2, W - 4.4, H - 4.4, 0.4)];
  const inner = W - 6;
  const fields: [string, string[], number][] = [
    ['全宗号', [d.fondsCode || '—'], 34],
    ['机构（问题）', [d.orgCode || '—'], 34],
    ['年度', [d.year], 34],
    ['保管期限', [d.retention], 34],
    ['起止件号', [pieceNoText(d.firstNo), '至', pieceNoText(d.lastNo)], 62],
    ['盒号', [pieceNoText(d.boxNo)], 52],
  ];
  let y = 8;
  const fit = (font: 'body' | 'title', s: string, max: number) => {
    let size = max;
    while (size > 5 && m.width(font, s, size) > inner) size -= 0.5;
    return size;
  };
  fields.forEach(([label, values, h], k) => {
    const ls = fit('title', label, 10);
    ops.push(text((W - m.width('title', label, ls)) / 2, y + 6, 'title', ls, label));
    const vs = Math.min(...values.map((v) => fit('body', v, label === '盒号' ? 22 : 16)));
    const vlh = lineHeight(vs, 1.3);
    let vy = y + 9 + (h - 9 - values.length * vlh) / 2;
    for (const v of values) {
      ops.push(text((W - m.width('body', v, vs)) / 2, centredBaseline(vy, vlh, vs), 'body', vs, v));
      vy += vlh;
    }
    y += h;
    if (k < fields.length - 1) ops.push(hline(2.2, W - 2.2, y, 0.5));
  });
  return { landscape: false, ops };
}

export interface PieceStampData {
  fondsCode: string;
  year: number;
  pieceNo: number;
  orgCode: string;
  retention: Retention;
  pages: number;
}

/**
 * 归档章 (DA/T 22-2015 7.6): 2 rows × 3 cells, 15 × 7 mm each — 全宗号, 年度, 件号 / 机构（问题）, 保管期限, 页数 — at the
 * top right of a 件's first page (`right` mm from the page's left), the 件号 in 4 digits.
 */
export function pieceStampOps(m: Metrics, d: PieceStampData, right: number): Op[] {
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
    d.fondsCode,
    String(d.year),
    pieceNoText(d.pieceNo),
    d.orgCode,
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
