/**
 * A seal is the bytes: the PDF of each sealed 卷 is kept in the content-addressed attachment store (one
 * `attachments` row, so backups and the data check carry it) under its SHA-256. Re-exporting a sealed volume copies
 * those bytes out and verifies them; nothing is drawn again, so the fonts or the app version installed do not matter.
 * Files are copied in chunks (a sealed volume may run to hundreds of MB), never read whole into memory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../platform/context';
import { fileInvalid } from '../platform/errors';
import { attachmentPath, safeDisplayName, storedFileAttachmentId } from '../attachments/service';

const PDF = 'application/pdf';

export async function sha256OfFile(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function hashOrNull(file: string): Promise<string | null> {
  try {
    return await sha256OfFile(file);
  } catch {
    return null;
  }
}

/** Copies `src` to `dest` through a fsynced temp file in dest's folder, renamed into place. */
async function copyAtomic(src: string, dest: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.promises.copyFile(src, tmp);
    const fd = await fs.promises.open(tmp, 'r+');
    try {
      await fd.sync();
    } finally {
      await fd.close();
    }
    await fs.promises.rename(tmp, dest);
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}

/** Where the sealed PDF with this SHA-256 lives in the store. */
export const sealedPath = (ctx: AppContext, sha256: string) => attachmentPath(ctx, { sha256, mime: PDF });

/**
 * Puts an exported PDF into the store (before the sealing transaction; a copy already there and intact is kept).
 * Returns whether the file was written now, so a failed seal can take it back.
 */
export async function putSealedPdf(ctx: AppContext, file: string, sha256: string): Promise<boolean> {
  const dest = sealedPath(ctx, sha256);
  if ((await hashOrNull(dest)) === sha256) return false;
  await copyAtomic(file, dest);
  if ((await hashOrNull(dest)) !== sha256) {
    await fs.promises.rm(dest, { force: true });
    throw fileInvalid('封卷时保存案卷 PDF 到附件库失败（写入后校验不一致），未封卷；请检查磁盘空间后重新封卷');
  }
  return true;
}

/** The attachment row of a sealed PDF (inside the sealing transaction): the existing one, or a new one. */
export function sealedAttachmentId(ctx: AppContext, sha256: string, name: string, size: number): number {
  return storedFileAttachmentId(ctx, { sha256, name: safeDisplayName(name), mime: PDF, size, pageCount: null });
}

export type SealedFileState = 'ok' | 'missing' | 'changed';

/** Re-hashes a sealed PDF in the store now. */
export async function sealedFileState(ctx: AppContext, sha256: string): Promise<SealedFileState> {
  const now = await hashOrNull(sealedPath(ctx, sha256));
  return now === null ? 'missing' : now === sha256 ? 'ok' : 'changed';
}

/**
 * Copies a sealed PDF out of the store to `dest` (atomically), verifying the bytes on both sides. Throws a Chinese
 * error (and writes nothing) when the stored copy is missing or no longer matches.
 */
export async function copySealedOut(ctx: AppContext, sha256: string, dest: string, label: string): Promise<void> {
  const src = sealedPath(ctx, sha256);
  const state = await sealedFileState(ctx, sha256);
  if (state === 'missing') {
    throw fileInvalid(`附件库中找不到${label}封卷时保存的 PDF，未导出；请运行“数据检查”或从备份恢复附件后重试`);
  }
  if (state === 'changed') {
    throw fileInvalid(
      `附件库中${label}封卷时保存的 PDF 已被改动（SHA-256 与封卷时不同），未导出；请从备份恢复附件后重试`,
    );
  }
  await copyAtomic(src, dest);
  if ((await hashOrNull(dest)) !== sha256) {
    await fs.promises.rm(dest, { force: true });
    throw fileInvalid(`导出的${label} PDF 写入后校验不一致，已删除；请检查目标磁盘后重试`);
  }
}
