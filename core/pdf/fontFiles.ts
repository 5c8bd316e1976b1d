/**
 * The font files a PDF is written with: which fonts to use (planFonts: the official Windows 仿宋/黑体/宋体 when
 * present, else the bundled Droid Sans Fallback, with a Latin font and a CJK Extension B–F font behind), and each
 * file parsed once per process (loadFont). Drawing with them is fonts.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fontkit } from '../platform/lazyLibs';
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

export interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
export interface FontkitFont {
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
