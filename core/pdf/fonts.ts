import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
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
interface FontkitFont {
  hasGlyphForCodePoint(cp: number): boolean;
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
    const opened = fontkit.create(fs.readFileSync(f.file), f.postscriptName) as unknown as FontkitFont & { fonts?: unknown };
    if (!opened || typeof (opened as { layout?: unknown }).layout !== 'function') {
      throw new Error(`字体文件“${f.file}”无法使用（需要 TrueType 字体，合集需指定字体名）`);
    }
    parsed.set(key, (font = opened));
  }
  return font;
}

/** Registers the plan's fonts on a document as 'body', 'title' and 'fallback'. */
export function registerFonts(doc: Doc, plan: FontPlan): void {
  const reg = doc.registerFont.bind(doc) as unknown as (name: string, src: unknown) => void;
  reg('body', loadFont(plan.body));
  reg('title', loadFont(plan.title));
  reg('fallback', loadFont(plan.bundled));
  reg('latin', loadFont(plan.latin));
}

const coverageCache = new WeakMap<object, Map<number, boolean>>();

function hasGlyph(doc: Doc, fontName: string, cp: number): boolean {
  doc.font(fontName);
  const fk = (doc as unknown as { _font: { font?: FontkitFont } })._font.font;
  if (!fk) return true;
  let cache = coverageCache.get(fk);
  if (!cache) coverageCache.set(fk, (cache = new Map()));
  let has = cache.get(cp);
  if (has === undefined) cache.set(cp, (has = fk.hasGlyphForCodePoint(cp)));
  return has;
}

/**
 * Splits text into runs drawn with `fontName`, else with the bundled CJK font, else with the bundled Latin font,
 * whichever first has the glyph.
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
  doc.font(fontName);
  return runs;
}

/** Width of a text in the current size, honouring fallback runs and extra spacing between characters. */
export function textWidth(doc: Doc, fontName: string, text: string, characterSpacing = 0): number {
  let w = 0;
  for (const r of fontRuns(doc, fontName, text)) w += doc.font(r.font).widthOfString(r.text, { characterSpacing });
  doc.font(fontName);
  return w;
}

/** Draws one line of text at (x, y) with per-character font fallback; no wrapping. */
export function drawLine(doc: Doc, fontName: string, text: string, x: number, y: number, characterSpacing = 0): void {
  let cx = x;
  for (const r of fontRuns(doc, fontName, text)) {
    doc.font(r.font).text(r.text, cx, y, { lineBreak: false, features: [], characterSpacing });
    cx += doc.widthOfString(r.text, { characterSpacing });
  }
  doc.font(fontName);
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
    doc.font(r.font);
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
  doc.font(fontName);
}
