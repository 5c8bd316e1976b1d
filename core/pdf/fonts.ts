/**
 * Text in a PDF with per-character font fallback: the plan's fonts registered on a document (registerFonts), a
 * cheap font switch (useFont), the runs of a text by the font that has each character (fontRuns), the characters
 * no font has (missingChars, drawn as 〓), and width, line and paragraph drawing. The files are fontFiles.ts, the
 * layout cache fastLayout.ts.
 */
import type PDFDocument from 'pdfkit';
import { loadFont, type FontFile, type FontkitFont, type FontPlan } from './fontFiles';
import { fastLayout, type KitFont } from './fastLayout';

/** Drawn, and extracted, in place of a character no font has (〓, the typesetters' mark for a missing character). */
export const MISSING_MARK = '〓';
type Doc = InstanceType<typeof PDFDocument>;

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
