import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { AppError } from '../../core/platform/errors';

export const RETURNS_DIR = path.resolve(__dirname, '../fixtures/returns');

export function fixture(name: string): string {
  return path.join(RETURNS_DIR, name);
}

export interface ManifestEntry {
  /** refused: not a return (a task list that only looks like a 工作清单), refused with a Chinese message. */
  kind: 'hazard' | 'pledge' | 'worklist' | 'corrupt' | 'refused';
  closed?: number;
  layout?: string;
  rows?: number;
  major?: number;
  done?: number;
  signed?: number;
  overLimitRows?: number[];
  encoding?: string;
  format?: string;
  same_as?: string;
}

export function manifest(): Record<string, ManifestEntry> {
  return JSON.parse(readFileSync(fixture('manifest.json'), 'utf8')) as Record<string, ManifestEntry>;
}

let tmp: string | null = null;
/** Writes bytes to a fresh temp dir under the given name and returns the path. */
export function tempFile(name: string, data: Buffer | string): string {
  tmp ??= mkdtempSync(path.join(tmpdir(), 'import-test-'));
  const p = path.join(tmp, name);
  writeFileSync(p, data);
  return p;
}

export async function xlsxBuffer(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Runs fn and returns the AppError it throws (fails the test if it does not throw one). */
export async function appError(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw new Error(`expected an AppError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected an AppError, nothing was thrown');
}
