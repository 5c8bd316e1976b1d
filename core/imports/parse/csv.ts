/**
 * CSV as Chinese-locale Excel/WPS save it: GBK/GB18030 without a BOM, or UTF-8 with/without BOM, or
 * "Unicode 文本" (UTF-16 with BOM, tab-separated); CRLF; quoted fields with commas, quotes and newlines.
 */
import iconv from 'iconv-lite';
import { fileInvalid } from '../../platform/errors';
import type { Cell, Sheet, Workbook } from './grid';

export type TextEncoding = NonNullable<Workbook['encoding']>;

export function decodeText(buf: Buffer): { text: string; encoding: TextEncoding } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return { text: buf.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
  }
}

/** The delimiter that splits the first lines most consistently (outside quotes): comma, tab or semicolon. */
export function detectDelimiter(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', '\t', ';']) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const nonzero = counts.filter((c) => c > 0);
    const score = nonzero.length ? nonzero.length * 1000 + Math.max(...nonzero) : 0;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/** RFC 4180 records; a quoted field may hold the delimiter, doubled quotes and line breaks. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  return parseCsvChecked(text, delimiter).rows;
}

/**
 * The same, and where a quoted field opened that never closes (`unclosedLine`, 1-based line of the file): such a
 * field swallows every following line into one cell, so the caller must not take the rows for the file's.
 */
export function parseCsvChecked(text: string, delimiter = ','): { rows: string[][]; unclosedLine: number | null } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return { rows, unclosedLine: quoted ? quoteLine : null };
}

export function readCsvBuffer(buf: Buffer, file: string): Workbook {
  const { text, encoding } = decodeText(buf);
  const { rows: records, unclosedLine } = parseCsvChecked(text, detectDelimiter(text));
  if (unclosedLine !== null) {
    throw fileInvalid(
      `文件“${file}”第${unclosedLine}行有一个引号（"）没有配对：从这里起到文件末尾的内容都会被并进一个单元格，已拒绝导入，没有写入任何数据。` +
        `请用记事本或 WPS 打开该文件，在第${unclosedLine}行补上缺少的引号（或删去多余的引号）后保存，再重新导入`,
    );
  }
  const rows: Cell[][] = records.map((r) => r.map((v) => (v.trim() === '' ? null : v)));
  const name = file.replace(/\.[^.]*$/, '') || 'CSV';
  const sheet: Sheet = { name, hidden: false, rows, merges: [] };
  return { file, format: 'csv', sheets: [sheet], date1904: false, encoding };
}
