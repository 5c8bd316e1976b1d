/**
 * A small .xlsx writer for generated test and benchmark workbooks, in the shape Excel writes them: shared
 * strings (plain and rich text), styles with built-in and custom date formats, formulas with cached results,
 * error cells, merges, hidden sheets, the 1904 date system. Not used by the app.
 *
 * (exceljs' streaming writer checks every new merge against all earlier ones, which is quadratic for a ledger
 * with tens of thousands of enterprise merges.)
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export type DateStyle = 'builtin14' | 'cn' | 'iso' | 'datetime';

export type WCell =
  | null
  | string
  | number
  | boolean
  /** A date shown with a date format (the serial is computed in the workbook's date system). */
  | { date: Date; style: DateStyle }
  | { rich: { text: string; bold?: boolean }[] }
  | { formula: string; result?: number | string | boolean; shared?: { si: number; ref?: string } }
  | { error: string }
  /** An inline string (t="inlineStr"), as some exporters write. */
  | { inline: string }
  /** A number with a style (e.g. money "0.00"). */
  | { number: number; format: '0.00' };

export interface WSheet {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Rows from row 1; a row is an array of cells from column A. */
  rows: Iterable<WCell[]>;
  merges?: string[];
  /** Column widths (characters), optional. */
  widths?: number[];
}

export interface WriteOptions {
  date1904?: boolean;
  /** Leave out r="…" on cells (some generators do). */
  omitCellRefs?: boolean;
  /** Write a cell for the merged slaves too (styled, empty), as Excel does. */
  styledSlaves?: boolean;
  /** Prefix every SpreadsheetML element (<x:row>, <x:c> …), as the OpenXML SDK and some WPS versions write. */
  prefix?: string;
  /** Put a DOCTYPE in the sheets (legal XML that the streaming reader leaves to exceljs). */
  doctype?: boolean;
}

