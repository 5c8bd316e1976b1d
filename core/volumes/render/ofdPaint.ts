/**
 * Painting onto an OFD page: the plan's fonts embedded on first use (subset to the glyphs drawn), layout ops
 * (text runs with per-glyph advances, lines, boxes) mapped from mm by a frame matrix, the frame of a laid-out
 * front or sheet page (landscape content turned as render.ts does with pdfkit), and the matrix that fits a
 * picture, turned, into a page's scan box.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fontRuns } from '../../pdf/fonts';
import { loadFont, type FontFile, type FontPlan } from '../../pdf/fontFiles';
import { subsetTrueType } from '../../ofd/fonts';
import type { OfdWriter } from '../../ofd/writer';
import { multiply, type Matrix, type OfdPage } from '../../ofd/page';
import { FRONT } from '../layout/front';
import { A4, MM, type LaidPage, type Metrics, type Op } from '../layout/ops';
import { LANDSCAPE_LEFT, leftMargin, scanBox, SHEET_TOP } from './pageFrame';

interface KitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  postscriptName?: string;
  familyName?: string;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

/** The plan's fonts by the names fontRuns gives, embedded into the OFD on first use. */
export class OfdFonts {
  private ids = new Map<string, { id: number; used: Set<number> }>();
  constructor(
    private readonly w: OfdWriter,
    private readonly plan: FontPlan,
  ) {}

  file(name: string): FontFile {
    const p = this.plan;
    if (name === 'body') return p.body;
    if (name === 'title') return p.title;
    if (name === 'fallback') return p.bundled;
    if (name === 'latin') return p.latin;
    if (name === 'extension') return p.extension;
    const sys = /^system(\d+)$/.exec(name);
    if (sys && p.system[Number(sys[1])]) return p.system[Number(sys[1])]!;
    return p.bundled;
  }

  kit(name: string): KitFont {
    return loadFont(this.file(name)) as unknown as KitFont;
  }

  /** The font's resource ID; the characters drawn with it are noted for its subset. */
  id(name: string, text: string): number {
    const f = this.file(name);
    const key = `${f.file}#${f.postscriptName ?? ''}`;
    let entry = this.ids.get(key);
    if (entry === undefined) {
      const kit = this.kit(name);
      const used = new Set<number>();
      const id = this.w.addFont({
        fontName: kit.postscriptName ?? path.basename(f.file),
        familyName: kit.familyName ?? kit.postscriptName ?? f.label,
        // at the end: only the glyphs the pages used (the whole file when the font cannot be subset)
        bytes: () => subsetTrueType(kit, used) ?? readFontFile(f),
        ext: /\.otf$/i.test(f.file) ? 'otf' : 'ttf',
      });
      this.ids.set(key, (entry = { id, used }));
    }
    for (const ch of text) entry.used.add(ch.codePointAt(0)!);
    return entry.id;
  }
}

const readFontFile = (f: FontFile) =>
  f.file.endsWith('.br') ? zlib.brotliDecompressSync(fs.readFileSync(f.file)) : fs.readFileSync(f.file);

/** Paints layout ops onto an OFD page; `m` maps the ops' coordinates (mm) onto the page. */
export function paintOfd(page: OfdPage, m: Metrics, fonts: OfdFonts, ops: Op[], frame: Matrix): void {
  for (const op of ops) {
    if (op.t === 'text') {
      if (!op.text) continue;
      const size = op.size / MM;
      const spacing = (op.spacing ?? 0) / MM;
      let x = op.x;
      for (const r of fontRuns(m.doc, op.font, op.text)) {
        const kit = fonts.kit(r.font);
        const adv: number[] = [];
        for (const ch of r.text) {
          const cp = ch.codePointAt(0)!;
          adv.push((kit.glyphForCodePoint(cp).advanceWidth / kit.unitsPerEm) * size + spacing);
        }
        page.text(x, op.y, fonts.id(r.font, r.text), size, r.text, adv, {
          m: frame,
          ascent: (Math.max(kit.ascent, kit.unitsPerEm * 0.8) / kit.unitsPerEm) * size,
          descent: (Math.max(-kit.descent, kit.unitsPerEm * 0.2) / kit.unitsPerEm) * size,
        });
        x += adv.reduce((a, b) => a + b, 0) - spacing;
      }
    } else if (op.t === 'line') {
      page.line(op.x1, op.y1, op.x2, op.y2, op.w / MM, frame);
    } else {
      page.rect(op.x, op.y, op.w, op.h, op.fill ? { fill: op.fill } : { lw: op.lw / MM }, frame);
    }
  }
}

const translate = (x: number, y: number): Matrix => [1, 0, 0, 1, x, y];

/** The frame of a laid page's ops: the text block of a front or sheet page; landscape content turned. */
export function laidFrame(laid: LaidPage, front: boolean, kind: 'sheet' | 'front'): Matrix {
  const lm = leftMargin(front);
  if (!laid.landscape) return translate(lm, kind === 'sheet' ? SHEET_TOP : FRONT.top);
  // (u, v) of the landscape content → (v, H − u) on the sheet, as render.ts does with pdfkit
  return [0, -1, 1, 0, lm, A4.h - LANDSCAPE_LEFT];
}

/**
 * Places a picture of w × h units, whose content maps by `inner` into that frame (y down), turned `turn`
 * degrees clockwise and fitted, centred, into the scan box of the page.
 */
export function placeInScanBox(inner: Matrix, w: number, h: number, turn: number, front: boolean): Matrix {
  const b = scanBox(front);
  const t = ((turn % 360) + 360) % 360;
  const [fw, fh] = t % 180 === 0 ? [w, h] : [h, w];
  const s = Math.min(b.w / fw, b.h / fh);
  const rad = (t * Math.PI) / 180;
  const cos = Math.round(Math.cos(rad));
  const sin = Math.round(Math.sin(rad));
  let m = multiply(inner, translate(-w / 2, -h / 2));
  m = multiply(m, [s, 0, 0, s, 0, 0]);
  m = multiply(m, [cos, sin, -sin, cos, 0, 0]);
  return multiply(m, translate(b.x + b.w / 2, b.y + b.h / 2));
}
