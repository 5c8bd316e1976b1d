/**
 * Generated record sheets: a 明白书 / return register sheet or a hazard's closure sheet as a ruled form (portrait),
 * and a hazard ledger extract as a wide table (landscape, header in two rows with 五落实 grouped, repeated on every
 * page). Coordinates in mm from the content box's top left.
 */
import type { LedgerSheet, RecordSheet, SheetData } from '../types';
import { box, centredBaseline, hline, lineHeight, text, vline, type LaidPage, type Metrics, type Op } from './ops';

/** Content box of a portrait sheet page (A4 less 28/20 mm side margins, 35 mm top, 22 mm bottom). */
export const SHEET = { w: 162, h: 240 };
/** Content box of a landscape page (drawn turned): 297 less 20 (bottom of the sheet) and 35 (top); 210 less 28/20. */
export const LANDSCAPE = { w: 242, h: 162 };

const PAD = 1.6;
const HEAD = 18;

interface Cell {
  x: number;
  w: number;
  font: 'body' | 'title';
  size: number;
  lines: string[];
  align: 'left' | 'center';
}

function cellOps(m: Metrics, c: Cell, top: number, h: number, ops: Op[], lh: number) {
  const block = c.lines.length * lh;
  let y = top + (h - block) / 2;
  for (const line of c.lines) {
    const bl = centredBaseline(y, lh, c.size);
    ops.push(
      text(
        c.align === 'center' ? c.x + (c.w - m.width(c.font, line, c.size)) / 2 : c.x + PAD,
        bl,
        c.font,
        c.size,
        line,
      ),
    );
    y += lh;
  }
}

function wrapCell(m: Metrics, font: 'body' | 'title', size: number, s: string, w: number): string[] {
  return m.wrap(font, s, size, w - 2 * PAD);
}

class Pager {
  pages: LaidPage[] = [];
  ops: Op[] = [];
  y = 0;
  constructor(
    readonly height: number,
    readonly landscape: boolean,
  ) {}
  newPage() {
    if (this.ops.length || this.pages.length === 0)
      this.pages.push({ landscape: this.landscape, ops: (this.ops = []) });
    this.y = 0;
  }
  fits(h: number) {
    return this.y + h <= this.height + 0.01;
  }
}

function heading(m: Metrics, p: Pager, width: number, title: string, subtitle: string, cont: boolean) {
  const size = cont ? 14 : 18;
  const t = cont ? `${title}（续）` : title;
  const tw = m.width('title', t, size, 2);
  p.ops.push(text((width - tw) / 2, 8, 'title', size, t, 2));
  if (subtitle) {
    const sw = m.width('body', subtitle, 10);
    p.ops.push(text(width - sw, 15.5, 'body', 10, subtitle));
  }
  p.y = HEAD;
}

