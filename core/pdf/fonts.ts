import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fontkit } from '../platform/lazyLibs';
import type PDFDocument from 'pdfkit';
import { findResourcesDir } from '../platform/paths';

/** A font file usable by pdfkit; `postscriptName` selects the face inside a .ttc collection. */
export interface FontFile {
  file: string;
  postscriptName?: string;
  label: string;
}

export interface FontPlan {
  /** 仿宋 for body text (GB/T 9704), 黑体/宋体 for titles; each falls back to the fonts below. */
  body: FontFile;
  title: FontFile;
  /** System fonts tried next, in order (宋体, SimSun-ExtB for CJK Extension B on Windows). */
  system: FontFile[];
  bundled: FontFile;
  /** Latin letters and digits, for when the CJK fonts lack them. */
  latin: FontFile;
  /** The bundled CJK Extension B–F font (opened only when a character needs it). */
  extension: FontFile;
}

export const BUNDLED_FONT = 'DroidSansFallbackFull.ttf';
export const LATIN_FONT = 'LiberationSans-Regular.ttf';
/** HanaMinB (GlyphWiki, Hanazono Font License) cut to CJK Extension B–F, brotli-compressed (resources/fonts/README.md). */
export const EXTENSION_FONT = 'HanaMinB-ExtB-F.ttf.br';

/** Drawn, and extracted, in place of a character no font has (〓, the typesetters' mark for a missing character). */
export const MISSING_MARK = '〓';

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
  const system = [
    firstExisting(dir, [
      { file: 'simsun.ttc', postscriptName: 'SimSun', label: '宋体' },
      { file: 'SIMSUN.TTC', postscriptName: 'SimSun', label: '宋体' },
    ]),
    firstExisting(dir, [
      { file: 'simsunb.ttf', label: '宋体-ExtB' },
      { file: 'SIMSUNB.TTF', label: '宋体-ExtB' },
    ]),
  ].filter((f): f is FontFile => !!f);
  const extension: FontFile = {
    file: path.join(res, 'fonts', EXTENSION_FONT),
    label: '花园明朝B（随程序附带，扩展B–F区汉字）',
  };
  return { body, title, system, bundled, latin, extension };
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
    const bytes = f.file.endsWith('.br') ? zlib.brotliDecompressSync(fs.readFileSync(f.file)) : fs.readFileSync(f.file);
    const opened = fontkit().create(bytes, f.postscriptName) as unknown as FontkitFont & { fonts?: unknown };
    if (!opened || typeof (opened as { layout?: unknown }).layout !== 'function') {
      throw new Error(`字体文件“${f.file}”无法使用（需要 TrueType 字体，合集需指定字体名）`);
    }
    parsed.set(key, (font = opened));
  }
  return font;
}

/**
 * The fonts of a document: the fontkit font behind each registered name (so coverage is looked up without
 * doc.font()), and the fallback chain. The system fallbacks and the extension font are opened and registered
 * only when a character needs them.
 */
interface DocFonts {
  fonts: Map<string, FontkitFont>;
  lazy: Map<string, FontFile>;
  /** Font names tried after the requested one, in order. */
  chain: string[];
}
const registered = new WeakMap<Doc, DocFonts>();

/** The fallback chain of a plan: system fonts, the bundled CJK font, the Latin font, the extension font. */
function chainOf(plan: FontPlan): { name: string; file: FontFile }[] {
  return [
    ...plan.system.map((file, i) => ({ name: `system${i}`, file })),
    { name: 'fallback', file: plan.bundled },
    { name: 'latin', file: plan.latin },
    { name: 'extension', file: plan.extension },
  ];
}

/** Registers the plan's fonts on a document as 'body', 'title', 'fallback' and 'latin' (and, when used, the others). */
export function registerFonts(doc: Doc, plan: FontPlan): void {
  const reg = doc.registerFont.bind(doc) as unknown as (name: string, src: unknown) => void;
  const fonts = new Map<string, FontkitFont>([
    ['body', loadFont(plan.body)],
    ['title', loadFont(plan.title)],
    ['fallback', loadFont(plan.bundled)],
    ['latin', loadFont(plan.latin)],
  ]);
  for (const [name, font] of fonts) reg(name, font);
  const chain = chainOf(plan);
  const lazy = new Map(chain.filter((c) => !fonts.has(c.name)).map((c) => [c.name, c.file]));
  registered.set(doc, { fonts, lazy, chain: chain.map((c) => c.name) });
}

