import fs from 'node:fs';
import path from 'node:path';
import { fontkit } from '../lazyLibs';
import type PDFDocument from 'pdfkit';
import { findResourcesDir } from '../paths';

/** A font file usable by pdfkit; `postscriptName` selects the face inside a .ttc collection. */
export interface FontFile {
  file: string;
  postscriptName?: string;
  label: string;
}

export interface FontPlan {
  /** 仿宋 for body text (GB/T 9704), 黑体/宋体 for titles; each falls back to the bundled font. */
  body: FontFile;
  title: FontFile;
  bundled: FontFile;
  /** Latin letters and digits, for when the CJK fonts lack them. */
  latin: FontFile;
}

export const BUNDLED_FONT = 'DroidSansFallbackFull.ttf';
export const LATIN_FONT = 'LiberationSans-Regular.ttf';

function windowsFontsDir(): string | null {
  const win = process.env.WINDIR ?? process.env.SystemRoot;
  if (process.platform !== 'win32' || !win) return null;
  return path.join(win, 'Fonts');
}

function firstExisting(dir: string | null, list: FontFile[]): FontFile | null {
  for (const f of list) {
    const file = dir ? path.join(dir, f.file) : f.file;
    if (fs.existsSync(file)) return { ...f, file };
  }
  return null;
}

/**
 * Chooses the fonts: the official Windows 仿宋/黑体/宋体 when present (ANWEI_FONTS_DIR overrides the folder, for
 * 统信UOS/麒麟 machines with the same files), otherwise the bundled font.
 */
export function planFonts(opts: { fontsDir?: string | null; resourcesDir?: string } = {}): FontPlan {
  const res = opts.resourcesDir ?? findResourcesDir();
  const bundled: FontFile = { file: path.join(res, 'fonts', BUNDLED_FONT), label: 'Droid Sans Fallback（随程序附带）' };
  const latin: FontFile = { file: path.join(res, 'fonts', LATIN_FONT), label: 'Liberation Sans（随程序附带）' };
  const dir = opts.fontsDir !== undefined ? opts.fontsDir : (process.env.ANWEI_FONTS_DIR ?? windowsFontsDir());
  const body =
    firstExisting(dir, [
      { file: 'simfang.ttf', label: '仿宋' },
      { file: 'SIMFANG.TTF', label: '仿宋' },
      { file: 'STFANGSO.TTF', label: '华文仿宋' },
    ]) ?? bundled;
  const title =
    firstExisting(dir, [
      { file: 'simhei.ttf', label: '黑体' },
      { file: 'SIMHEI.TTF', label: '黑体' },
      { file: 'simsun.ttc', postscriptName: 'SimSun', label: '宋体' },
    ]) ?? bundled;
  return { body, title, bundled, latin };
}

type Doc = InstanceType<typeof PDFDocument>;
interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface FontkitFont {
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FontkitGlyph;
  unitsPerEm: number;
}

const parsed = new Map<string, FontkitFont>();

/**
 * Parses a font once per process: a CJK font has tens of thousands of glyphs and parsing it takes seconds,
 * while pdfkit accepts an already parsed fontkit font and subsets it per document.
 */
export function loadFont(f: FontFile): FontkitFont {
  const key = `${f.file}#${f.postscriptName ?? ''}`;
  let font = parsed.get(key);
  if (!font) {
    const opened = fontkit().create(fs.readFileSync(f.file), f.postscriptName) as unknown as FontkitFont & { fonts?: unknown };
    if (!opened || typeof (opened as { layout?: unknown }).layout !== 'function') {
      throw new Error(`字体文件“${f.file}”无法使用（需要 TrueType 字体，合集需指定字体名）`);
    }
    parsed.set(key, (font = opened));
  }
  return font;
}

/** The fontkit font behind each name registered on a document, so coverage is looked up without doc.font(). */
const registered = new WeakMap<Doc, Map<string, FontkitFont>>();

/** Registers the plan's fonts on a document as 'body', 'title', 'fallback' and 'latin'. */
export function registerFonts(doc: Doc, plan: FontPlan): void {
  const reg = doc.registerFont.bind(doc) as unknown as (name: string, src: unknown) => void;
  const fonts = new Map<string, FontkitFont>([
    ['body', loadFont(plan.body)],
    ['title', loadFont(plan.title)],
    ['fallback', loadFont(plan.bundled)],
    ['latin', loadFont(plan.latin)],
  ]);
  for (const [name, font] of fonts) reg(name, font);
  registered.set(doc, fonts);
}

/** pdfkit's font object for a document (EmbeddedFont): only what is used here. */
interface KitFont {
  font?: FontkitFont;
  scale: number;
  layout(text: string, features?: unknown, onlyWidth?: boolean): KitRun;
  layoutRun(text: string, features?: unknown): KitRun;
}
interface KitRun {
  glyphs: FontkitGlyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}
type KitDoc = Doc & { _font: KitFont; _fontFamilies: Record<string, KitFont> };

/**
 * Selects a registered font, like doc.font(name), but cheaply every time after the first. (pdfkit caches a
 * registered font under its name, except when it turns out to be the same font as one already open — body, title
 * and fallback are one font unless the Windows fonts are there — and then opens it again, subset and all, on
 * every call.) The document's font object also gets the layout cache below.
 */
