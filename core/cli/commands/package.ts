/**
 * CLI: the 归档信息包 of issue 17: export-package (export, then the 四性检测) and check-package (the 四性检测 of a
 * package folder, with the digests recorded at export when the data directory opens).
 */
import path from 'node:path';
import { validation } from '../../platform/errors';
import { ARCHIVE_MODES, exportPackage, type ArchiveMode, type PackageResult } from '../../archivePackage';
import fs from 'node:fs';
import { dataPaths, openContext } from '../../platform/context';
import { checkPackage } from '../../archivePackage/check';
import { recordedDigests, storeCheckOutcome } from '../../archivePackage/checkRegistry';
import { reportSummary, writeCheckReport } from '../../archivePackage/checkReport';
import { SilentExit, UsageError } from '../usage';
import { print, type Command, type RawCommand } from '../args';

function packageJson(r: PackageResult) {
  return {
    ok: r.check.ok,
    dir: r.dir,
    name: r.name,
    zip: r.zip,
    mode: r.mode,
    items: r.items,
    volumes: r.volumes,
    pages: r.pages,
    bytes: r.bytes,
    pdfa: r.pdfa,
    sm3: r.sm3,
    sha256: r.sha256,
    check: r.check,
    ms: r.ms,
  };
}

/** The check report's failed items, one line each: 类别：检测项：what was found and what to do. */
export function failedLines(r: PackageResult): string[] {
  return r.check.items
    .filter((i) => !i.passed)
    .map((i) => `【不通过】${i.category}：${i.name}${i.message ? `：${i.message}` : ''}`);
}

export const packageCommands: Record<string, Command> = {
  async 'export-package'(ctx, { values }, io) {
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (!out?.trim()) throw new UsageError('缺少参数 --out（保存归档信息包的文件夹）');
    const year = typeof values.year === 'string' ? values.year : undefined;
    const ids = Array.isArray(values.volume) ? (values.volume as string[]) : [];
    if (!year && !ids.length) throw new UsageError('请用 --year 指定年度，或用 --volume 指定案卷编号（可重复）');
    if (year && ids.length) throw new UsageError('--year 与 --volume 只能用一个');
    if (year && !/^\d{4}$/.test(year)) throw validation(`年度“${year}”不对，应为四位数字，如 2024`);
    const volumeIds = ids
      .flatMap((s) => s.split(/[,，]/))
      .map((s) => {
        if (!/^\d+$/.test(s.trim())) throw validation(`案卷编号“${s}”不对，应为 volumes list 第一列的数字`);
        return Number(s.trim());
      });
    // --mode takes the Chinese words or the settings command's piece/volume
    const given = typeof values.mode === 'string' ? values.mode : undefined;
    const mode = given === 'piece' ? '按件' : given === 'volume' ? '组卷' : given;
    if (mode && !ARCHIVE_MODES.includes(mode as ArchiveMode))
      throw validation(`归档方式只能是“按件”（piece）或“组卷”（volume），收到的是“${given}”`);
    let shown = 0;
    const r = await exportPackage(ctx, {
      ...(year ? { year: Number(year) } : { volumeIds }),
      ...(mode ? { mode: mode as ArchiveMode } : {}),
      dest: path.resolve(out),
      zip: !!values.zip,
      onProgress: io.progress
        ? (p) => {
            if (Date.now() - shown < 200) return;
            shown = Date.now();
            io.progress!(`${p.total ? Math.round((p.done / p.total) * 100) : 0}% ${p.message}`);
          }
        : undefined,
    });
    io.progress?.(null);
    if (values.json) io.out(JSON.stringify(packageJson(r), null, 2));
    else
      io.out(
        [
          `已生成归档信息包：${r.dir}`,
          ...(r.zip ? [`压缩文件：${r.zip}`] : []),
          `归档方式 ${r.mode}，${r.items} 件${r.volumes !== null ? `（${r.volumes} 卷）` : ''}，${r.pages} 页，其中 PDF/A-1b ${r.pdfa} 件`,
          `包摘要 SM3：${r.sm3}`,
          `包摘要 SHA-256：${r.sha256}`,
          r.check.ok
            ? '四性检测：通过。可以打印“移交登记表.pdf”，签字后连同本包移交。'
            : '四性检测：不通过。本包不能移交，请按检测报告（包内“检测”文件夹）修改后重新导出：',
          ...failedLines(r),
        ].join('\n'),
      );
    if (!r.check.ok) throw new SilentExit(1);
  },
};

export const packageRawCommands: Record<string, RawCommand> = {
  /**
   * 四性检测 of a package folder. Needs no database: when the data directory opens and recorded the package, the
   * digests recorded at export are compared too. Writes 检测/检测报告.xml and .pdf into the package when it can.
   */
  async 'check-package'(dataDir, { values, rest }, io) {
    const dir = rest[0];
    if (!dir) throw new UsageError('缺少信息包文件夹，例如：check-package D:\\归档信息包_A012_2024_按件_20261202');
    let expected: ReturnType<typeof recordedDigests> = null;
    let ctx: ReturnType<typeof openContext> | null = null;
    try {
      if (fs.existsSync(dataPaths(dataDir).dbFile)) {
        ctx = openContext(dataDir, { actor: '命令行', cli: true });
        expected = recordedDigests(ctx, dir);
      }
    } catch {
      ctx = null; // a database that will not open does not stop the check of a folder
    }
    try {
      const report = await checkPackage(dir, {
        expected: expected ?? undefined,
        onProgress: io.progress ? (p) => io.progress!(`检测中 ${p.done}/${p.total}：${p.message}`) : undefined,
      });
      io.progress?.(null);
      if (ctx) storeCheckOutcome(ctx, report);
      let files: { xml: string; pdf: string } | null = null;
      let writeError: string | null = null;
      try {
        files = await writeCheckReport(report);
      } catch (e) {
        writeError = e instanceof Error ? e.message : String(e);
      }
      print(io, !!values.json, { ok: report.passed, report, reportFiles: files, reportError: writeError }, () =>
        [
          reportSummary(report),
          files ? `检测报告：${files.pdf}` : `检测报告未能写入信息包：${writeError}`,
          report.passed ? '' : '信息包未通过检测，请按以上说明处理后重新导出，不要移交。',
        ]
          .filter(Boolean)
          .join('\n'),
      );
      if (!report.passed) throw new SilentExit(1);
    } finally {
      ctx?.opened.close();
    }
  },
};
