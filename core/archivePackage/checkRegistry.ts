/**
 * The packages this app exported: the exporter records each (recordExportedPackage) with the package's own digests,
 * so later checks — the quiet one at start-up, the full one on demand — compare against what was handed over, and
 * the 工作台 shows the last outcome.
 */
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { archivePackages } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import { packageDigest } from './check';
import type { PackageCheckReport } from './checkTypes';

export type ExportedPackage = typeof archivePackages.$inferSelect;

/**
 * Records (or re-records, after a re-export to the same folder) an exported package: its folder and the SM3/SHA-256
 * of its manifest.xml as they are now. Call it after the package is complete (manifest written).
 */
export function recordExportedPackage(
  ctx: AppContext,
  dir: string,
  opts: { mode?: '按件' | '组卷' | null } = {},
): ExportedPackage {
  const abs = path.resolve(dir);
  const d = packageDigest(abs);
  const values = {
    dir: abs,
    name: path.basename(abs),
    mode: opts.mode ?? null,
    manifestSm3: d.manifestSm3,
    manifestSha256: d.manifestSha256,
    exportedAt: ctx.now().toISOString(),
    lastCheckedAt: null,
    lastScope: null,
    lastPassed: null,
    lastFindingsJson: null,
  };
  return ctx.db
    .insert(archivePackages)
    .values(values)
    .onConflictDoUpdate({ target: archivePackages.dir, set: values })
    .returning()
    .get();
}

export function listExportedPackages(ctx: AppContext): ExportedPackage[] {
  return ctx.db.select().from(archivePackages).orderBy(desc(archivePackages.exportedAt)).all();
}

export function getExportedPackage(ctx: AppContext, id: number): ExportedPackage {
  const row = ctx.db.select().from(archivePackages).where(eq(archivePackages.id, id)).get();
  if (!row) throw notFound(`找不到编号为 ${id} 的已导出信息包记录，请刷新后重试`);
  return row;
}

/** The digests recorded at export for a folder, or null when the app did not export it (or forgot it). */
export function recordedDigests(ctx: AppContext, dir: string): { manifestSm3: string; manifestSha256: string } | null {
  const row = ctx.db
    .select()
    .from(archivePackages)
    .where(eq(archivePackages.dir, path.resolve(dir)))
    .get();
  return row ? { manifestSm3: row.manifestSm3, manifestSha256: row.manifestSha256 } : null;
}

export interface StoredFinding {
  code: string;
  name: string;
  findings: { where: string; message: string }[];
}

/** Keeps the outcome of a check of a recorded package (nothing when the folder is not recorded). */
export function storeCheckOutcome(ctx: AppContext, r: PackageCheckReport): void {
  const failed: StoredFinding[] = r.items
    .filter((i) => !i.passed)
    .map((i) => ({ code: i.code, name: i.name, findings: i.findings.slice(0, 20) }));
  ctx.db
    .update(archivePackages)
    .set({
      lastCheckedAt: r.checkedAt,
      lastScope: r.scope,
      lastPassed: r.passed,
      lastFindingsJson: JSON.stringify(failed),
    })
    .where(eq(archivePackages.dir, path.resolve(r.dir)))
    .run();
}

/** A package folder that is gone, as the outcome of a check. */
export function storeMissing(ctx: AppContext, row: ExportedPackage, at: string): void {
  const failed: StoredFinding[] = [
    {
      code: 'WZ-03',
      name: '信息包文件夹',
      findings: [{ where: row.dir, message: `信息包文件夹“${row.dir}”已不存在（被移动、删除，或所在的 U 盘未插入）` }],
    },
  ];
  ctx.db
    .update(archivePackages)
    .set({ lastCheckedAt: at, lastScope: 'digests', lastPassed: false, lastFindingsJson: JSON.stringify(failed) })
    .where(eq(archivePackages.id, row.id))
    .run();
}
