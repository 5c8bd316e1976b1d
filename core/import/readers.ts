/**
 * One entry point from a file (or its bytes) to the grid model, whatever the file really is.
 * Every failure is an AppError('FILE_INVALID') with a Chinese message naming the file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readCsvBuffer } from './csv';
import type { Workbook } from './grid';
import { checkFileSize, IMPORT_LIMITS, type ImportLimits } from './limits';
import { fileErrors } from './messages';
import { sniffFormat } from './sniff';
import { readXlsBuffer } from './xlsReader';
import { readXlsxBuffer } from './xlsxReader';

export async function readReturnFile(filePath: string, limits: ImportLimits = IMPORT_LIMITS): Promise<Workbook> {
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
  return readReturnBuffer(buf, file, limits);
}

/** The same from bytes already in memory; `file` is the name shown in messages. */
export async function readReturnBuffer(buf: Buffer, file: string, limits: ImportLimits = IMPORT_LIMITS): Promise<Workbook> {
  checkFileSize(file, buf.length, limits);
  const sniffed = sniffFormat(buf, file, limits);
  const wb =
    sniffed.format === 'xlsx' ? await readXlsxBuffer(buf, file) : sniffed.format === 'xls' ? readXlsBuffer(buf, file) : readCsvBuffer(buf, file);
  if (!wb.sheets.length) throw fileErrors.noSheets(file);
  return wb;
}
