/**
 * Hand-made .xlsx packages for the reader tests: any parts at any paths, any relationships, and parts that lie
 * about their size (a "zip bomb" entry that declares a few bytes and inflates to gigabytes).
 */
import zlib from 'node:zlib';

export interface RawPart {
  name: string;
  /** The part's bytes (deflated when written), or … */
  data?: Buffer | string;
  /** … an already deflated stream, with the size and CRC the directory declares. */
  deflated?: { bytes: Buffer; declaredSize: number; crc: number };
}

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const NS_PR = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function zipParts(parts: RawPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    let compressed: Buffer;
    let size: number;
    let crc: number;
    if (p.deflated) {
      compressed = p.deflated.bytes;
      size = p.deflated.declaredSize;
      crc = p.deflated.crc;
    } else {
      const data = Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data ?? '', 'utf8');
      compressed = zlib.deflateRawSync(data);
      size = data.length;
      crc = zlib.crc32(data);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(compressed.length, 20);
    cd.writeUInt32LE(size, 24);
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

/**
 * A raw deflate stream of `mb` MiB of zeros, made without ever holding them: one full-flushed MiB block
 * repeated (each block stands alone after a full flush), then an empty final block.
 */
export function zeroBomb(mb: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mb }, () => block), Buffer.from([0x03, 0x00])]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A cell of a hand-written sheet: text (inline), a number, or raw XML for the whole <c>. */
export type RawCell = string | number | { xml: string } | null;

export function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function rowXml(r: number, cells: RawCell[], extra = ''): string {
  const cs = cells
    .map((v, c) => {
      const ref = `${colName(c)}${r}`;
      if (v === null) return '';
      if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
      if (typeof v === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
      return v.xml.replace('$REF', ref);
    })
    .join('');
  return `<row r="${r}"${extra}>${cs}</row>`;
}

export function sheetXml(rows: string, tail = ''): string {
  return `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${NS_R}"><sheetData>${rows}</sheetData>${tail}</worksheet>`;
}

export interface PackageOptions {
  /** Folder of the workbook part (default "xl/"), e.g. "book/" for a package laid out by another tool. */
  dir?: string;
  /** Sheet names, each with the index of the part it points to (default: one part per sheet). */
  sheets: { name: string; part: number }[];
  parts: string[];
  sharedStrings?: Buffer | string;
  styles?: string;
  workbookHead?: string;
  extra?: RawPart[];
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS}"><numFmts count="0"/><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>` +
  `<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>` +
  `<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="0" fillId="0" applyBorder="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** A package whose workbook lives in `dir`, found through _rels/.rels as any reader must find it. */
export function rawPackage(o: PackageOptions): Buffer {
  const dir = o.dir ?? 'xl/';
  const sheetEntries = o.sheets
    .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rIdS${i + 1}"/>`)
    .join('');
  const workbook = `${o.workbookHead ?? XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><sheets>${sheetEntries}</sheets></workbook>`;
  const rels =
    `${XML_HEAD}<Relationships xmlns="${NS_PR}">` +
    `<Relationship Id="rIdStyles" Type="${NS_R}/styles" Target="styles.xml"/>` +
    (o.sharedStrings !== undefined
      ? `<Relationship Id="rIdSst" Type="${NS_R}/sharedStrings" Target="sharedStrings.xml"/>`
      : '') +
    o.sheets
      .map(
        (s, i) =>
          `<Relationship Id="rIdS${i + 1}" Type="${NS_R}/worksheet" Target="worksheets/sheet${s.part + 1}.xml"/>`,
      )
      .join('') +
    `</Relationships>`;
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/${dir}workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;
  const root = `${XML_HEAD}<Relationships xmlns="${NS_PR}"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="${dir}workbook.xml"/></Relationships>`;
  return zipParts([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: root },
    { name: `${dir}workbook.xml`, data: workbook },
    { name: `${dir}_rels/workbook.xml.rels`, data: rels },
    { name: `${dir}styles.xml`, data: o.styles ?? STYLES },
    ...(o.sharedStrings !== undefined ? [{ name: `${dir}sharedStrings.xml`, data: o.sharedStrings }] : []),
    ...o.parts.map((p, i) => ({ name: `${dir}worksheets/sheet${i + 1}.xml`, data: p })),
    ...(o.extra ?? []),
  ]);
}
