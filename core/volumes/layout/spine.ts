/**
 * 卷脊 (the spine label of a 卷, GB/T 9705-2008 附录): a strip as wide as the 卷盒 is thick (20, 30, 40 or 50 mm,
 * from the 卷's sheets), printed on A4 and cut out along its frame. Top to bottom: 档号 (its parts one per line),
 * 案卷题名 written vertically (in columns right to left when long), 年度, 保管期限.
 */
import { box, centredBaseline, hline, text, type LaidPage, type Metrics, type Op } from './ops';

/** Standard 卷盒 thicknesses (mm). */
export const SPINE_WIDTHS = [20, 30, 40, 50] as const;
/** Height of the strip (mm): the A4 sheet less its printable margins. */
export const SPINE_HEIGHT = 270;

export interface SpineData {
  /** The 档号 split at its hyphens: A012 / WS·2024 / D30 / 0001. */
  archivalParts: string[];
  title: string;
  year: number;
  retention: string;
  /** “第 2 卷 共 3 卷” when the volume was split. */
  partLabel: string | null;
  /** Paper sheets of the 卷 (decides the width). */
  sheets: number;
}

/** The smallest standard width holding the 卷: about 0.1 mm a sheet, plus the cover boards. */
export function spineWidth(sheets: number): number {
  const thick = sheets * 0.1 + 4;
  return SPINE_WIDTHS.find((w) => w >= thick) ?? 50;
}

/** Vertical presentation forms of brackets and punctuation (drawn upright in a vertical line). */
const VERTICAL: Record<string, string> = {
  '（': '︵',
  '）': '︶',
  '(': '︵',
  ')': '︶',
  '《': '︽',
  '》': '︾',
  '〔': '︹',
  '〕': '︺',
  '【': '︻',
  '】': '︼',
  '“': '﹁',
  '”': '﹂',
  '「': '﹁',
  '」': '﹂',
  '、': '︑',
  '，': '︐',
  '。': '︒',
  '：': '︓',
  '；': '︔',
  '—': '︱',
};

/** The cells of a vertical line: one Chinese character each, short Latin/digit runs (≤ 4) kept upright together. */
export function verticalCells(s: string, hasGlyph: (ch: string) => boolean): string[] {
  const out: string[] = [];
  for (const tok of s.replace(/\s+/g, '').match(/[A-Za-z0-9.·]{1,4}|./gsu) ?? []) {
    const v = VERTICAL[tok];
    out.push(v && hasGlyph(v) ? v : tok);
  }
  return out;
}

function centredText(m: Metrics, font: 'body' | 'title', size: number, s: string, x: number, w: number, y: number): Op {
  return text(x + (w - m.width(font, s, size)) / 2, y, font, size, s);
}

/** The largest size ≤ max at which `s` fits `w` mm. */
function fit(m: Metrics, font: 'body' | 'title', s: string, w: number, max: number, min = 5): number {
  let size = max;
  while (size > min && m.width(font, s, size) > w) size -= 0.5;
  return size;
}

/** One strip at (x, 0) of its page, ops in mm. */
export function spineOps(m: Metrics, d: SpineData, x: number, hasGlyph: (ch: string) => boolean): Op[] {
  const w = spineWidth(d.sheets);
  const H = SPINE_HEIGHT;
  const inner = w - 3;
  const ops: Op[] = [box(x, 0, w, H, 0.8)];
  let y = 4;
  const label = (s: string) => {
    const size = fit(m, 'title', s, inner, 9);
    y += size * 0.3528 + 1;
    ops.push(centredText(m, 'title', size, s, x, w, y));
    y += 2;
  };
  label('档号');
  const codeSize = Math.min(...d.archivalParts.map((p) => fit(m, 'body', p, inner, 12)));
  for (const p of d.archivalParts) {
    y += codeSize * 0.3528 * 1.25;
    ops.push(centredText(m, 'body', codeSize, p, x, w, y));
  }
  if (d.partLabel) {
    const size = fit(m, 'body', d.partLabel, inner, 9);
    y += size * 0.3528 * 1.6;
    ops.push(centredText(m, 'body', size, d.partLabel, x, w, y));
  }
  y += 4;
  ops.push(hline(x, x + w, y, 0.5));
  // the bottom: 年度, 保管期限
  const foot = 44;
  const fy = H - foot;
  ops.push(hline(x, x + w, fy, 0.5), hline(x, x + w, fy + foot / 2, 0.5));
  const yearSize = fit(m, 'body', String(d.year), inner, 14);
  ops.push(centredText(m, 'title', fit(m, 'title', '年度', inner, 9), '年度', x, w, fy + 6));
  ops.push(centredText(m, 'body', yearSize, String(d.year), x, w, centredBaseline(fy + 8, foot / 2 - 8, yearSize)));
  const rSize = fit(m, 'body', d.retention, inner, 12);
  const ry = fy + foot / 2;
  ops.push(centredText(m, 'title', fit(m, 'title', '保管期限', inner, 9), '保管期限', x, w, ry + 6));
  ops.push(centredText(m, 'body', rSize, d.retention, x, w, centredBaseline(ry + 8, foot / 2 - 8, rSize)));
  // the title, vertical: the largest size (≤ 16 pt) at which it fits in as few columns as the width allows
  const top = y + 3;
  const room = fy - 3 - top;
  const cells = verticalCells(d.title, hasGlyph);
  let size = 16;
  let cols = 1;
  let rows = cells.length;
  for (; size >= 6; size -= 0.5) {
    const cell = size * 0.3528 * 1.12;
    rows = Math.max(1, Math.floor(room / cell));
    cols = Math.ceil(cells.length / rows);
    if (cols * size * 0.3528 * 1.15 <= inner) break;
  }
  const cell = size * 0.3528 * 1.12;
  const colW = size * 0.3528 * 1.15;
  const startX = x + (w + cols * colW) / 2 - colW; // the first column on the right
  for (let c = 0; c < cols; c++) {
    const col = cells.slice(c * rows, (c + 1) * rows);
    const h = col.length * cell;
    let cy = top + (cols === 1 ? (room - h) / 2 : 0);
    for (const ch of col) {
      const s = m.width('body', ch, size) > colW ? fit(m, 'body', ch, colW, size) : size;
      cy += cell;
      ops.push(centredText(m, 'body', s, ch, startX - c * colW, colW, cy - cell * 0.18));
    }
  }
  return ops;
}

/** Strips side by side on A4 portrait pages, 12 mm from the top, 8 mm apart. */
export function layoutSpines(m: Metrics, list: SpineData[], hasGlyph: (ch: string) => boolean): LaidPage[] {
  const pages: LaidPage[] = [];
  let ops: Op[] = [];
  let x = 0;
  const avail = 190;
  for (const d of list) {
    const w = spineWidth(d.sheets);
    if (!pages.length || x + w > avail) {
      ops = [];
      pages.push({ landscape: false, ops });
      x = 0;
    }
    ops.push(...spineOps(m, d, x, hasGlyph));
    x += w + 8;
  }
  return pages;
}
