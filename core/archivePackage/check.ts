/**
 * 四性检测 (DA/T 70-2018) of an 归档信息包 folder: 真实性, 完整性, 可用性 and 安全性, each item with what it found
 * and where. Reads the package only; writes nothing (the report files are written by checkReport.ts).
 *
 * This file runs the parts in order, each adding its findings to the run's items (checkRun.ts): the digests and
 * manifest (checkManifest.ts), then for a full check the structure (checkStructure.ts), the catalogues
 * (checkCatalogues.ts), each 件 (checkEntries.ts) and every file's format (checkFormats.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../platform/errors';
import { APP_VERSION } from '../platform/version';
import { CHECK_ITEMS, type CheckItemKey, type CheckPackageOptions, type PackageCheckReport } from './checkTypes';
import { type FileDigests, digestFile, sm3Of } from './checkDigest';
import { MANIFEST, type CatalogueRow, listPackageFiles } from './checkRead';
import { cancelled, Items, pdfFactsReader, type CheckRun } from './checkRun';
import { checkManifest } from './checkManifest';
import { checkReadmeCounts, checkStructure, type PackageMode } from './checkStructure';
import { checkCatalogues } from './checkCatalogues';
import { checkEntries } from './checkEntries';
import { checkFormats } from './checkFormats';

export type { PackageCheckReport, CheckItemResult, CheckFinding } from './checkTypes';

const DIGEST_ITEMS: CheckItemKey[] = ['manifestFiles', 'manifestSelf', 'manifestCoverage', 'packageDigest'];

/** Runs the 四性检测 on a package folder. Throws only when the folder cannot be read at all (or on cancel). */
export async function checkPackage(dir: string, opts: CheckPackageOptions = {}): Promise<PackageCheckReport> {
  const started = Date.now();
  const root = path.resolve(dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(root);
  } catch {
    throw new AppError('NOT_FOUND', `找不到文件夹“${root}”，请确认信息包所在的位置（U 盘是否已插好）后重试`);
  }
  if (!st.isDirectory())
    throw new AppError(
      'VALIDATION',
      `“${root}”不是文件夹：请选择归档信息包的文件夹（解压后的文件夹，而不是 .zip 文件）`,
    );
  const scope = opts.scope ?? 'full';
  const keys = scope === 'full' ? (Object.keys(CHECK_ITEMS) as CheckItemKey[]) : DIGEST_ITEMS;
  const items = new Items(keys);
  const files = listPackageFiles(root);
  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  // what the report head needs (set by the full check)
  let mode: PackageMode = null;
  let itemRows: CatalogueRow[] = [];
  let volumeRows: CatalogueRow[] = [];
  let pages = 0;
  const fileSet = new Set(files);
  const total = files.length * (scope === 'full' ? 2 : 1);
  let done = 0;
  const step = (message: string) => {
    if (opts.signal?.aborted) throw cancelled();
    opts.onProgress?.({ done: ++done, total, message });
  };

  // Digests of every file, once (streamed).
  const digests = new Map<string, FileDigests>();
  for (const f of files) {
    step(`正在计算摘要：${f}`);
    try {
      digests.set(f, await digestFile(abs(f)));
    } catch {
      /* unreadable: reported below where the file is needed */
    }
  }

  const run: CheckRun = { root, files, fileSet, abs, items, digests, step };
  checkManifest(run, opts.expected);

  if (scope === 'digests') return finish();

  const structure = checkStructure(run);
  const { readme } = structure;
  mode = structure.mode;
  const catalogues = checkCatalogues(run, mode);
  ({ itemRows, volumeRows } = catalogues);
  const factsOf = pdfFactsReader(run);
  pages = await checkEntries(run, itemRows, catalogues.xmlDocs, factsOf);
  checkReadmeCounts(run, readme, mode, itemRows, volumeRows, pages);
  await checkFormats(run, catalogues.xmlDocs, catalogues.xmlError, factsOf);

  return finish();

  function finish(): PackageCheckReport {
    const list = items.list();
    return {
      dir: root,
      packageName: path.basename(root),
      mode,
      checkedAt: (opts.now ?? (() => new Date()))().toISOString(),
      softwareVersion: APP_VERSION,
      scope,
      passed: list.every((i) => i.passed),
      ok: list.every((i) => i.passed),
      items: list,
      counts: countsOf(),
      ms: Date.now() - started,
    };
  }
  function countsOf() {
    return { items: itemRows.length, volumes: volumeRows.length, files: files.length, pages };
  }
}

/** SM3 and SHA-256 of a package's manifest.xml: the package's digest, recorded at export. */
export function packageDigest(dir: string): { manifestSm3: string; manifestSha256: string } {
  const buf = fs.readFileSync(path.join(dir, MANIFEST));
  return { manifestSm3: sm3Of(buf), manifestSha256: crypto.createHash('sha256').update(buf).digest('hex') };
}
