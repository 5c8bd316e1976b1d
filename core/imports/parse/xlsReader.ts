/**
 * Excel 97-2003 (.xls, BIFF) through SheetJS — used for .xls only. Produces the same grid as the xlsx path:
 * merges from !merges, hidden from Workbook.Sheets[i].Hidden, date-formatted numbers as UTC Dates.
 */
import type * as XLSXTypes from '@e965/xlsx';
import { acceptMerges, type Cell, type Sheet, type Workbook } from './grid';
import { fileErrors } from './messages';
import { excelSerialToDate } from './serial';

type XLSXModule = typeof XLSXTypes;
type XLSX = XLSXModule;

/**
 * SheetJS is loaded on the first .xls (about 20 MB once loaded): an app that never meets one never pays it.
 * require, not import(): resolved like the static imports (NODE_PATH, the packaged app's archive).
 */
let loaded: XLSXModule | null = null;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadXlsx = (): XLSXModule => (loaded ??= require('@e965/xlsx') as XLSXModule);

/** Excel 97-2003 and WPS .et (BIFF in an OLE file), or an OpenDocument spreadsheet (.ods). */
export async function readXlsBuffer(buf: Buffer, file: string, format: 'xls' | 'ods' = 'xls'): Promise<Workbook> {
  const XLSX = loadXlsx();
  let wb: XLSXTypes.WorkBook;
  try {
    wb = XLSX.read(buf, {
      type: 'buffer',
      cellDates: false,
      cellNF: true,
      cellText: false,
      cellFormula: false,
      dense: false,
    });
  } catch (e) {
    if (/password|encrypt/i.test(String((e as Error)?.message ?? e))) throw fileErrors.encrypted(file);
    throw fileErrors.damaged(file);
  }
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  const sheets = wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    const hidden = (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0;
    return ws ? readWorksheet(XLSX, name, hidden, ws, date1904) : { name, hidden, rows: [], merges: [] };
  });
  return { file, format, sheets, date1904 };
}

function readWorksheet(XLSX: XLSX, name: string, hidden: boolean, ws: XLSXTypes.WorkSheet, date1904: boolean): Sheet {
  const rows: Cell[][] = [];
  // Only the cells that exist: a sheet's !ref can claim 65536 rows × 256 columns for a few real cells.
  for (const key of Object.keys(ws)) {
    if (key.startsWith('!')) continue;
    const { r, c } = XLSX.utils.decode_cell(key);
    if (r < 0 || c < 0) continue;
    const v = cellValue(XLSX, ws[key] as XLSXTypes.CellObject, date1904);
    if (v === null) continue;
    const row = (rows[r] ??= []);
    while (row.length < c) row.push(null);
    row[c] = v;
  }
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  const merges = acceptMerges(
    (ws['!merges'] ?? []).map((m) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c })),
    rows.length + 10_000,
  );
  // SheetJS keeps a value in merged slave cells in some files; the grid holds it in the master only.
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = m.left; c <= m.right; c++) if ((r !== m.top || c !== m.left) && c < row.length) row[c] = null;
    }
  }
  return { name, hidden, rows, merges };
}

function cellValue(XLSX: XLSX, cell: XLSXTypes.CellObject, date1904: boolean): Cell {
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' && cell.v !== '' ? cell.v : null;
    case 'b':
      return !!cell.v;
    case 'e':
      return { error: cell.w ?? XLSX.utils.format_cell(cell) ?? '#VALUE!' };
    case 'd':
      return cell.v instanceof Date ? cell.v : null;
    case 'n': {
      const n = Number(cell.v);
      if (!Number.isFinite(n)) return null;
      const fmt = typeof cell.z === 'string' ? cell.z : '';
      if (fmt && XLSX.SSF.is_date(fmt)) return excelSerialToDate(n, date1904);
      return n;
    }
    default:
      return null;
  }
}
