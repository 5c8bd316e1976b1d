/**
 * A layout cache for pdfkit's fonts: each distinct text laid out once per document, and for a font whose OpenType
 * shaping does nothing to horizontal text (the bundled fonts) without running the shaper at all. Exports from
 * hundreds of pages spend most of their time here otherwise.
 */
import type { FontkitFont, FontkitGlyph } from './fontFiles';

/** pdfkit's font object for a document (EmbeddedFont): only what is used here. */
export interface KitFont {
  font?: FontkitFont;
  scale: number;
  layout(text: string, features?: unknown, onlyWidth?: boolean): KitRun;
  layoutRun(text: string, features?: unknown): KitRun;
}
export interface KitRun {
  glyphs: FontkitGlyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}

const withLayout = new WeakSet<object>();

/**
 * What OpenType shaping does to horizontal text in this font: 'none' — no positioning (GPOS) features, no kern
 * table, substitutions only for vertical writing (the bundled Droid Sans Fallback: its only GSUB feature is
 * 'vert'), so a glyph per character with its advance width is exactly what fontkit's layout gives; 'pairs' — no
 * substitutions and only pair kerning (GPOS 'kern' with pair-adjustment lookups only, or a kern table: the bundled
 * Liberation Sans), so text in which no two neighbours kern is laid out the same way; else 'full'.
 */
function shapingMode(f: FontkitFont): 'none' | 'pairs' | 'full' {
  const font = f as unknown as {
    GPOS?: {
      featureList?: { tag: string; feature: { lookupListIndexes: number[] } }[];
      lookupList?: { get(i: number): { lookupType: number } };
    };
    GSUB?: { featureList?: { tag: string }[] };
    kern?: unknown;
  };
  try {
    const vertical = new Set(['vert', 'vrt2', 'vkna', 'vrtr', 'vhal', 'vpal', 'valt', 'vkrn']);
    if (!(font.GSUB?.featureList ?? []).every((x) => vertical.has(x.tag))) return 'full';
    const gpos = font.GPOS?.featureList ?? [];
    if (!gpos.length && !font.kern) return 'none';
    const pairOnly = gpos.every(
      (x) =>
        x.tag === 'kern' && x.feature.lookupListIndexes.every((i) => font.GPOS!.lookupList!.get(i).lookupType === 2),
    );
    return pairOnly ? 'pairs' : 'full';
  } catch {
    return 'full';
  }
}

/**
 * Characters fontkit lays out one glyph each, in order, with nothing done to them when the font has no shaping
 * features: Basic Latin and Latin-1, CJK (ideographs, punctuation, kana, hangul, full-width forms) and general
 * punctuation; not combining marks, default-ignorable characters, variation selectors, nor right-to-left scripts.
 */
function plainChar(cp: number): boolean {
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xff) return cp !== 0xad;
  if (cp >= 0x2e80 && cp <= 0xa4cf)
    return !(cp >= 0x302a && cp <= 0x302f) && cp !== 0x3099 && cp !== 0x309a && cp !== 0x3164;
  if (cp >= 0xac00 && cp <= 0xd7a3) return true;
  if (cp >= 0xf900 && cp <= 0xfaff) return true;
  if (cp >= 0xfe30 && cp <= 0xfe4f) return true;
  if (cp >= 0xff01 && cp <= 0xffee) return cp !== 0xffa0;
  if (cp >= 0x20000 && cp <= 0x3ffff) return true;
  if (cp >= 0x2010 && cp <= 0x2027) return true;
  if (cp >= 0x2030 && cp <= 0x205e) return true;
  return false;
}

/**
 * Lays out text the way fontkit does with `features: []` (what the app always asks for), but each distinct text
 * only once per document, and for a font whose shaping does nothing (shapingIsNoop) without running the shaper:
 * pdfkit does not cache layouts made with explicit features, and drawing a run lays it out three times (its
 * width, its glyphs, the width again). The result objects are shared: pdfkit only reads them.
 */
export function fastLayout(kit: KitFont): void {
  if (
    withLayout.has(kit) ||
    !kit.font ||
    typeof kit.layout !== 'function' ||
    typeof kit.layoutRun !== 'function' ||
    typeof kit.scale !== 'number'
  )
    return;
  withLayout.add(kit);
  const fk = kit.font;
  const mode = shapingMode(fk);
  const original = kit.layout.bind(kit);
  const plain = new Map<string, KitRun | null>();
  const shaped = new Map<string, KitRun>();
  const neutral = new Map<number, boolean>();
  /** Whether fontkit lays out this pair of characters as two glyphs with their plain advances. */
  const pairNeutral = (a: number, b: number) => {
    const key = a * 0x110000 + b;
    let ok = neutral.get(key);
    if (ok === undefined) {
      const run = (
        fk as unknown as { layout(s: string, f: string[]): { glyphs: FontkitGlyph[]; positions: KitRun['positions'] } }
      ).layout(String.fromCodePoint(a, b), []);
      ok =
        run.glyphs.length === 2 &&
        run.glyphs[0]!.id === fk.glyphForCodePoint(a).id &&
        run.glyphs[1]!.id === fk.glyphForCodePoint(b).id &&
        run.positions.every(
          (p, i) => p.xAdvance === run.glyphs[i]!.advanceWidth && !p.yAdvance && !p.xOffset && !p.yOffset,
        );
      neutral.set(key, ok);
    }
    return ok;
  };
  kit.layout = (text: string, features?: unknown, onlyWidth?: boolean) => {
    // Default features (pdfkit's own cache, by word) or features: [] (not cached by pdfkit): the same shaping.
    // With a font whose shaping does nothing, one glyph per character either way.
    const none = Array.isArray(features) && features.length === 0;
    if (!none && features !== undefined) return original(text, features, onlyWidth);
    if (mode !== 'full') {
      // (pdfkit's default path lays out word by word, a word ending after a space: no pair across it is shaped)
      const key = mode === 'pairs' && !none ? `\u0000${text}` : text;
      let run = plain.get(key);
      if (run === undefined) {
        if (plain.size >= 20_000) plain.clear();
        const pairs =
          mode === 'none' ? null : none ? pairNeutral : (a: number, b: number) => a === 0x20 || pairNeutral(a, b);
        plain.set(key, (run = directRun(fk, kit.scale, text, pairs)));
      }
      if (run) return run;
    }
    if (!none) return original(text, features, onlyWidth);
    let run = shaped.get(text);
    if (!run) {
      if (shaped.size >= 20_000) shaped.clear();
      shaped.set(text, (run = kit.layoutRun(text, features)));
    }
    return run;
  };
}

function directRun(
  fk: FontkitFont,
  scale: number,
  text: string,
  pairNeutral: ((a: number, b: number) => boolean) | null,
): KitRun | null {
  const glyphs: FontkitGlyph[] = [];
  const positions: KitRun['positions'] = [];
  let advanceWidth = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) cp = text.codePointAt(i++)!;
    if (!plainChar(cp)) return null;
    if (pairNeutral && prev >= 0 && !pairNeutral(prev, cp)) return null;
    prev = cp;
    const g = fk.glyphForCodePoint(cp);
    const w = g.advanceWidth * scale;
    glyphs.push(g);
    positions.push({ xAdvance: w, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: w });
    advanceWidth += w;
  }
  return { glyphs, positions, advanceWidth };
}
