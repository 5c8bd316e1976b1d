/**
 * Layout as data: a page is a list of drawing operations in millimetres, relative to its content box. Layouts are
 * computed once (so page counts are known before anything is drawn, for the 卷内目录) and painted later with pdfkit.
 */
import type PDFDocument from 'pdfkit';
import { fontRuns, textWidth, useFont } from '../../pdf/fonts';

type Doc = InstanceType<typeof PDFDocument>;
export type FontName = 'body' | 'title';

export const MM = 72 / 25.4;
export const A4 = { w: 210, h: 297 };

/** Text op: `y` is the baseline. */
export type Op =
  | { t: 'text'; x: number; y: number; font: FontName; size: number; text: string; spacing?: number }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; w: number }
  | { t: 'rect'; x: number; y: number; w: number; h: number; lw: number; fill?: string };

export interface LaidPage {
  /** Landscape content is drawn turned 90° anticlockwise on the portrait sheet (its top at the binding edge). */
  landscape: boolean;
  ops: Op[];
}

/**
 * Text measurement with the document's fonts and per-character fallback (fonts.ts). Widths are cached per font and
 * character at 1 pt, so long tables lay out quickly.
 */
export class Metrics {
  /** Width at 1 pt of each character, per font. */
  private widths: Record<FontName, Map<string, number>> = { body: new Map(), title: new Map() };
  private wrapped = new Map<string, string[]>();
  constructor(readonly doc: Doc) {}

  /** Width in mm of `text` at `size` pt. */
  width(font: FontName, text: string, size: number, spacing = 0): number {
    const cache = this.widths[font];
    let w = 0;
    let n = 0;
    for (const ch of text) {
      let cw = cache.get(ch);
      if (cw === undefined) cache.set(ch, (cw = this.charWidth(font, ch)));
      w += cw;
      n++;
    }
    return (w * size + spacing * Math.max(0, n - 1)) / MM;
  }

  private charWidth(font: FontName, ch: string): number {
    this.doc.fontSize(1000);
    return textWidth(this.doc, font, ch) / 1000;
  }

  /** wrap(), remembered: table cells repeat (乡镇, 行业, 状态, dates …). Callers get their own copy. */
  wrap(font: FontName, text: string, size: number, width: number): string[] {
    const key = `${font}\u0000${size}\u0000${width}\u0000${text}`;
    let lines = this.wrapped.get(key);
    if (!lines) {
      lines = this.wrapText(font, text, size, width);
      if (this.wrapped.size >= 50_000) this.wrapped.clear();
      this.wrapped.set(key, lines);
    }
    return lines.slice();
  }

  /**
   * Breaks text into lines no wider than `width` mm: Chinese breaks between any two characters, Latin words and
   * numbers stay whole when they fit, closing punctuation never starts a line (it hangs at the end instead).
   */
  private wrapText(font: FontName, text: string, size: number, width: number): string[] {
    const out: string[] = [];
    for (const para of text.replace(/\r\n?/g, '\n').split('\n')) {
      const tokens = para.match(/[A-Za-z0-9.,:;/@#%&+\-_'"()[\]]+|\s+|./gsu) ?? [];
      let line = '';
      let lineW = 0;
      const push = () => {
        out.push(line.trimEnd());
        line = '';
        lineW = 0;
      };
      for (const tok of tokens) {
        const w = this.width(font, tok, size);
        if (lineW + w <= width + 0.01 || line === '') {
          if (w > width && [...tok].length > 1) {
            // a word longer than the line: break it by characters
            for (const ch of tok) {
              const cw = this.width(font, ch, size);
              if (lineW + cw > width + 0.01 && line !== '') push();
              line += ch;
              lineW += cw;
            }
            continue;
          }
          if (line === '' && /^\s+$/.test(tok)) continue;
          line += tok;
          lineW += w;
          continue;
        }
        if (CLOSING.test(tok)) {
          // hanging punctuation: keep it on this line, slightly over the edge
          line += tok;
          push();
          continue;
        }
        push();
        if (/^\s+$/.test(tok)) continue;
        line = tok;
        lineW = w;
      }
      if (line !== '' || out.length === 0 || para === '') push();
    }
    return out;
  }
}

const CLOSING = /^[，。、；：？！）》」』”’〕】,.;:?!)\]]$/u;

/** pdfkit internals the text writer uses (pdfkit 0.20: the document, its current font, the page). */
interface KitPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}
interface KitTextDoc {
  _font: { id: string; ref(): unknown; encode(text: string, features?: unknown): [string[], KitPosition[]] };
  page: { fonts: Record<string, unknown>; height: number };
  addContent(s: string): unknown;
}

const encodedTexts = new WeakMap<object, Map<string, [string[], KitPosition[]]>>();