/** <row> → <x:row>, xmlns → xmlns:x (the XML declaration and relationship attributes unchanged). */
function prefixed(xml: string, prefix: string): string {
  return xml.replace(/<(\/?)([A-Za-z])/g, `<$1${prefix}:$2`).replace(` xmlns="${NS}"`, ` xmlns:${prefix}="${NS}"`);
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function esc(s: string): string {
  return s.replace(/[&<>"\r]|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) =>
    c === '&'
      ? '&amp;'
      : c === '<'
        ? '&lt;'
        : c === '>'
          ? '&gt;'
          : c === '"'
            ? '&quot;'
            : `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

function tText(s: string): string {
  const preserve = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : '';
  return `<t${preserve}>${esc(s)}</t>`;
}

export function colName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Style ids (cellXfs index) used by the writer. */
const STYLE = { normal: 0, builtin14: 1, cn: 2, iso: 3, datetime: 4, money: 5 } as const;

const STYLES_XML =
  XML_HEAD +
  `<styleSheet xmlns="${NS}"><numFmts count="3"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>` +
  `<numFmt numFmtId="177" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="178" formatCode="[$-F800]yyyy/m/d\\ h:mm"/></numFmts>` +
  `<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="178" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** Excel serial of a UTC date in the 1900 or 1904 system (exceljs' convention, so reads give the same Date back). */
export function dateSerial(d: Date, date1904: boolean): number {
  return 25569 + d.getTime() / 86_400_000 - (date1904 ? 1462 : 0);
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly parts: string[] = [];
  count = 0;

  add(key: string, xml: () => string): number {
    this.count++;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.parts.length;
      this.index.set(key, i);
      this.parts.push(`<si>${xml()}</si>`);
    }
    return i;
  }
}

function parseRef(ref: string): { r: number; c: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  const c = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { r: Number(m[2]) - 1, c };
}

function sheetXml(sheet: WSheet, ss: SharedStrings, opts: WriteOptions): string[] {
  const out: string[] = [XML_HEAD, `<worksheet xmlns="${NS}" xmlns:r="${NS_R}">`];
  out.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="13.5"/>');
  if (sheet.widths?.length) {
    out.push(
      `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`,
    );
  }
  // Slave cells of merges, for styledSlaves.
  const slaves = new Set<number>();
  if (opts.styledSlaves) {
    for (const m of sheet.merges ?? []) {
      const [a, b] = m.split(':');
      const s = parseRef(a!);
      const e = parseRef(b ?? a!);
      for (let r = s.r; r <= e.r; r++)
        for (let c = s.c; c <= e.c; c++) if (r !== s.r || c !== s.c) slaves.add(r * 16384 + c);
    }
  }
  out.push('<sheetData>');
  let r = 0;
  let buf = '';
  for (const row of sheet.rows) {
    r++;
    let width = row.length;
    if (opts.styledSlaves) for (let c = width; c < 64; c++) if (slaves.has((r - 1) * 16384 + c)) width = c + 1;
    let cells = '';
    for (let c = 0; c < width; c++) {
      const v = row[c] ?? null;
      const ref = opts.omitCellRefs ? '' : ` r="${colName(c)}${r}"`;
      if (v === null) {
        if (opts.styledSlaves && slaves.has((r - 1) * 16384 + c)) cells += `<c${ref} s="${STYLE.normal}"/>`;
        // Without references every position needs its element (a styled empty cell, which no reader counts).
        else if (opts.omitCellRefs) cells += `<c s="${STYLE.money}"/>`;
        continue;
      }
      cells += cellXml(v, ref, ss, opts);
    }
    if (!cells) continue;
    buf += `<row r="${r}">${cells}</row>`;
    if (buf.length > 1 << 16) {
      out.push(buf);
      buf = '';
    }
  }
  out.push(buf, '</sheetData>');
  if (sheet.merges?.length)
    out.push(
      `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`,
    );
  out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  return out;
}

function cellXml(v: Exclude<WCell, null>, ref: string, ss: SharedStrings, opts: WriteOptions): string {
  if (typeof v === 'string') return `<c${ref} t="s"><v>${ss.add(v, () => tText(v))}</v></c>`;
  if (typeof v === 'number') return `<c${ref}><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c${ref} t="b"><v>${v ? 1 : 0}</v></c>`;
  if ('date' in v) return `<c${ref} s="${STYLE[v.style]}"><v>${dateSerial(v.date, !!opts.date1904)}</v></c>`;
  if ('rich' in v) {
    const key = `\u0001${JSON.stringify(v.rich)}`;
    const i = ss.add(key, () =>
      v.rich
        .map((run) => `<r>${run.bold ? '<rPr><b/><sz val="11"/><rFont val="宋体"/></rPr>' : ''}${tText(run.text)}</r>`)
        .join(''),
    );
    return `<c${ref} t="s"><v>${i}</v></c>`;
  }
  if ('formula' in v) {
    const f = v.shared
      ? v.shared.ref
        ? `<f t="shared" ref="${v.shared.ref}" si="${v.shared.si}">${esc(v.formula)}</f>`
        : `<f t="shared" si="${v.shared.si}"/>`
      : `<f>${esc(v.formula)}</f>`;
    if (v.result === undefined) return `<c${ref}>${f}</c>`;
    if (typeof v.result === 'string') return `<c${ref} t="str">${f}<v>${esc(v.result)}</v></c>`;
    if (typeof v.result === 'boolean') return `<c${ref} t="b">${f}<v>${v.result ? 1 : 0}</v></c>`;
    return `<c${ref}>${f}<v>${v.result}</v></c>`;
  }
  if ('error' in v) return `<c${ref} t="e"><v>${esc(v.error)}</v></c>`;
  if ('inline' in v) return `<c${ref} t="inlineStr"><is>${tText(v.inline)}</is></c>`;
  return `<c${ref} s="${STYLE.money}"><v>${v.number}</v></c>`;
}

interface ZipPart {
  name: string;
  data: Buffer;
}

/** A zip archive (deflate), with CRCs, as Excel writes it. */
export function zip(parts: ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const compressed = zlib.deflateRawSync(p.data, { level: 6 });
    const crc = zlib.crc32(p.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(p.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt16LE(0, 12);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(compressed.length, 20);
    cd.writeUInt32LE(p.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    chunks.push(local, name, compressed);
    offset += 30 + name.length + compressed.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cdBuf, end]);
}

/** The workbook as .xlsx bytes. */
export function xlsxBytes(sheets: WSheet[], opts: WriteOptions = {}): Buffer {
  const ss = new SharedStrings();
  const part = (xml: string) => Buffer.from(opts.prefix ? prefixed(xml, opts.prefix) : xml, 'utf8');
  const sheetParts = sheets.map((s, i) => {
    let xml = sheetXml(s, ss, opts).join('');
    if (opts.doctype) xml = xml.replace(XML_HEAD, `${XML_HEAD}<!DOCTYPE worksheet>`);
    return { name: `xl/worksheets/sheet${i + 1}.xml`, data: part(xml) };
  });
  const sheetEntries = sheets
    .map(
      (s, i) =>
        `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state && s.state !== 'visible' ? ` state="${s.state}"` : ''} r:id="rId${i + 3}"/>`,
    )
    .join('');
  const workbook =
    XML_HEAD +
    `<workbook xmlns="${NS}" xmlns:r="${NS_R}"><workbookPr${opts.date1904 ? ' date1904="1"' : ''} defaultThemeVersion="124226"/>` +
    `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"${sheets.findIndex((s) => !s.state || s.state === 'visible') > 0 ? ` activeTab="${sheets.findIndex((s) => !s.state || s.state === 'visible')}"` : ''}/></bookViews>` +
    `<sheets>${sheetEntries}</sheets><calcPr calcId="191029"/></workbook>`;
  const rels =
    XML_HEAD +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${NS_R}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId2" Type="${NS_R}/sharedStrings" Target="sharedStrings.xml"/>` +
    sheets
      .map((_, i) => `<Relationship Id="rId${i + 3}" Type="${NS_R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('') +
    `</Relationships>`;
  const contentTypes =
    XML_HEAD +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
  const rootRels =
    XML_HEAD +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const shared = part(
    `${XML_HEAD}<sst xmlns="${NS}" count="${ss.count}" uniqueCount="${ss.parts.length}">${ss.parts.join('')}</sst>`,
  );
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(contentTypes) },
    { name: '_rels/.rels', data: Buffer.from(rootRels) },
    { name: 'xl/workbook.xml', data: part(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels) },
    { name: 'xl/styles.xml', data: part(STYLES_XML) },
    ...sheetParts,
    { name: 'xl/sharedStrings.xml', data: shared },
  ]);
}

export function writeXlsx(file: string, sheets: WSheet[], opts: WriteOptions = {}): number {
  const bytes = xlsxBytes(sheets, opts);
  fs.writeFileSync(file, bytes);
  return bytes.length;
}
