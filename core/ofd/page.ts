/**
 * One OFD page being built (OfdPage): text, lines, rectangles and images in painting order, each with its
 * Boundary (its box in page coordinates, millimetres, origin top left, y downward) and, for turned content, a CTM
 * mapping its own coordinates into that box; and the affine matrices (Matrix) the callers place things with. The
 * document around the pages is writer.ts.
 */
import { escapeText, num, OFD_NS } from './xml';

/** An affine map [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f (as in PDF and OFD's CTM). */
export type Matrix = [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

/** m1 then m2. */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[1] * m2[2],
    m1[0] * m2[1] + m1[1] * m2[3],
    m1[2] * m2[0] + m1[3] * m2[2],
    m1[2] * m2[1] + m1[3] * m2[3],
    m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
    m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
  ];
}

const isIdentity = (m: Matrix) => m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The bounding box (page coordinates) of a local rectangle mapped by `m`. */
function mappedBox(m: Matrix, x: number, y: number, w: number, h: number): Box {
  const pts = [apply(m, x, y), apply(m, x + w, y), apply(m, x, y + h), apply(m, x + w, y + h)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return { x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 };
}

const boxAttr = (b: Box) => `${num(b.x)} ${num(b.y)} ${num(b.w)} ${num(b.h)}`;

/** CTM of an object whose own coordinates map to the page by `m`, written relative to its Boundary `b`. */
const ctmAttr = (m: Matrix, b: Box) =>
  `${num6(m[0])} ${num6(m[1])} ${num6(m[2])} ${num6(m[3])} ${num(m[4] - b.x)} ${num(m[5] - b.y)}`;
const num6 = (n: number) => {
  const r = Math.round(n * 1e6) / 1e6;
  return r === 0 ? '0' : String(r);
};

/** "#rrggbb" → "r g b". */
function rgb(hex: string): string {
  const h = hex.replace('#', '');
  const full =
    h.length === 3
      ? h
          .split('')
          .map((c) => c + c)
          .join('')
      : h;
  const v = parseInt(full.slice(0, 6), 16);
  return `${(v >> 16) & 255} ${(v >> 8) & 255} ${v & 255}`;
}

/** DeltaX with runs of equal values abbreviated ("g 4 3.5"). */
export function deltaAttr(deltas: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < deltas.length;) {
    const v = num(deltas[i]!);
    let j = i + 1;
    while (j < deltas.length && num(deltas[j]!) === v) j++;
    if (j - i >= 3) out.push(`g ${j - i} ${v}`);
    else for (let k = i; k < j; k++) out.push(v);
    i = j;
  }
  return out.join(' ');
}

/** One page being built: objects are added in painting order. */
export class OfdPage {
  private objects: string[] = [];
  constructor(
    private readonly nextId: () => number,
    readonly width: number,
    readonly height: number,
  ) {}

  get objectCount(): number {
    return this.objects.length;
  }

  /**
   * A run of text in one font: `x`, `y` the start of its baseline, `size` the em in mm, `advances` each
   * character's advance (mm, one per code point; the last one gives the width). `m` maps these coordinates to
   * the page (turned content).
   */
  text(
    x: number,
    y: number,
    font: number,
    size: number,
    text: string,
    advances: number[],
    opts: { m?: Matrix; color?: string; ascent?: number; descent?: number } = {},
  ): void {
    const chars = [...text];
    if (!chars.length) return;
    // leading and trailing spaces carry no ink; an XML reader may drop them
    let start = 0;
    let end = chars.length;
    while (start < end && chars[start] === ' ') x += advances[start++] ?? 0;
    while (end > start && chars[end - 1] === ' ') end--;
    if (start >= end) return;
    const used = chars.slice(start, end);
    const adv = advances.slice(start, end);
    const width = adv.reduce((a, b) => a + b, 0);
    const ascent = opts.ascent ?? size * 0.9;
    const descent = opts.descent ?? size * 0.25;
    const m = opts.m ?? IDENTITY;
    const local = { x, y: y - ascent, w: Math.max(width, size * 0.1), h: ascent + descent };
    const b = mappedBox(m, local.x, local.y, local.w, local.h);
    const id = this.nextId();
    const plain = isIdentity(m);
    const ox = plain ? b.x - m[4] : 0;
    const oy = plain ? b.y - m[5] : 0;
    const ctm = plain ? '' : ` CTM="${ctmAttr(m, b)}"`;
    const delta = adv.length > 1 ? ` DeltaX="${deltaAttr(adv.slice(0, -1))}"` : '';
    const fill = opts.color && opts.color !== '#000000' ? `<ofd:FillColor Value="${rgb(opts.color)}"/>` : '';
    this.objects.push(
      `<ofd:TextObject ID="${id}" Boundary="${boxAttr(b)}" Font="${font}" Size="${num(size)}"${ctm}>${fill}` +
        `<ofd:TextCode X="${num(x - ox)}" Y="${num(y - oy)}"${delta}>${escapeText(used.join(''))}</ofd:TextCode></ofd:TextObject>`,
    );
  }

