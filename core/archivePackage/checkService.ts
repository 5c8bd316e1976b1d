/**
 * The 四性检测 as the app offers it (IPC): choose a package folder (or a recorded one), check it with progress, write
 * the report into the package, keep the outcome; open the report PDF; re-check everything on demand.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import { startJob } from '../platform/jobs';
import { checkPackage } from './check';
import { getExportedPackage, listExportedPackages, recordedDigests, storeCheckOutcome } from './checkRegistry';
import { recheckArchives, recheckState } from './checkRecheck';
import { writeCheckReport } from './checkReport';

/** Report PDFs written in this session, by token: the page opens them by token, never by a path it sends. */
const reports = new Map<string, string>();

export async function checkPackageInteractive(ctx: AppContext, opts: { packageId?: number; jobId?: string }) {
  const dir = opts.packageId
    ? getExportedPackage(ctx, opts.packageId).dir
    : await ctx.ports.pickFolder({ title: '选择要检测的电子档案信息包文件夹' });
  if (!dir) return null;
  const job = startJob(opts.jobId, '四性检测');
  try {
    const report = await checkPackage(dir, {
      expected: recordedDigests(ctx, dir) ?? undefined,
      signal: job.signal,
      onProgress: (p) => job.report(p.done, p.total, p.message),
      now: ctx.now,
    });
    storeCheckOutcome(ctx, report);
    let reportToken: string | null = null;
    let reportError: string | null = null;
    try {
      const files = await writeCheckReport(report);
      reportToken = crypto.randomBytes(16).toString('hex');
      reports.set(reportToken, files.pdf);
    } catch (e) {
      reportError = `检测报告未能写入信息包（${e instanceof Error ? e.message : String(e)}）`;
    }
    return { report, reportToken, reportError };
  } finally {
    job.finish();
  }
}

export async function openCheckReport(ctx: AppContext, token: string): Promise<void> {
  const file = reports.get(token);
  if (!file) throw notFound('找不到这份检测报告，请重新检测');
  await ctx.ports.openPath(file);
}

export const exportedPackages = (ctx: AppContext) =>
  listExportedPackages(ctx).map((p) => ({
    ...p,
    lastFindings: p.lastFindingsJson
      ? (JSON.parse(p.lastFindingsJson) as {
          code: string;
          name: string;
          findings: { where: string; message: string }[];
        }[])
      : [],
  }));

export const recheckAll = (ctx: AppContext, full: boolean) =>
  recheckArchives(ctx, { scope: full ? 'full' : 'digests' });
export { recheckState };
