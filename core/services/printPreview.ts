/**
 * 打印预览: every print (明白书 forms, 催报通知, a volume's draft) is made here, held under a token and shown
 * in the page's preview pane; 打印 sends that very PDF to the printer (Ports.printPdf, a temp file in the data
 * directory's tmp folder, removed afterwards) and 另存为… writes it through the save dialog, atomically. Nothing
 * is written or printed until the clerk chooses.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../context';
import { dataPaths } from '../dataPaths';
import { todayIso } from '../domain/dates';
import { notFound } from '../errors';
import { writeFileAtomic } from '../files/atomicWrite';
import { safeFileName } from '../files/names';
import { pickSaveFile } from '../files/saveAs';
import type { BoardQuery } from './board';
import { chasePdfBytes } from './exports';
import { getPledge } from './pledges';
import { pledgeFormPdf, pledgeFormProblems } from './printing';

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

/** The 催报通知 of the board's current selection, for the preview pane. */
export async function previewChaseNotice(ctx: AppContext, q: BoardQuery): Promise<PrintPreview> {
  return holdForPreview(ctx, await chasePdfBytes(ctx, q), {
    title: '催报通知',
    defaultName: `催报通知_${todayIso(ctx.now())}.pdf`,
  });
}