  /** A straight line of width `lw` mm. */
  line(x1: number, y1: number, x2: number, y2: number, lw: number, m: Matrix = IDENTITY): void {
    const pad = lw / 2;
    const lx = Math.min(x1, x2) - pad;
    const ly = Math.min(y1, y2) - pad;
    this.path(
      mappedBox(m, lx, ly, Math.abs(x2 - x1) + lw, Math.abs(y2 - y1) + lw),
      m,
      (ox, oy) => `M ${num(x1 - ox)} ${num(y1 - oy)} L ${num(x2 - ox)} ${num(y2 - oy)}`,
      { lw },
    );
  }

  /** A rectangle: stroked with `lw` mm, or filled with `fill` ("#rrggbb"). */
  rect(x: number, y: number, w: number, h: number, opts: { lw?: number; fill?: string }, m: Matrix = IDENTITY): void {
    const pad = opts.fill ? 0 : (opts.lw ?? 0.25) / 2;
    this.path(
      mappedBox(m, x - pad, y - pad, w + 2 * pad, h + 2 * pad),
      m,
      (ox, oy) =>
        `M ${num(x - ox)} ${num(y - oy)} L ${num(x + w - ox)} ${num(y - oy)} L ${num(x + w - ox)} ${num(y + h - oy)} L ${num(x - ox)} ${num(y + h - oy)} C`,
      opts,
    );
  }

  private path(
    b: Box,
    m: Matrix,
    data: (ox: number, oy: number) => string,
    opts: { lw?: number; fill?: string },
  ): void {
    const id = this.nextId();
    const plain = isIdentity(m);
    const ox = plain ? b.x - m[4] : 0;
    const oy = plain ? b.y - m[5] : 0;
    const ctm = plain ? '' : ` CTM="${ctmAttr(m, b)}"`;
    const paint = opts.fill
      ? ` Stroke="false" Fill="true"`
      : ` LineWidth="${num(opts.lw ?? 0.25)}" Stroke="true" Fill="false"`;
    const colour = opts.fill ? `<ofd:FillColor Value="${rgb(opts.fill)}"/>` : `<ofd:StrokeColor Value="0 0 0"/>`;
    this.objects.push(
      `<ofd:PathObject ID="${id}" Boundary="${boxAttr(b)}"${ctm}${paint}>${colour}<ofd:AbbreviatedData>${data(ox, oy)}</ofd:AbbreviatedData></ofd:PathObject>`,
    );
  }

  /**
   * An image resource drawn by `m`, which maps the image's unit square (origin at its top left corner, y down)
   * onto the page: for an upright image of w × h mm at (x, y), [w 0 0 h x y].
   */
  image(resource: number, m: Matrix): void {
    const b = mappedBox(m, 0, 0, 1, 1);
    const id = this.nextId();
    this.objects.push(
      `<ofd:ImageObject ID="${id}" Boundary="${boxAttr(b)}" CTM="${ctmAttr(m, b)}" ResourceID="${resource}"/>`,
    );
  }

  xml(layerId: number): string {
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="${OFD_NS}">` +
      `<ofd:Area><ofd:PhysicalBox>0 0 ${num(this.width)} ${num(this.height)}</ofd:PhysicalBox></ofd:Area>` +
      `<ofd:Content><ofd:Layer ID="${layerId}" Type="Body">${this.objects.join('')}</ofd:Layer></ofd:Content></ofd:Page>`
    );
  }
}
