/** 导出电子档案 from the app: the clerk picks the folder, the package is built with progress, then shown. */
import type { AppContext } from '../platform/context';
import { startJob } from '../platform/jobs';
import { exportPackage, type PackageResult } from './export';
import type { ArchiveMode } from './source';

export async function exportPackageInteractive(
  ctx: AppContext,
  i: { year?: number; volumeIds?: number[]; mode?: ArchiveMode; zip?: boolean; jobId?: string },
): Promise<PackageResult | null> {
  const dest = await ctx.ports.pickFolder({ title: '选择保存电子档案（归档信息包）的文件夹，如 U 盘或移动硬盘' });
  if (!dest) return null;
  const job = startJob(i.jobId, '正在生成归档信息包');
  try {
    const r = await exportPackage(ctx, {
      ...(i.volumeIds?.length ? { volumeIds: i.volumeIds } : { year: i.year }),
      ...(i.mode ? { mode: i.mode } : {}),
      zip: !!i.zip,
      dest,
      signal: job.signal,
      onProgress: (p) => job.report(p.done, p.total, p.message),
    });
    await ctx.ports.showInFolder(r.dir);
    return r;
  } finally {
    job.finish();
  }
}
