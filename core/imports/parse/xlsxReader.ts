/**
 * .xlsx → grid. The streaming reader (xlsxStream.ts) is the default: memory bounded by the grid itself, no
 * U+FFFD from characters cut between chunks, merges, hidden sheets, dates and rich text as exceljs gave them.
 * exceljs' full reader stays as the fallback for a structure the streaming reader does not know
 * (XlsxUnsupported: an odd package layout, a DOCTYPE, an unknown compression method …); its own failures
 * are reported as a damaged file. Before exceljs sees the file every part is inflated once under the import
 * limits (verifyZipParts), so a part that lies about its size cannot make exceljs inflate gigabytes.
 */
import type ExcelJS from 'exceljs';
import { normaliseCell, type Cell, type MergeRange, type Sheet, type Workbook } from './grid';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import { fileErrors } from './messages';
import { readXlsxStream, XlsxUnsupported, type ReadProgress } from './xlsxStream';
import { verifyZipParts } from './xlsxStreamZip';

export interface XlsxReadOptions {
  limits?: ImportLimits;
  /** Tests: the streaming reader to use (to exercise the fallback). */
  stream?: typeof readXlsxStream;
  /** Called when the fallback is taken, with the reason. */
  onFallback?: (reason: string) => void;
  /** Progress of the sheets' XML read so far (bytes inflated / bytes in all sheets); may throw to stop. */
  progress?: ReadProgress;
}

export async function readXlsxBuffer(buf: Buffer, file: string, opts: XlsxReadOptions = {}): Promise<Workbook> {
  try {
    return await (opts.stream ?? readXlsxStream)(buf, file, opts.limits ?? IMPORT_LIMITS, opts.progress);
  } catch (e) {
    if (!(e instanceof XlsxUnsupported)) throw e;
    opts.onFallback?.(e.message);
    // The same size limits on this path: exceljs inflates every part whatever its declared size.
    await verifyZipParts(buf, file, opts.limits ?? IMPORT_LIMITS);
    return readXlsxFull(buf, file);
  }
}

/** exceljs' full reader (the whole workbook model in memory; quadratic in the number of merges). */
export async function readXlsxFull(buf: Buffer, file: string): Promise<Workbook> {
  // Loaded when first needed (about 25 MB): the streaming reader handles nearly every file without it. require,
  // not import(): resolved like the static imports (NODE_PATH, the packaged app's archive).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Excel = require('exceljs') as typeof ExcelJS;
  const wb = new Excel.Workbook();
  try {
    // exceljs' types want its own Buffer interface; a Node Buffer is what it reads.
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw fileErrors.damaged(file);
  }
  const sheets: Sheet[] = [];
  try {
    wb.eachSheet((ws) => sheets.push(readWorksheet(ws)));
  } catch {
    // exceljs' model can be inconsistent for odd files (a merge-typed cell without a master …).
    throw fileErrors.damaged(file);
  }
  const date1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
  return { file, format: 'xlsx', sheets, date1904 };
}

function readWorksheet(ws: ExcelJS.Worksheet): Sheet {
  const rows: Cell[][] = [];
  const merges = new Map<string, MergeRange>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      // A merged slave: never read .text/.value as its own; record the merge and leave it empty.
      if (cell.isMerged && cell.master && cell.master.address !== cell.address) {
        const master = cell.master;
        const top = Number(master.row) - 1;
        const left = Number(master.col) - 1;
        const m = merges.get(master.address) ?? { top, left, bottom: top, right: left };
        m.bottom = Math.max(m.bottom, r);
        m.right = Math.max(m.right, c);
        m.top = Math.min(m.top, r);
        m.left = Math.min(m.left, c);
        merges.set(master.address, m);
        return;
      }
      const v = normaliseCell(cell.value);
      if (v === null) return;
      while (cells.length < c) cells.push(null);
      cells[c] = v;
    });
    while (rows.length < r) rows.push([]);
    rows[r] = cells;
  });
  const state = ws.state as string;
  return { name: ws.name, hidden: state === 'hidden' || state === 'veryHidden', rows, merges: [...merges.values()] };
}
