/**
 * What a file really is, from its bytes, never its extension: a .xlsx that is really an old .xls or a CSV is
 * read as what it is; password-protected workbooks, web pages saved as ".xls", Word files etc. get a clear error.
 */
import { checkZipLimits, readZipDirectory, type ImportLimits, IMPORT_LIMITS, type ZipEntry } from './limits';
import { fileInvalid } from '../../platform/errors';
import { fileErrors } from './messages';
import { ZipReader } from './xlsxStreamZip';

export type Sniffed =
  { format: 'xlsx'; entries: ZipEntry[] } | { format: 'xls' } | { format: 'ods' } | { format: 'csv' };

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const utf16 = (s: string) => Buffer.from(s, 'utf16le');

export function sniffFormat(buf: Buffer, file: string, limits: ImportLimits = IMPORT_LIMITS): Sniffed {
  if (
    buf.length >= 4 &&
    buf[0] === 0x50 &&
    buf[1] === 0x4b &&
    (buf[2] === 3 || buf[2] === 5) &&
    (buf[3] === 4 || buf[3] === 6)
  ) {
    const entries = readZipDirectory(buf);
    if (!entries) throw fileErrors.damaged(file);
    checkZipLimits(file, entries, limits);
    const names = new Set(entries.map((e) => e.name.toLowerCase()));
    if (names.has('xl/workbook.xml')) return { format: 'xlsx', entries };
    // The package's own relationships say where its main part is (other tools need not use xl/).
    const main = mainPart(buf, file, limits);
    if (main && /\.xml$/i.test(main) && names.has(main.toLowerCase())) {
      if (/(^|\/)document\.xml$/i.test(main)) throw fileErrors.otherSpreadsheet(file, 'Word 文档');
      if (/(^|\/)presentation\.xml$/i.test(main)) throw fileErrors.otherSpreadsheet(file, 'PowerPoint 演示文稿');
      return { format: 'xlsx', entries };
    }
    if (names.has('xl/workbook.bin') || (main && /\.bin$/i.test(main)))
      throw fileErrors.otherSpreadsheet(file, 'Excel 二进制工作簿（.xlsb）');
    if (names.has('content.xml') && names.has('mimetype')) {
      if (odfMimetype(buf, file, limits) === 'application/vnd.oasis.opendocument.spreadsheet') return { format: 'ods' };
      throw fileErrors.otherSpreadsheet(file, 'OpenOffice/LibreOffice 文字或演示文档');
    }
    if (names.has('word/document.xml')) throw fileErrors.otherSpreadsheet(file, 'Word 文档');
    if (names.has('[content_types].xml')) throw fileErrors.damaged(file);
    throw fileErrors.unsupported(file);
  }
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC)) {
    // Stream names in the compound file's directory (UTF-16), matched ignoring case: WPS and other writers
    // name the BIFF stream "WORKBOOK" or "WorkBook" as well as Excel's "Workbook".
    const names = oleNames(buf);
    if (
      names.has('encryptioninfo') ||
      names.has('encryptedpackage') ||
      buf.includes(utf16('EncryptionInfo')) ||
      buf.includes(utf16('EncryptedPackage'))
    ) {
      throw fileErrors.encrypted(file);
    }
    if (names.has('workbook') || names.has('book')) return { format: 'xls' };
    if (names.has('worddocument')) throw fileErrors.otherSpreadsheet(file, 'Word 文档');
    throw fileErrors.unsupported(file);
  }
  return sniffText(buf, file);
}

/** The target of the package's officeDocument relationship (_rels/.rels), or null. */
function mainPart(buf: Buffer, file: string, limits: ImportLimits): string | null {
  try {
    const zip = new ZipReader(buf, file, limits);
    const rels = zip.get('_rels/.rels');
    if (!rels || rels.uncompressedSize > 1 << 20) return null;
    const xml = zip.read(rels).toString('utf8');
    for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const tag = m[0];
      const type = /\bType\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? '';
      const target = /\bTarget\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
      if (/\/officeDocument$/.test(type) && target) return target.replace(/^\/+/, '').replace(/^\.\//, '');
    }
  } catch {
    // a damaged package: reported below as damaged
  }
  return null;
}

/** An OpenDocument package's mimetype part. */
function odfMimetype(buf: Buffer, file: string, limits: ImportLimits): string {
  try {
    const zip = new ZipReader(buf, file, limits);
    const part = zip.get('mimetype');
    return part && part.uncompressedSize < 200 ? zip.read(part).toString('latin1').trim() : '';
  } catch {
    return '';
  }
}

/** The entry names of an OLE compound file's directory, lower-case (the directory entries at their sectors). */
function oleNames(buf: Buffer): Set<string> {
  const names = new Set<string>();
  // Each directory entry is 128 bytes: a UTF-16LE name of up to 31 characters, then its length in bytes
  // (with the terminating NUL) at offset 64 and its type (1 storage, 2 stream, 5 root) at 66. Entries sit at
  // 128-byte boundaries of 512/4096-byte sectors; scanning every boundary finds them without following the FAT.
  for (let at = 512; at + 128 <= buf.length; at += 128) {
    const len = buf.readUInt16LE(at + 64);
    const type = buf[at + 66];
    if (len < 4 || len > 64 || len % 2 || (type !== 1 && type !== 2 && type !== 5)) continue;
    if (buf.readUInt16LE(at + len - 2) !== 0) continue;
    const name = buf.toString('utf16le', at, at + len - 2);
    if (/^[\x01-\x7e]+$/.test(name)) names.add(name.toLowerCase());
  }
  return names;
}

function sniffText(buf: Buffer, file: string): Sniffed {
  const hasUtf16Bom = buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
  const head = buf.subarray(0, 8192);
  if (!hasUtf16Bom && head.includes(0)) throw fileErrors.unsupported(file);
  // Known binary signatures that contain no NUL in their first bytes are rare; PDF and images are the usual mistakes.
  const ascii = head.toString('latin1');
  if (/^%PDF-|^\x89PNG|^\xff\xd8\xff|^GIF8|^Rar!|^7z\xbc\xaf/.test(ascii)) throw fileErrors.unsupported(file);
  const text = (hasUtf16Bom ? head.toString('utf16le') : head.toString('utf8'))
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 2048)
    .toLowerCase();
  if (text.startsWith('mime-version:')) throw fileErrors.html(file);
  if (text.startsWith('<')) {
    if (text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      throw fileErrors.otherSpreadsheet(file, 'Excel 2003 XML 表格');
    }
    if (/<(!doctype html|html|table|head|body|meta)\b/.test(text)) throw fileErrors.html(file);
  }
  // Named as a spreadsheet but plain text: a CSV/TSV export under another name is read as such; text without
  // a delimiter on any line (a note, a log, a password file …) is not a table at all.
  if (SPREADSHEET_NAME.test(file) && !/[,\t;]/.test(text)) throw notSpreadsheet(file);
  return { format: 'csv' };
}

const SPREADSHEET_NAME = /\.(xlsx|xlsm|xls|et|ett|ods)$/i;

function notSpreadsheet(file: string) {
  return fileInvalid(
    `文件“${file}”不是电子表格文件：扩展名是表格的，内容却只是几行普通文字，没有表格的行和列，无法导入。` +
      '请确认是否选错了文件，或向报送单位重新索取用 Excel/WPS 保存的报表',
  );
}
