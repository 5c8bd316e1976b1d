/**
 * What a file really is, from its bytes, never its extension: a .xlsx that is really an old .xls or a CSV is
 * read as what it is; password-protected workbooks, web pages saved as ".xls", Word files etc. get a clear error.
 */
import { checkZipLimits, readZipDirectory, type ImportLimits, IMPORT_LIMITS, type ZipEntry } from './limits';
import { fileErrors } from './messages';

export type Sniffed = { format: 'xlsx'; entries: ZipEntry[] } | { format: 'xls' } | { format: 'csv' };

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const utf16 = (s: string) => Buffer.from(s, 'utf16le');

export function sniffFormat(buf: Buffer, file: string, limits: ImportLimits = IMPORT_LIMITS): Sniffed {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 3 || buf[2] === 5) && (buf[3] === 4 || buf[3] === 6)) {
    const entries = readZipDirectory(buf);
    if (!entries) throw fileErrors.damaged(file);
    checkZipLimits(file, entries, limits);
    const names = new Set(entries.map((e) => e.name));
    if (names.has('xl/workbook.xml')) return { format: 'xlsx', entries };
    if (names.has('xl/workbook.bin')) throw fileErrors.otherSpreadsheet(file, 'Excel 二进制工作簿（.xlsb）');
    if (names.has('content.xml') && names.has('mimetype')) throw fileErrors.otherSpreadsheet(file, 'OpenOffice/LibreOffice 文档（.ods/.odt）');
    if (names.has('word/document.xml')) throw fileErrors.otherSpreadsheet(file, 'Word 文档');
    if (names.has('[Content_Types].xml')) throw fileErrors.damaged(file);
    throw fileErrors.unsupported(file);
  }
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC)) {
    if (buf.includes(utf16('EncryptionInfo')) || buf.includes(utf16('EncryptedPackage'))) throw fileErrors.encrypted(file);
    if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book'))) return { format: 'xls' };
    if (buf.includes(utf16('WordDocument'))) throw fileErrors.otherSpreadsheet(file, 'Word 文档');
    throw fileErrors.unsupported(file);
  }
  return sniffText(buf, file);
}

function sniffText(buf: Buffer, file: string): Sniffed {
  const hasUtf16Bom = buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
  const head = buf.subarray(0, 8192);
  if (!hasUtf16Bom && head.includes(0)) throw fileErrors.unsupported(file);
  // Known binary signatures that contain no NUL in their first bytes are rare; PDF and images are the usual mistakes.
  const ascii = head.toString('latin1');
  if (/^%PDF-|^\x89PNG|^\xff\xd8\xff|^GIF8|^Rar!|^7z\xbc\xaf/.test(ascii)) throw fileErrors.unsupported(file);
  const text = (hasUtf16Bom ? head.toString('utf16le') : head.toString('utf8')).replace(/^\ufeff/, '').trimStart().slice(0, 2048).toLowerCase();
  if (text.startsWith('mime-version:')) throw fileErrors.html(file);
  if (text.startsWith('<')) {
    if (text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      throw fileErrors.otherSpreadsheet(file, 'Excel 2003 XML 表格');
    }
    if (/<(!doctype html|html|table|head|body|meta)\b/.test(text)) throw fileErrors.html(file);
  }
  return { format: 'csv' };
}
