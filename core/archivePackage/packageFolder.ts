/**
 * The package folder on disk: its name (归档信息包_<全宗号>_<年度>_<方式>_<日期>, unique in the destination), its
 * files listed in the manifest's order, everything fsynced before the temp folder is renamed into place, and a
 * failure inside the temp folder reported as one of the destination folder the clerk chose.
 */
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { diskFull, isAppError, readOnlyFolder, writeFault } from '../platform/errors';
import { fsyncDir } from '../files/atomicWrite';
import { safeFileName } from '../files/names';
import type { ArchiveMode } from './source';

/** 归档信息包_<全宗号>_<年度>_<方式>_<YYYYMMDD>, unique in `dest` (…_2, …_3 when taken). */
export function packageName(dest: string, fondsCode: string, years: number[], mode: ArchiveMode, now: Date): string {
  const y = years.length === 1 ? String(years[0]) : `${years[0]}-${years[years.length - 1]}`;
  const base = safeFileName(
    `归档信息包_${fondsCode || '未设全宗号'}_${y}_${mode}_${dayjs(now).format('YYYYMMDD')}`,
    '归档信息包',
  );
  let name = base;
  for (let k = 2; fs.existsSync(path.join(dest, name)) || fs.existsSync(path.join(dest, `${name}.zip`)); k++)
    name = `${base}_${k}`;
  return name;
}

/** Every file under `dir` as a relative '/' path, sorted (the manifest's order). */
export function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

/** Every file and folder under `dir` to disk (the folders last, so their entries are durable too). */
export function fsyncTree(dir: string) {
  const entries = fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[];
  for (const d of entries) {
    if (!d.isFile()) continue;
    const fd = fs.openSync(path.join(d.parentPath, d.name), 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  for (const d of entries) if (d.isDirectory()) fsyncDir(path.join(d.parentPath, d.name));
  fsyncDir(dir);
}

/** A failure inside the temp folder named as the destination folder the clerk chose. */
export function packageFault(e: unknown, dest: string, estimate: number): unknown {
  const err = isAppError(e) ? e : writeFault(e, path.join(dest, 'x'), estimate);
  if (isAppError(err) && err.code === 'DISK_FULL') return diskFull(dest, estimate);
  if (isAppError(err) && err.code === 'READ_ONLY') return readOnlyFolder(dest);
  return err;
}