/** The register / closure sheet: label–value rows in a ruled table, then tables (history, files), then a note. */
export function layoutRecordSheet(m: Metrics, s: RecordSheet): LaidPage[] {
  const W = SHEET.w;
  const p = new Pager(SHEET.h, false);
  p.newPage();
  heading(m, p, W, s.title, s.subtitle, false);
  const size = 11;
  const lh = lineHeight(size, 1.5);
  const LABEL = 30;
  let tableTop = p.y;
  const closeTable = () => {
    if (p.y > tableTop) p.ops.push(box(0, tableTop, W, p.y - tableTop, 0.9));
  };
  const breakPage = () => {
    closeTable();
    p.newPage();
    heading(m, p, W, s.title, s.subtitle, true);
    tableTop = p.y;
  };
  for (const row of s.rows) {
    const pairW = row.length === 1 ? W : W / 2;
    const cells = row.flatMap((pair, i) => {
      const x = i * pairW;
      return [
        {
          x,
          w: LABEL,
          font: 'title' as const,
          size,
          lines: wrapCell(m, 'title', size, pair.label, LABEL),
          align: 'center' as const,
        },
        {
          x: x + LABEL,
          w: pairW - LABEL,
          font: 'body' as const,
          size,
          lines: wrapCell(m, 'body', size, pair.value, pairW - LABEL),
          align: 'left' as const,
        },
      ];
    });
    let remaining = cells.map((c) => c.lines);
    const drawRow = (lines: string[][], h: number) => {
      cells.forEach((c, i) => cellOps(m, { ...c, lines: lines[i] ?? [] }, p.y, h, p.ops, lh));
      for (let i = 1; i < cells.length; i++) p.ops.push(vline(cells[i]!.x, p.y, p.y + h, 0.5));
      p.y += h;
      p.ops.push(hline(0, W, p.y, 0.5));
    };
    for (;;) {
      const need = Math.max(Math.max(1, ...remaining.map((l) => l.length)) * lh + 2 * PAD, 10);
      if (p.fits(need)) {
        drawRow(remaining, need);
        break;
      }
      if (need <= SHEET.h - HEAD && p.y > HEAD + 0.01) {
        breakPage(); // fits on a fresh page
        continue;
      }
      // taller than a page: as many lines as fit here, the rest continues on the next page
      const room = Math.floor((SHEET.h - p.y - 2 * PAD) / lh);
      if (room < 2) {
        breakPage();
        continue;
      }
      drawRow(
        remaining.map((l) => l.slice(0, room)),
        room * lh + 2 * PAD,
      );
      remaining = remaining.map((l, i) => (i % 2 === 0 ? [...cells[i]!.lines, '（续）'] : l.slice(room)));
      breakPage();
    }
  }
  closeTable();
  p.y += 6;

  for (const t of s.tables) {
    const total = t.columns.reduce((a, c) => a + c.width, 0);
    const cols = t.columns.map((c) => ({ ...c, w: (c.width / total) * W }));
    const tsize = 10;
    const tlh = lineHeight(tsize, 1.4);
    const headerH = 8;
    const drawHeader = () => {
      p.ops.push(text(0, p.y + 5, 'title', 12, t.title));
      p.y += 8;
      let x = 0;
      p.ops.push(box(0, p.y, W, headerH, 0.8));
      for (const c of cols) {
        const tw = m.width('title', c.label, tsize);
        p.ops.push(text(x + (c.w - tw) / 2, centredBaseline(p.y, headerH, tsize), 'title', tsize, c.label));
        if (x > 0) p.ops.push(vline(x, p.y, p.y + headerH, 0.5));
        x += c.w;
      }
      p.y += headerH;
    };
    if (!p.fits(8 + headerH + 9)) {
      p.newPage();
      heading(m, p, W, s.title, s.subtitle, true);
    }
    drawHeader();
    const rows = t.rows.length ? t.rows : [cols.map((_, i) => (i === 1 ? '（无）' : ''))];
    for (const r of rows) {
      const lines = cols.map((c, i) => wrapCell(m, 'body', tsize, r[i] ?? '', c.w));
      const h = Math.max(7, Math.max(...lines.map((l) => l.length)) * tlh + 2 * PAD);
      if (!p.fits(h)) {
        p.newPage();
        heading(m, p, W, s.title, s.subtitle, true);
        drawHeader();
      }
      let x = 0;
      lines.forEach((l, i) => {
        cellOps(m, { x, w: cols[i]!.w, font: 'body', size: tsize, lines: l, align: 'left' }, p.y, h, p.ops, tlh);
        x += cols[i]!.w;
      });
      p.ops.push(vline(0, p.y, p.y + h, 0.8), vline(W, p.y, p.y + h, 0.8), hline(0, W, p.y + h, 0.5));
      x = 0;
      for (const c of cols.slice(0, -1)) p.ops.push(vline((x += c.w), p.y, p.y + h, 0.5));
      p.y += h;
    }
    p.y += 6;
  }
  if (s.footer) {
    const lines = m.wrap('body', s.footer, 9, W);
    if (!p.fits(lines.length * lineHeight(9))) {
      p.newPage();
      heading(m, p, W, s.title, s.subtitle, true);
    }
    for (const l of lines) {
      p.y += lineHeight(9);
      p.ops.push(text(0, p.y, 'body', 9, l));
    }
  }
  return p.pages;
}

/** Ledger columns: width (mm) and the two header rows (null in the first row continues the 五落实 group). */
export const LEDGER_COLUMNS: { w: number; top: string | null; sub: string | null }[] = [
  { w: 8, top: '序号', sub: null },
  { w: 16, top: '乡镇\n（街道）', sub: null },
  { w: 24, top: '隐患单位', sub: null },
  { w: 13, top: '行业领域', sub: null },
  { w: 38, top: '隐患描述', sub: null },
  { w: 9, top: '等级', sub: null },
  { w: 17, top: '发现日期', sub: null },
  { w: 20, top: '五落实', sub: '责任单位\n（责任人）' },
  { w: 23, top: null, sub: '整改措施' },
  { w: 12, top: null, sub: '资金\n（元）' },
  { w: 17, top: null, sub: '整改时限' },
  { w: 16, top: null, sub: '应急预案' },
  { w: 11, top: '状态', sub: null },
  { w: 18, top: '完成及验收', sub: null },
];

