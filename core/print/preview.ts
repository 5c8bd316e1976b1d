/**
 * 打印预览: every print (明白书 forms, 催报通知, a volume's draft) is made here, held under a token and shown
 * in the page's preview pane; 打印 sends that very PDF to the printer (Ports.printPdf, a temp file in the data
 * directory's tmp folder, removed afterwards) and 另存为… writes it through the save dialog, atomically. Nothing
 * is written or printed until the clerk chooses.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../platform/context';
import { dataPaths } from '../platform/dataPaths';
import { todayIso } from '../domain/dates';
import { notFound } from '../platform/errors';
import { writeFileAtomic } from '../files/atomicWrite';
import { safeFileName } from '../files/names';
import { pickSaveFile } from '../files/saveAs';
import type { BoardQuery } from '../returns/board';
import { chasePdfBytes } from '../exports/service';
import { getPledge } from '../pledges/service';
import { pledgeFormPdf, pledgeFormProblems } from './printing';
import { startJob } from '../platform/jobs';
import { validation } from '../platform/errors';
import { exportVolume, getVolume, volumeArchivalNo } from '../volumes';

interface Held {
  dataDir: string;
  title: string;
  defaultName: string;
  bytes: Buffer;
}

/** What the preview pane shows: the PDF (base64), its title, the name 另存为 suggests, and warnings. */
export interface PrintPreview {
  token: string;
  title: string;
  defaultName: string;
  base64: string;
  size: number;
  warnings: string[];
}

/** The last few previews (a preview pane shows one at a time; older tokens expire). */
const MAX_HELD = 6;
const held = new Map<string, Held>();

/** Holds a PDF for the preview pane and returns what the pane needs. */
export function holdForPreview(
  ctx: AppContext,
  bytes: Buffer,
  opts: { title: string; defaultName: string; warnings?: string[] },
): PrintPreview {
  const token = randomBytes(16).toString('hex');
  held.set(token, { dataDir: ctx.dataDir, title: opts.title, defaultName: opts.defaultName, bytes });
  while (held.size > MAX_HELD) held.delete(held.keys().next().value!);
  return {
    token,
    title: opts.title,
    defaultName: opts.defaultName,
    base64: bytes.toString('base64'),
    size: bytes.length,
    warnings: opts.warnings ?? [],
  };
}

function heldPdf(ctx: AppContext, token: string): Held {
  const h = held.get(token);
  if (!h || h.dataDir !== ctx.dataDir) throw notFound('打印预览已过期，请关闭预览后重新点击“打印”');
  return h;
}

/** 打印: the previewed PDF through the system print dialog; false when the clerk cancelled the dialog. */
export async function printHeld(ctx: AppContext, token: string): Promise<{ printed: boolean }> {
  const h = heldPdf(ctx, token);
  const dir = dataPaths(ctx.dataDir).tmpDir;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `print-${randomBytes(6).toString('hex')}.pdf`);
  writeFileAtomic(file, h.bytes);
  try {
    return { printed: await ctx.ports.printPdf(file, { title: h.title }) };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** 另存为…: the previewed PDF where the clerk chooses (written atomically); null when cancelled. */
export async function saveHeld(ctx: AppContext, token: string): Promise<{ file: string } | null> {
  const h = heldPdf(ctx, token);
  const file = await pickSaveFile(ctx.ports, { title: `另存为 — ${h.title}`, defaultName: h.defaultName, kind: 'pdf' });
  if (!file) return null;
  writeFileAtomic(file, h.bytes);
  return { file };
}

/** The pre-filled 明白书 form of a register entry, for the preview pane. */
export async function previewPledgeForm(ctx: AppContext, id: number): Promise<PrintPreview> {
  const p = getPledge(ctx, id);
  return holdForPreview(ctx, await pledgeFormPdf(ctx, id), {
    title: `安全生产责任明白书 · ${p.talkeeName}`,
    defaultName: safeFileName(`安全生产责任明白书_${p.talkeeName}.pdf`),
    warnings: pledgeFormProblems(ctx, id),
  });
}

/** Largest volume PDF shown in the preview (base64 over IPC, drawn page by page by pdf.js). */
const MAX_VOLUME_PREVIEW = 64 * 1024 * 1024;

/**
 * A draft volume as it would print (cover, 卷内目录, the documents, 备考表), for the preview pane. Made in the
 * data directory's tmp folder and removed there; nothing is recorded in the volume's export history.
 */
export async function previewVolume(ctx: AppContext, id: number, jobId?: string): Promise<PrintPreview> {
  const v = getVolume(ctx, id);
  if (v.status === 'sealed') throw validation(`案卷“${v.title}”已封卷：请用“导出 PDF”取出封卷时保存的 PDF 后打印`);
  const dir = dataPaths(ctx.dataDir).tmpDir;
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `preview-${randomBytes(6).toString('hex')}.pdf`);
  const job = startJob(jobId, '正在生成打印预览');
  let files: string[] = [out];
  try {
    const r = await exportVolume(ctx, id, out, {
      preview: true,
      signal: job.signal,
      onProgress: (p) => job.report(p.done, p.total, p.message),
    });
    files = r.volumes.map((x) => x.file);
    if (r.volumes.length > 1)
      throw validation(
        `案卷共 ${r.pages} 页，超过每卷页数上限，分为 ${r.volumes.length} 卷，不能在一个预览中打印：请点击“导出 PDF”保存后逐卷打印`,
      );
    const size = fs.statSync(r.file).size;
    if (size > MAX_VOLUME_PREVIEW)
      throw validation(
        `案卷 PDF 有 ${Math.ceil(size / 1024 / 1024)} MB，太大，无法在程序内预览：请点击“导出 PDF”保存后用 PDF 阅读器打印`,
      );
    return holdForPreview(ctx, fs.readFileSync(r.file), {
      title: `案卷 · ${v.title}`,
      defaultName: safeFileName(`${volumeArchivalNo(v, v.volumeNo)}_${v.title}.pdf`),
      warnings: r.check.problems.length ? [`组卷检查发现 ${r.check.problems.length} 个问题，请在案卷详情中查看`] : [],
    });
  } finally {
    for (const f of files) fs.rmSync(f, { force: true });
    job.finish();
  }
}

/** The 催报通知 of the board's current selection, for the preview pane. */
export async function previewChaseNotice(ctx: AppContext, q: BoardQuery): Promise<PrintPreview> {
  return holdForPreview(ctx, await chasePdfBytes(ctx, q), {
    title: '催报通知',
    defaultName: `催报通知_${todayIso(ctx.now())}.pdf`,
  });
}
