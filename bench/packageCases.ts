/**
 * 归档信息包 cases (issue 17): the export of 1,000 件 as a package (each 件 its own PDF/A-1b with its metadata XML,
 * catalogues, SM3 + SHA-256 of every file, 移交登记表), against the app's export of the same 1,000 件 as one
 * volume PDF (the same pages drawn once, fonts embedded once): the ratio is what packaging per 件 costs.
 *
 * Data: `volume-setup` (volumeCases.ts) with 1,000 明白书, no hazards, scans on the first `scans` of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exportPackage } from '../core/archivePackage';
import { openContext } from '../core/platform/context';

type Args = Record<string, unknown>;
type Result = Record<string, unknown>;

const NOW = new Date('2025-12-15T02:00:00Z');
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
process.env.ANWEI_RESOURCES ??= path.join(process.cwd(), 'resources');

export const packageCases: Record<string, (a: Args) => Promise<Result> | Result> = {
  /** exportPackage of one volume's 件 into a fresh folder (removed afterwards). */
  async 'package-export'(a) {
    const ctx = openContext(String(a.dir), { actor: '基准测试', now: () => NOW });
    const dest = String(a.out);
    fs.rmSync(dest, { recursive: true, force: true });
    const c = cpuMs();
    const t = performance.now();
    const r = await exportPackage(ctx, { volumeIds: [Number(a.volumeId)], dest, mode: '组卷' });
    const ms = performance.now() - t;
    const cpu = cpuMs() - c;
    fs.rmSync(dest, { recursive: true, force: true });
    ctx.opened.close();
    return { ms, cpuMs: cpu, items: r.items, pages: r.pages, bytes: r.bytes, pdfa: r.pdfa, check: r.check.ok };
  },
};
