/**
 * The importer's parsing layer, for the commit/reconcile layer and the import wizard.
 *
 *   const wb = await readReturnFile(path);            // once per file (throws AppError FILE_INVALID)
 *   const parsed = parseWorkbook(wb, { sheet, kind, mapping, year }); // re-run as the clerk adjusts options
 *   // or simply: await parseReturn(path, opts)
 */
export { parseReturn, parseWorkbook, parseWorkbookAsync, headerFingerprint, DEFAULT_LENGTH_LIMIT } from './parse';
export { readReturnFile, readReturnBuffer, parseReturnBuffer } from './readers';
export { IMPORT_LIMITS, type ImportLimits } from './limits';
export { FIELD_TABLES, mappableFields } from './fields';
export { matchHeader, detectKind, headerKey } from './headers';
export type { FieldDef } from './fieldTypes';
export { townshipFromName } from './names';
export { columnLetter, cellText, type Cell, type Sheet, type Workbook, type SourceFormat } from './grid';
export * from './types';
