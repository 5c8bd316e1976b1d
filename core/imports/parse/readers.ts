/**
 * One entry point from a file (or its bytes) to the grid model, whatever the file really is.
 * Every failure is an AppError('FILE_INVALID') with a Chinese message naming the file.
 *
 * readReturnFile/readReturnBuffer read in a memory-capped worker thread (isolated.ts): the bytes are untrusted,
 * and a reader that runs out of memory there cannot take the app down. readReturnBufferDirect is the read
 * itself, in the calling thread (the worker runs it; tests of the readers' details call it).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readCsvBuffer } from './csv';
import type { Workbook } from './grid';
import { parseInWorker, readInWorker, type IsolatedOptions, type ParseHooks } from './isolated';
import type { ParsedReturn, ParseOptions } from './types';
import { checkFileSize, checkGridSize, IMPORT_LIMITS, type ImportLimits } from './limits';
import { fileErrors } from './messages';
import { sniffFormat } from './sniff';
import { readXlsBuffer } from './xlsReader';
import { readXlsxBuffer } from './xlsxReader';
import { verifyZipParts } from './xlsxStreamZip';
import type { ReadProgress } from './xlsxStream';

export async function readReturnFile(
  filePath: string,
  limits: ImportLimits = IMPORT_LIMITS,
  progress?: ReadProgress,
): Promise<Workbook> {
  const file = path.basename(filePath);
  let size: number;
  try {
    size = (await fs.stat(filePath)).size;
  } catch {
    throw fileErrors.unreadable(file);
  }
  checkFileSize(file, size, limits);
  let buf: Buffer;
  try {
    buf = await fs.readFile(filePath);
  } catch {
    throw fileErrors.unreadable(file);
  }
  return readReturnBuffer(buf, file, limits, progress);
}

/** The same from bytes already in memory (`file` is the name shown in messages), read in the import worker. */
export async function readReturnBuffer(
  buf: Buffer,
  file: string,
  limits: ImportLimits = IMPORT_LIMITS,
  progress?: ReadProgress,
  isolated?: IsolatedOptions,
): Promise<Workbook> {
  checkFileSize(file, buf.length, limits);
  return readInWorker(buf, file, limits, progress, isolated);
}

/**
 * Reads and parses a return in the import worker (see isolated.ts): the parsed rows come back, the grid never
 * leaves the worker. The hooks (progress, the template found, remap) run here.
 */
export async function parseReturnBuffer(
  buf: Buffer,
  file: string,
  limits: ImportLimits,
  opts: ParseOptions,
  hooks: ParseHooks = {},
  isolated?: IsolatedOptions,
): Promise<ParsedReturn> {
  checkFileSize(file, buf.length, limits);
  return parseInWorker(buf, file, limits, opts, hooks, isolated);
}

/** The read itself, in this thread. */
export async function readReturnBufferDirect(
  buf: Buffer,
  file: string,
  limits: ImportLimits = IMPORT_LIMITS,
  progress?: ReadProgress,
): Promise<Workbook> {
  checkFileSize(file, buf.length, limits);
  const sniffed = sniffFormat(buf, file, limits);
  // .xls and CSV are read in one go (their readers are synchronous): progress jumps from nothing to all.
  progress?.(0, 1);
  let wb: Workbook;
  if (sniffed.format === 'xlsx') wb = await readXlsxBuffer(buf, file, { limits, progress });
  else if (sniffed.format === 'xls') wb = await readXlsBuffer(buf, file);
  else if (sniffed.format === 'ods') {
    // SheetJS inflates the package itself: its parts are proven against their declared sizes first.
    await verifyZipParts(buf, file, limits);
    wb = await readXlsBuffer(buf, file, 'ods');
  } else wb = readCsvBuffer(buf, file);
  if (!wb.sheets.length) throw fileErrors.noSheets(file);
  for (const sheet of wb.sheets) dropEmptyTail(sheet.rows);
  checkGridSize(wb, limits);
  progress?.(1, 1);
  return wb;
}

/**
 * Rows after the last one with a value are let go: a sheet formatted (or filled with empty cells, or CSV
 * separators) down to row 1,048,576 has only its rows with values, so the row limit counts those.
 */
function dropEmptyTail(rows: Workbook['sheets'][number]['rows']): void {
  let n = rows.length;
  while (n > 0 && !rows[n - 1]!.some((c) => c !== null && c !== undefined)) n--;
  if (n < rows.length) rows.length = n;
}
