/**
 * .xlsx → the grid model (grid.ts), streaming: the zip's parts are inflated chunk by chunk (xlsxStreamZip.ts)
 * and scanned as bytes (xlsxStreamXml.ts), so memory holds the grid and the shared strings, not the XML, and
 * no multi-byte character is ever decoded in pieces (exceljs 4.4.0's streaming reader turns characters cut by
 * its 16 KiB chunks into U+FFFD, issues #2063/#2084).
 *
 * The grid is the one exceljs' full reader gave (tests compare them): shared strings (rich text joined,
 * phonetic runs left out, _xHHHH_ escapes), numbers shown with a date format (built-in ids 14–22, 45–47, the
 * Chinese-locale ids 27–36 and 50–58, custom formats with y/m/d/h/s) as UTC Dates in the workbook's 1900/1904
 * system, formulas by their cached result ({error: NO_RESULT} without one), error cells, merges from
 * <mergeCells> (value in the master only), hidden sheets from workbook.xml.
 */
import type { Sheet, Workbook } from './grid';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import { fileErrors } from './messages';
import { XlsxUnsupported, ZipReader, type ZipPart } from './xlsxStreamZip';
import {
  dirOf,
  readDateStyles,
  readRels,
  readSharedStrings,
  readWorkbookXml,
  workbookPart,
  type SheetEntry,
} from './xlsxStreamParts';
import { readSheet, type SheetContext } from './xlsxStreamSheet';

export { XlsxUnsupported } from './xlsxStreamZip';

/**
 * Called as the reader gets through a file: `done` of `total` (bytes of sheet XML). It may throw (e.g. the
 * clerk cancelled) to stop the read; the reader lets go of everything it holds.
 */
export type ReadProgress = (done: number, total: number) => void;

// ---- the workbook ---------------------------------------------------------------------------------------

const REL_WORKSHEET = /\/worksheet$/;

/**
 * Reads an .xlsx. Throws AppError(FILE_INVALID) for damaged files and zip bombs (limits checked before
 * inflating), XlsxUnsupported for a structure this reader does not know (the caller may try exceljs).
 */
export async function readXlsxStream(
  buf: Buffer,
  file: string,
  limits: ImportLimits = IMPORT_LIMITS,
  progress?: ReadProgress,
): Promise<Workbook> {
  const zip = new ZipReader(buf, file, limits);
  const wbName = workbookPart(zip);
  const wbPart = zip.get(wbName);
  if (!wbPart) throw fileErrors.damaged(file);
  const { sheets: entries, date1904 } = readWorkbookXml(zip.read(wbPart));
  const rels = readRels(zip, wbName);
  let stylesName: string | undefined;
  let stringsName: string | undefined;
  for (const r of rels.values()) {
    if (/\/styles$/.test(r.type)) stylesName = r.target;
    else if (/\/sharedStrings$/.test(r.type)) stringsName = r.target;
  }
  const stylesPart = zip.get(stylesName ?? `${dirOf(wbName)}styles.xml`);
  const stringsPart = zip.get(stringsName ?? `${dirOf(wbName)}sharedStrings.xml`);
  const dateStyles = stylesPart ? readDateStyles(zip.read(stylesPart)) : [];
  const { strings, invalid } = stringsPart
    ? await readSharedStrings(zip, stringsPart, file)
    : { strings: [], invalid: new Set<number>() };
  const ctx: SheetContext = { file, strings, invalidStrings: invalid, dateStyles, date1904 };
  const sheets: Sheet[] = [];
  const parts: [SheetEntry, ZipPart][] = [];
  for (const entry of entries) {
    const rel = rels.get(entry.rid);
    if (!rel) throw new XlsxUnsupported(`no relationship ${entry.rid} for sheet ${entry.name}`);
    if (!REL_WORKSHEET.test(rel.type)) continue; // chart sheets, dialog sheets: no cells
    const part = zip.get(rel.target);
    if (!part) throw new XlsxUnsupported(`sheet part ${rel.target} missing`);
    parts.push([entry, part]);
  }
  // A part is read once however many sheets point at it (a workbook listing 300 sheets of one 32 MB part would
  // otherwise build 300 grids): the sheets then share its rows and merges (grid cells are never changed).
  const distinct = new Set(parts.map(([, p]) => p));
  const total = [...distinct].reduce((n, p) => n + p.uncompressedSize, 0);
  let done = 0;
  const step = progress ? (bytes: number) => progress((done += bytes), total) : undefined;
  const read = new Map<ZipPart, Sheet>();
  for (const [entry, part] of parts) {
    const seen = read.get(part);
    if (seen) {
      sheets.push({
        name: entry.name,
        hidden: entry.hidden,
        rows: seen.rows,
        merges: seen.merges,
        ...(seen.notes ? { notes: seen.notes } : {}),
      });
      continue;
    }
    const sheet = await readSheet(zip, part, entry, ctx, step);
    read.set(part, sheet);
    sheets.push(sheet);
  }
  return { file, format: 'xlsx', sheets, date1904 };
}
