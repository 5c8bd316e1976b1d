/**
 * Refuse absurd inputs before any heavy work: the file size, and for .xlsx the sizes the zip's central
 * directory declares (a "zip bomb" inflates a few KB into GBs). Only the central directory is read here.
 */
import { fileInvalid } from '../../platform/errors';
import type { Workbook } from './grid';
import { fileErrors } from './messages';
import { zipParts } from './zipDirectory';

export interface ImportLimits {
  maxFileBytes: number;
  maxUncompressedBytes: number;
  maxPartBytes: number;
  maxZipEntries: number;
  /** Rows with values, and columns, of a visible sheet (the same as preview.ts GRID_LIMITS). */
  maxRows: number;
  maxColumns: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxPartBytes: 500 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxRows: 300_000,
  maxColumns: 1_000,
};

/**
 * The grid's size, checked in the import worker before the grid crosses to the app: a sheet beyond the limits is
 * refused there, so the app never holds (or copies) it. Rows count only when they hold a value.
 */
export function checkGridSize(wb: Workbook, limits: ImportLimits = IMPORT_LIMITS): void {
  for (const sh of wb.sheets) {
    if (sh.hidden) continue;
    let rows = 0;
    let cols = 0;
    for (const r of sh.rows) {
      if (r.length > cols) cols = r.length;
      if (r.some((c) => c !== null && c !== undefined)) rows++;
    }
    if (rows > limits.maxRows) {
      throw fileInvalid(
        `文件“${wb.file}”的工作表“${sh.name}”有 ${rows} 行，超过一次导入的上限 ${limits.maxRows} 行。请按乡镇或月份拆分后分别导入`,
      );
    }
    if (cols > limits.maxColumns) {
      throw fileInvalid(
        `文件“${wb.file}”的工作表“${sh.name}”有 ${cols} 列，超过上限 ${limits.maxColumns} 列，不像是报送的台账。请检查是否选错了文件`,
      );
    }
  }
}

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export function checkFileSize(file: string, bytes: number, limits: ImportLimits = IMPORT_LIMITS): void {
  if (bytes === 0) throw fileErrors.empty(file);
  if (bytes > limits.maxFileBytes) throw fileErrors.tooLarge(file, bytes, limits.maxFileBytes);
}

/** The zip's central directory; null when it cannot be found or is cut off (a damaged/truncated file). */
export function readZipDirectory(buf: Buffer): ZipEntry[] | null {
  const parts = zipParts(buf);
  return (
    parts &&
    [...parts.values()].map(({ name, compressedSize, uncompressedSize }) => ({
      name,
      compressedSize,
      uncompressedSize,
    }))
  );
}

/** Throws FILE_INVALID when the declared sizes are absurd. */
export function checkZipLimits(file: string, entries: ZipEntry[], limits: ImportLimits = IMPORT_LIMITS): void {
  if (entries.length > limits.maxZipEntries) throw fileErrors.zipTooLarge(file, `包含 ${entries.length} 个内部文件`);
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize > limits.maxPartBytes) {
      throw fileErrors.zipTooLarge(file, `中的“${e.name}”解压后有 ${Math.round(e.uncompressedSize / 1024 / 1024)} MB`);
    }
    total += e.uncompressedSize;
  }
  if (total > limits.maxUncompressedBytes) {
    throw fileErrors.zipTooLarge(file, `解压后共 ${Math.round(total / 1024 / 1024)} MB`);
  }
}