/** The fontkit font of a registered name, opening and registering a lazy one on first use. */
function docFont(doc: Doc, name: string): FontkitFont | null {
  const r = registered.get(doc);
  if (!r) return null;
  let fk = r.fonts.get(name);
  if (!fk) {
    const file = r.lazy.get(name);
    if (!file) return null;
    fk = loadFont(file);
    (doc.registerFont.bind(doc) as unknown as (name: string, src: unknown) => void)(name, fk);
    r.fonts.set(name, fk);
    r.lazy.delete(name);
  }
  return fk;
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
function fastLayout(kit: KitFont): void {
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

const coverageCache = new WeakMap<object, Map<number, boolean>>();

function covers(fk: FontkitFont, cp: number): boolean {
  let cache = coverageCache.get(fk);
  if (!cache) coverageCache.set(fk, (cache = new Map()));
  let has = cache.get(cp);
  if (has === undefined) cache.set(cp, (has = fk.hasGlyphForCodePoint(cp)));
  return has;
}

function hasGlyph(doc: Doc, fontName: string, cp: number): boolean {
  const fk = docFont(doc, fontName);
  if (fk) return covers(fk, cp);
  doc.font(fontName);
  const f = (doc as unknown as { _font: { font?: FontkitFont } })._font.font;
  return f ? covers(f, cp) : true;
}

/**
 * Characters drawn as nothing and never reported: format and default-ignorable characters (zero-width spaces and
 * joiners, soft hyphen, BOM, variation selectors), which no font needs to have. Control characters (line breaks,
 * tabs) are left to pdfkit, as before.
 */
function ignorable(cp: number): boolean {
  return (
    cp === 0xad ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0xfeff ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/**
 * Splits text into runs, each character drawn with the first font that has it: `fontName`, then the system
 * fallbacks (宋体, SimSun-ExtB), the bundled CJK font, the bundled Latin font, the bundled Extension B–F font. A
 * character none has is drawn as 〓 (MISSING_MARK) — never as glyph 0 (.notdef), which PDF/A forbids and which
 * prints as an empty box; the pre-binding check and print-pledge report it (missingChars). Ignorable characters
 * are left out. Leaves the document's current font as it was.
 */
export function fontRuns(doc: Doc, fontName: string, text: string): { font: string; text: string }[] {
  const runs: { font: string; text: string }[] = [];
  const chain = registered.get(doc)?.chain ?? ['fallback', 'latin'];
  for (let ch of text) {
    const cp = ch.codePointAt(0)!;
    let font = fontName;
    if (cp > 0x20 && !hasGlyph(doc, fontName, cp)) {
      if (ignorable(cp)) continue;
      const found = chain.find((name) => hasGlyph(doc, name, cp));
      if (found) font = found;
      else {
        ch = MISSING_MARK;
        font = hasGlyph(doc, fontName, 0x3013) ? fontName : 'fallback';
      }
    }
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

const printable = new WeakMap<FontPlan, Map<number, boolean>>();

/**
 * The characters of `text` that no font of the plan has (each once, in order of appearance): they would print as
 * 〓. Line breaks, tabs and ignorable characters are not counted.
 */
export function missingChars(text: string, plan: FontPlan): string[] {
  let known = printable.get(plan);
  if (!known) printable.set(plan, (known = new Map()));
  const chain = chainOf(plan).map((c) => c.file);
  const has = (f: FontFile, cp: number) => covers(loadFont(f), cp);
  const out: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x7f || ignorable(cp)) continue;
    let ok = known.get(cp);
    if (ok === undefined) {
      // printable in the body and in the title font, each with the fallback chain (fonts opened as needed)
      const inChain = () => chain.some((f) => has(f, cp));
      ok = (has(plan.body, cp) && has(plan.title, cp)) || inChain();
      known.set(cp, ok);
    }
    if (!ok && !out.includes(ch)) out.push(ch);
  }
  return out;
}

/** The Unicode code point of a character as written in messages: U+20BB7. */
export const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

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
  opts: {
    x?: number;
    y?: number;
    width: number;
    indent?: number;
    lineGap?: number;
    align?: 'left' | 'center' | 'right' | 'justify';
  },
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