export function useFont(doc: Doc, name: string): void {
  const d = doc as KitDoc;
  const known = d._fontFamilies?.[name];
  if (known) {
    d._font = known;
    return;
  }
  doc.font(name);
  if (d._fontFamilies && d._font) {
    d._fontFamilies[name] = d._font;
    fastLayout(d._font);
  }
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
    GPOS?: { featureList?: { tag: string; feature: { lookupListIndexes: number[] } }[]; lookupList?: { get(i: number): { lookupType: number } } };
    GSUB?: { featureList?: { tag: string }[] };
    kern?: unknown;
  };
  try {
    const vertical = new Set(['vert', 'vrt2', 'vkna', 'vrtr', 'vhal', 'vpal', 'valt', 'vkrn']);
    if (!(font.GSUB?.featureList ?? []).every((x) => vertical.has(x.tag))) return 'full';
    const gpos = font.GPOS?.featureList ?? [];
    if (!gpos.length && !font.kern) return 'none';
    const pairOnly = gpos.every((x) => x.tag === 'kern' && x.feature.lookupListIndexes.every((i) => font.GPOS!.lookupList!.get(i).lookupType === 2));
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
  if (cp >= 0x2e80 && cp <= 0xa4cf) return !(cp >= 0x302a && cp <= 0x302f) && cp !== 0x3099 && cp !== 0x309a && cp !== 0x3164;
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
function fastLayout(kit: KitFont): void {
  if (withLayout.has(kit) || !kit.font || typeof kit.layout !== 'function' || typeof kit.layoutRun !== 'function' || typeof kit.scale !== 'number') return;
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
      const run = (fk as unknown as { layout(s: string, f: string[]): { glyphs: FontkitGlyph[]; positions: KitRun['positions'] } }).layout(String.fromCodePoint(a, b), []);
      ok =
        run.glyphs.length === 2 &&
        run.glyphs[0]!.id === fk.glyphForCodePoint(a).id &&
        run.glyphs[1]!.id === fk.glyphForCodePoint(b).id &&
        run.positions.every((p, i) => p.xAdvance === run.glyphs[i]!.advanceWidth && !p.yAdvance && !p.xOffset && !p.yOffset);
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
        const pairs = mode === 'none' ? null : none ? pairNeutral : (a: number, b: number) => a === 0x20 || pairNeutral(a, b);
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

function directRun(fk: FontkitFont, scale: number, text: string, pairNeutral: ((a: number, b: number) => boolean) | null): KitRun | null {
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

const coverageCache = new WeakMap<object, Map<number, boolean>>();

function covers(fk: FontkitFont, cp: number): boolean {
  let cache = coverageCache.get(fk);
  if (!cache) coverageCache.set(fk, (cache = new Map()));
  let has = cache.get(cp);
  if (has === undefined) cache.set(cp, (has = fk.hasGlyphForCodePoint(cp)));
  return has;
}

function hasGlyph(doc: Doc, fontName: string, cp: number): boolean {
  const fk = registered.get(doc)?.get(fontName);
  if (fk) return covers(fk, cp);
  doc.font(fontName);
  const f = (doc as unknown as { _font: { font?: FontkitFont } })._font.font;
  return f ? covers(f, cp) : true;
}

/**
 * Splits text into runs drawn with `fontName`, else with the bundled CJK font, else with the bundled Latin font,
 * whichever first has the glyph. Leaves the document's current font as it was.
 */
export function fontRuns(doc: Doc, fontName: string, text: string): { font: string; text: string }[] {
  const runs: { font: string; text: string }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const font =
      cp === 0x20 || hasGlyph(doc, fontName, cp)
        ? fontName
        : hasGlyph(doc, 'fallback', cp)
          ? 'fallback'
          : hasGlyph(doc, 'latin', cp)
            ? 'latin'
            : fontName;
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

/** Width of a text in the current size, honouring fallback runs and extra spacing between characters. */
export function textWidth(doc: Doc, fontName: string, text: string, characterSpacing = 0): number {
  let w = 0;
  for (const r of fontRuns(doc, fontName, text)) {
    useFont(doc, r.font);
    w += doc.widthOfString(r.text, { characterSpacing });
  }
  useFont(doc, fontName);
  return w;
}

/** Draws one line of text at (x, y) with per-character font fallback; no wrapping. */
export function drawLine(doc: Doc, fontName: string, text: string, x: number, y: number, characterSpacing = 0): void {
  let cx = x;
  for (const r of fontRuns(doc, fontName, text)) {
    useFont(doc, r.font);
    doc.text(r.text, cx, y, { lineBreak: false, features: [], characterSpacing });
    cx += doc.widthOfString(r.text, { characterSpacing });
  }
  useFont(doc, fontName);
}

/** A wrapped paragraph with per-character font fallback (pdfkit's continued text across font changes). */
export function drawParagraph(
  doc: Doc,
  fontName: string,
  text: string,
  opts: { x?: number; y?: number; width: number; indent?: number; lineGap?: number; align?: 'left' | 'center' | 'right' | 'justify' },
): void {
  const runs = fontRuns(doc, fontName, text);
  runs.forEach((r, i) => {
    useFont(doc, r.font);
    const o = {
      width: opts.width,
      lineGap: opts.lineGap ?? 2,
      align: opts.align,
      features: [] as PDFKit.Mixins.OpenTypeFeatures[],
      continued: i < runs.length - 1,
      ...(i === 0 && opts.indent ? { indent: opts.indent } : {}),
    };
    if (i === 0 && opts.x !== undefined) doc.text(r.text, opts.x, opts.y ?? doc.y, o);
    else doc.text(r.text, o);
  });
  useFont(doc, fontName);
}