/** The ledger extract as landscape pages with the two-row header repeated on each. */
export function layoutLedgerSheet(m: Metrics, s: LedgerSheet): LaidPage[] {
  const W = LANDSCAPE.w;
  const p = new Pager(LANDSCAPE.h, true);
  const size = 8;
  const lh = lineHeight(size, 1.35);
  const hsize = 8.5;
  const rowH = 6.5;
  const xs: number[] = [];
  LEDGER_COLUMNS.reduce((x, c) => (xs.push(x), x + c.w), 0);
  const top = (cont: boolean) => {
    p.newPage();
    const t = cont ? `${s.title}（续）` : s.title;
    const ts = cont ? 13 : 16;
    p.ops.push(text((W - m.width('title', t, ts, 1)) / 2, 7, 'title', ts, t, 1));
    p.ops.push(text(0, 13.5, 'body', 9, s.subtitle));
    p.y = 16;
    // two header rows
    const y0 = p.y;
    p.ops.push(box(0, y0, W, 2 * rowH, 0.8), hline(xs[7]!, xs[12]!, y0 + rowH, 0.5));
    LEDGER_COLUMNS.forEach((c, i) => {
      const x = xs[i]!;
      if (i > 0 && c.top !== null) p.ops.push(vline(x, y0, y0 + 2 * rowH, 0.5));
      if (i > 0 && c.top === null) p.ops.push(vline(x, y0 + rowH, y0 + 2 * rowH, 0.5));
      if (c.top !== null) {
        let span = c.w;
        for (let j = i + 1; j < LEDGER_COLUMNS.length && LEDGER_COLUMNS[j]!.top === null; j++)
          span += LEDGER_COLUMNS[j]!.w;
        const lines = m.wrap('title', c.top, hsize, span - 1);
        const bandH = c.sub === null ? 2 * rowH : rowH;
        lines.forEach((l, k) => {
          const bl = centredBaseline(y0 + (bandH - lines.length * lh) / 2 + k * lh, lh, hsize);
          p.ops.push(text(x + (span - m.width('title', l, hsize)) / 2, bl, 'title', hsize, l));
        });
      }
      if (c.sub !== null) {
        const lines = m.wrap('title', c.sub, hsize - 0.5, c.w - 1);
        lines.forEach((l, k) => {
          const bl = centredBaseline(y0 + rowH + (rowH - lines.length * lh) / 2 + k * lh, lh, hsize - 0.5);
          p.ops.push(text(x + (c.w - m.width('title', l, hsize - 0.5)) / 2, bl, 'title', hsize - 0.5, l));
        });
      }
    });
    p.y = y0 + 2 * rowH;
  };
  top(false);
  const rows = s.rows.length ? s.rows : [['', '', '（无符合条件的隐患）']];
  for (const r of rows) {
    const lines = LEDGER_COLUMNS.map((c, i) => m.wrap('body', r[i] ?? '', size, c.w - 2 * 1.0));
    const h = Math.max(6, Math.max(...lines.map((l) => l.length)) * lh + 2);
    if (!p.fits(h)) top(true);
    lines.forEach((l, i) => {
      let y = p.y + (h - l.length * lh) / 2;
      for (const line of l) {
        p.ops.push(text(xs[i]! + 1, centredBaseline(y, lh, size), 'body', size, line));
        y += lh;
      }
      if (i > 0) p.ops.push(vline(xs[i]!, p.y, p.y + h, 0.4));
    });
    p.ops.push(vline(0, p.y, p.y + h, 0.8), vline(W, p.y, p.y + h, 0.8), hline(0, W, p.y + h, 0.4));
    p.y += h;
  }
  if (s.footer) {
    if (!p.fits(6)) top(true);
    p.ops.push(text(0, p.y + 4.5, 'body', 8, s.footer));
  }
  return p.pages;
}

export function layoutSheet(m: Metrics, s: SheetData): LaidPage[] {
  return s.type === 'ledger' ? layoutLedgerSheet(m, s) : layoutRecordSheet(m, s);
}
