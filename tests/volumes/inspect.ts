/** Reading a bound volume back with poppler: words with positions, printed page numbers, rendered pixels. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Words of every page (pdftotext -bbox), page index 0-based; PDF points from the top left. */
export function pageWords(file: string): { width: number; height: number; words: Word[] }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return html
    .split('<page ')
    .slice(1)
    .map((chunk) => {
      const size = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk)!;
      const words = [
        ...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
      ].map((m) => ({
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
        text: decode(m[5]!),
      }));
      return { width: Number(size[1]), height: Number(size[2]), words };
    });
}

const MM = 72 / 25.4;

/** The page number printed in a top corner of a page (within 25 mm of the top and 40 mm of a side), if any. */
export function cornerNumber(p: { width: number; words: Word[] }): { n: number; side: 'right' | 'left' } | null {
  for (const w of p.words) {
    if (!/^\d+$/.test(w.text) || w.y1 > 25 * MM) continue;
    if (w.x0 > p.width - 40 * MM) return { n: Number(w.text), side: 'right' };
    if (w.x1 < 40 * MM) return { n: Number(w.text), side: 'left' };
  }
  return null;
}

/** Text of one page (1-based). */
export function pageText(file: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
  });
}

/** Renders one page to 8-bit grey pixels. */
export function renderGrey(
  file: string,
  page: number,
  dpi: number,
  dir: string,
): { width: number; height: number; px: Buffer } {
  const base = path.join(dir, `grey-${page}`);
  execFileSync('pdftoppm', [
    '-gray',
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    file,
    base,
  ]);
  const buf = fs.readFileSync(`${base}.pgm`);
  // P5\n<w> <h>\n255\n<data>
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, px: buf.subarray(header[0].length) };
}

/** Bounding box of pixels darker than `limit`, ignoring the top `skipTop` rows. */
export function inkBox(img: { width: number; height: number; px: Buffer }, limit: number, skipTop = 0) {
  let x0 = img.width;
  let y0 = img.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = skipTop; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.px[y * img.width + x]! < limit) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

export function outlineTitles(file: string): { title: string; page: number }[] {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8' })) as {
    outlines: { title: string; destpageposfrom1: number }[];
  };
  return json.outlines.map((o) => ({ title: o.title, page: o.destpageposfrom1 }));
}