/** Numbers as pdfkit writes them. */
const num = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Writes the text ops of a page into its content stream: what pdfkit's doc.text(s, x, y, { lineBreak: false,
 * baseline: 'alphabetic', features: [] }) writes for each run (the font, the text matrix, the glyphs in a TJ with
 * pdfkit's kerning adjustments), but consecutive texts share one text object and one coordinate flip, and pdfkit's
 * per-call option handling, line splitting and measuring are skipped. A run with glyph offsets (combining marks)
 * goes through doc.text as before.
 */
class TextWriter {
  private open = false;
  private fontId = '';
  private size = 0;
  private spacing = 0;
  constructor(private doc: Doc) {}

  private begin(k: KitTextDoc) {
    if (this.open) return;
    this.doc.save();
    this.doc.transform(1, 0, 0, -1, 0, k.page.height);
    k.addContent('BT');
    this.open = true;
    this.fontId = '';
    this.spacing = 0;
  }

  end() {
    if (!this.open) return;
    (this.doc as unknown as KitTextDoc).addContent('ET');
    this.doc.restore();
    this.open = false;
  }

  /** One run in the current font at (x, y) (pdfkit's top-down points, y the baseline). */
  run(text: string, x: number, y: number, size: number, spacing: number) {
    const k = this.doc as unknown as KitTextDoc;
    const font = k._font;
    // Encoding adds the glyphs to the font's subset; once they are in, the same text encodes the same way.
    let known = encodedTexts.get(font);
    if (!known) encodedTexts.set(font, (known = new Map()));
    let enc = known.get(text);
    if (!enc) {
      if (known.size >= 20_000) known.clear();
      known.set(text, (enc = font.encode(text, [])));
    }
    const [encoded, positions] = enc;
    if (positions.some((p) => p.xOffset || p.yOffset)) {
      this.end();
      this.doc.text(text, x, y, {
        lineBreak: false,
        features: [],
        baseline: 'alphabetic',
        characterSpacing: spacing,
      } as PDFKit.Mixins.TextOptions);
      return;
    }
    this.begin(k);
    if (k.page.fonts[font.id] == null) k.page.fonts[font.id] = font.ref();
    if (font.id !== this.fontId || size !== this.size) {
      k.addContent(`/${font.id} ${num(size)} Tf`);
      this.fontId = font.id;
      this.size = size;
    }
    if (spacing !== this.spacing) {
      k.addContent(`${num(spacing)} Tc`);
      this.spacing = spacing;
    }
    k.addContent(`1 0 0 1 ${num(x)} ${num(k.page.height - y)} Tm`);
    const commands: string[] = [];
    let last = 0;
    const segment = (cur: number) => {
      if (last < cur) {
        const p = positions[cur - 1]!;
        commands.push(`<${encoded.slice(last, cur).join('')}> ${num(-(p.xAdvance - p.advanceWidth))}`);
      }
      last = cur;
    };
    for (let i = 0; i < positions.length; i++)
      if (positions[i]!.xAdvance - positions[i]!.advanceWidth !== 0) segment(i + 1);
    segment(positions.length);
    if (commands.length) k.addContent(`[${commands.join(' ')}] TJ`);
  }
}

/** Paints ops with pdfkit; (ox, oy) is where the content box starts, in mm from the top left of the frame. */
export function paint(doc: Doc, ops: Op[], ox: number, oy: number): void {
  const w = new TextWriter(doc);
  for (const op of ops) {
    if (op.t === 'text') {
      if (!op.text) continue;
      doc.fontSize(op.size);
      let x = (ox + op.x) * MM;
      const y = (oy + op.y) * MM;
      const spacing = op.spacing ?? 0;
      for (const r of fontRuns(doc, op.font, op.text)) {
        useFont(doc, r.font);
        w.run(r.text, x, y, op.size, spacing);
        x += doc.widthOfString(r.text, { characterSpacing: spacing });
      }
      continue;
    }
    w.end();
    if (op.t === 'line') {
      doc
        .moveTo((ox + op.x1) * MM, (oy + op.y1) * MM)
        .lineTo((ox + op.x2) * MM, (oy + op.y2) * MM)
        .lineWidth(op.w)
        .strokeColor('#000000')
        .stroke();
    } else {
      const r = doc.rect((ox + op.x) * MM, (oy + op.y) * MM, op.w * MM, op.h * MM);
      if (op.fill) r.fillColor(op.fill).fill().fillColor('#000000');
      else r.lineWidth(op.lw).strokeColor('#000000').stroke();
    }
  }
  w.end();
}

/** Small helpers that build ops. */
export const text = (x: number, y: number, font: FontName, size: number, s: string, spacing?: number): Op => ({
  t: 'text',
  x,
  y,
  font,
  size,
  text: s,
  ...(spacing ? { spacing } : {}),
});
export const hline = (x1: number, x2: number, y: number, w = 0.6): Op => ({ t: 'line', x1, y1: y, x2, y2: y, w });
export const vline = (x: number, y1: number, y2: number, w = 0.6): Op => ({ t: 'line', x1: x, y1, x2: x, y2, w });
export const box = (x: number, y: number, w: number, h: number, lw = 0.8): Op => ({ t: 'rect', x, y, w, h, lw });

/** Baseline that centres a line of `size` pt vertically in a band from `top` with height `h` (mm). */
export function centredBaseline(top: number, h: number, size: number): number {
  const em = size / MM;
  return top + h / 2 + em * 0.36;
}

/** Line height in mm for text of `size` pt. */
export const lineHeight = (size: number, factor = 1.45) => (size / MM) * factor;
