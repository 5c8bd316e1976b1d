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

/** Paints ops with pdfkit; (ox, oy) is where the content box starts, in mm from the top left of the frame. */
export function paint(doc: Doc, ops: Op[], ox: number, oy: number): void {
  for (const op of ops) {
    if (op.t === 'text') {
      if (!op.text) continue;
      doc.fontSize(op.size);
      let x = (ox + op.x) * MM;
      const y = (oy + op.y) * MM;
      for (const r of fontRuns(doc, op.font, op.text)) {
        useFont(doc, r.font);
        doc.text(r.text, x, y, { lineBreak: false, features: [], baseline: 'alphabetic', characterSpacing: op.spacing ?? 0 } as PDFKit.Mixins.TextOptions);
        x += doc.widthOfString(r.text, { characterSpacing: op.spacing ?? 0 });
      }
    } else if (op.t === 'line') {
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
}

/** Small helpers that build ops. */
export const text = (x: number, y: number, font: FontName, size: number, s: string, spacing?: number): Op => ({ t: 'text', x, y, font, size, text: s, ...(spacing ? { spacing } : {}) });
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
