import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { attachments } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { dataPaths } from '../platform/dataPaths';
import { fileInvalid, notFound, validation } from '../platform/errors';
import { writeFileAtomic } from '../files/atomicWrite';
import { safeFileName } from '../files/names';
import { jpegInfo } from '../files/jpeg';
import { inspectPdfInWorker } from '../imports/parse/isolated';
import { mutate } from '../platform/mutation';

export type Attachment = typeof attachments.$inferSelect;

export const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 50_000_000;

export const SCAN_FILTERS = [{ name: '扫描件（PDF、JPEG、PNG）', extensions: ['pdf', 'jpg', 'jpeg', 'png'] }];

const EXT_BY_MIME: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-excel': 'xls',
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/octet-stream': 'bin',
};

/** File extension of a stored attachment, from its type (the store names files <sha256>.<ext>). */
export function extensionOf(mime: string): string {
  return EXT_BY_MIME[mime] ?? 'bin';
}

/** Relative path of an attachment in the store: ab/abcdef….ext */
export function storeRelativePath(a: { sha256: string; mime: string }): string {
  return path.join(a.sha256.slice(0, 2), `${a.sha256}.${extensionOf(a.mime)}`);
}

interface Inspected {
  mime: string;
  pageCount: number;
  width?: number;
  height?: number;
}

/** Checks that a file is a PDF/JPEG/PNG that can be shown and bound, and counts its pages. */
export async function inspectScan(buf: Buffer, name: string): Promise<Inspected> {
  if (buf.length === 0) throw fileInvalid(`文件“${name}”是空文件（0 字节），请重新扫描或选择正确的文件`);
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') {
    // Loaded in the memory-capped worker: a hostile PDF ends as a Chinese error, the app goes on.
    const { pageCount } = await inspectPdfInWorker(buf, name);
    return { mime: 'application/pdf', pageCount };
  }
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) {
    const info = jpegInfo(buf);
    const size = info && { width: info.width, height: info.height };
    if (!size) throw fileInvalid(`图片“${name}”已损坏，无法读取尺寸，请重新扫描`);
    if (!(buf[buf.length - 2] === 0xff && buf[buf.length - 1] === 0xd9)) {
      throw fileInvalid(`图片“${name}”不完整（文件被截断），请重新扫描或重新复制`);
    }
    checkPixels(size, name);
    return { mime: 'image/jpeg', pageCount: 1, ...size };
  }
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    if (buf.length < 33 || buf.subarray(12, 16).toString('latin1') !== 'IHDR') {
      throw fileInvalid(`图片“${name}”已损坏，请重新扫描`);
    }
    const size = { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
    if (!buf.subarray(buf.length - 12).includes(Buffer.from('IEND', 'latin1'))) {
      throw fileInvalid(`图片“${name}”不完整（文件被截断），请重新扫描或重新复制`);
    }
    checkPixels(size, name);
    return { mime: 'image/png', pageCount: 1, ...size };
  }
  throw fileInvalid(`文件“${name}”不是 PDF、JPEG 或 PNG 格式，无法作为扫描件。请扫描为 PDF 或 JPG 后再添加`);
}

function checkPixels(size: { width: number; height: number }, name: string) {
  if (!size.width || !size.height) throw fileInvalid(`图片“${name}”尺寸为 0，已损坏`);
  const px = size.width * size.height;
  if (px > MAX_IMAGE_PIXELS) {
    throw fileInvalid(
      `图片“${name}”过大（${size.width}×${size.height}，约 ${Math.round(px / 1e6)} 百万像素），请以 300dpi 或更低分辨率重新扫描`,
    );
  }
}

export function attachmentPath(ctx: AppContext, a: Pick<Attachment, 'sha256' | 'mime'>): string {
  return path.join(dataPaths(ctx.dataDir).attachmentsDir, storeRelativePath(a));
}

/** The one atomic writer (core/files/atomicWrite.ts), re-exported for the modules that import it from here. */
export { writeFileAtomic };

/** Display name only: strips any folder part a hostile name could carry (../../x.pdf), then makes it a safe file name. */
export function safeDisplayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return safeFileName(base.slice(0, 200));
}

export interface PreparedScan {
  buf: Buffer;
  name: string;
  sha256: string;
  mime: string;
  pageCount: number | null;
}

/** A file kept as it is (an imported workbook, a document): no scan checks, just stored by content. */
export function prepareFile(buf: Buffer, name: string, mime: string): PreparedScan {
  return {
    buf,
    name: safeDisplayName(name),
    sha256: crypto.createHash('sha256').update(buf).digest('hex'),
    mime,
    pageCount: null,
  };
}

/** Reads and checks a scan without writing anything; a bad file raises a Chinese error naming it. */
export async function prepareScan(filePath: string, displayName?: string): Promise<PreparedScan> {
  const name = safeDisplayName(displayName ?? path.basename(filePath));
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw fileInvalid(`找不到文件“${name}”，可能已被移动或删除`);
  }
  if (!stat.isFile()) throw fileInvalid(`“${name}”不是文件`);
  if (stat.size > MAX_ATTACHMENT_BYTES) {
    throw fileInvalid(`文件“${name}”太大（${(stat.size / 1048576).toFixed(0)} MB），单个扫描件不能超过 200 MB`);
  }
  return prepareScanBytes(fs.readFileSync(filePath), name);
}

export async function prepareScanBytes(buf: Buffer, name: string): Promise<PreparedScan> {
  const info = await inspectScan(buf, name);
  const sha256 = crypto.createHash('sha256').update(buf).digest('hex');
  return { buf, name, sha256, mime: info.mime, pageCount: info.pageCount };
}

/**
 * Puts a checked scan into the content-addressed store (once per content) and returns its record. Synchronous,
 * so it can run inside the transaction that links it: the file is written (atomically) before the row.
 */
export function commitScan(ctx: AppContext, s: PreparedScan): Attachment {
  const dest = attachmentPath(ctx, s);
  if (!fileMatches(dest, s.sha256)) writeFileAtomic(dest, s.buf); // also heals a missing or damaged copy
  const existing = ctx.db.select().from(attachments).where(eq(attachments.sha256, s.sha256)).get();
  if (existing) return existing;
  return ctx.db
    .insert(attachments)
    .values({ sha256: s.sha256, originalName: s.name, mime: s.mime, size: s.buf.length, pageCount: s.pageCount })
    .returning()
    .get();
}

/**
 * The row of a file already put into the store by other means (a sealed volume's PDF): the existing row of that
 * content, or a new one. Synchronous, for use inside the transaction that links it.
 */
export function storedFileAttachmentId(
  ctx: AppContext,
  f: { sha256: string; name: string; mime: string; size: number; pageCount: number | null },
): number {
  const existing = ctx.db
    .select({ id: attachments.id })
    .from(attachments)
    .where(eq(attachments.sha256, f.sha256))
    .get();
  if (existing) return existing.id;
  return ctx.db
    .insert(attachments)
    .values({ sha256: f.sha256, originalName: f.name, mime: f.mime, size: f.size, pageCount: f.pageCount })
    .returning({ id: attachments.id })
    .get().id;
}

export async function storeScan(ctx: AppContext, filePath: string, displayName?: string): Promise<Attachment> {
  return commitScan(ctx, await prepareScan(filePath, displayName));
}

function fileMatches(file: string, sha256: string): boolean {
  try {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') === sha256;
  } catch {
    return false;
  }
}

export function getAttachment(ctx: AppContext, id: number): Attachment {
  const a = ctx.db.select().from(attachments).where(eq(attachments.id, id)).get();
  if (!a) throw notFound(`找不到编号为 ${id} 的附件`);
  return a;
}

export function getAttachments(ctx: AppContext, ids: number[]): Attachment[] {
  if (!ids.length) return [];
  return ctx.db.select().from(attachments).where(inArray(attachments.id, ids)).all();
}

export const MAX_PREVIEW_BYTES = 60 * 1024 * 1024;

/** Bytes of an attachment for the in-app preview (the renderer draws a PDF's first page or the image). */
export function readAttachment(ctx: AppContext, id: number): { attachment: Attachment; base64: string } {
  const a = getAttachment(ctx, id);
  const file = attachmentPath(ctx, a);
  if (a.size > MAX_PREVIEW_BYTES) {
    throw fileInvalid(`“${a.originalName}”太大，无法在程序内预览，请点击“用系统程序打开”`);
  }
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    throw fileInvalid(`附件“${a.originalName}”的文件在附件库中缺失，请运行“数据检查”或从备份恢复`);
  }
  return { attachment: a, base64: buf.toString('base64') };
}

/** Picks scans through the file dialog and stores them. */
export async function importScans(ctx: AppContext): Promise<Attachment[]> {
  const files = await ctx.ports.pickFiles({ title: '选择明白书扫描件', filters: SCAN_FILTERS, multiple: true });
  const prepared: PreparedScan[] = [];
  for (const f of files) prepared.push(await prepareScan(f)); // all checked before any is stored
  return mutate(ctx, () => prepared.map((p) => commitScan(ctx, p)));
}

export async function openAttachment(ctx: AppContext, id: number): Promise<void> {
  const a = getAttachment(ctx, id);
  const file = attachmentPath(ctx, a);
  if (!fs.existsSync(file))
    throw fileInvalid(`附件“${a.originalName}”的文件在附件库中缺失，请运行“数据检查”或从备份恢复`);
  await ctx.ports.openPath(file);
}

/** The clerk's quarter turns of an attachment's pages: {pageIndex: clockwise degrees}, only pages turned. */
export function pageRotations(a: Pick<Attachment, 'pageRotations'>): Record<string, number> {
  if (!a.pageRotations) return {};
  try {
    const o = JSON.parse(a.pageRotations) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(o).filter((e): e is [string, number] => [90, 180, 270].includes(e[1] as number)),
    );
  } catch {
    return {};
  }
}

/**
 * Turns one page of a scan a quarter to the left or right (向左旋转/向右旋转). Only the turn is stored, with the
 * attachment; the file is untouched, and volumes bound afterwards draw the page turned. Pages count from 0.
 */
export function rotateAttachmentPage(ctx: AppContext, id: number, page: number, turn: 'left' | 'right'): Attachment {
  return mutate(ctx, (audit) => {
    const a = getAttachment(ctx, id);
    if (!['application/pdf', 'image/jpeg', 'image/png'].includes(a.mime))
      throw validation(`“${a.originalName}”不是扫描件（PDF 或图片），不能旋转`);
    const pages = a.mime === 'application/pdf' ? (a.pageCount ?? 1) : 1;
    if (!Number.isInteger(page) || page < 0 || page >= pages)
      throw validation(`“${a.originalName}”没有第 ${page + 1} 页（共 ${pages} 页），请重新选择页面`);
    const rot = pageRotations(a);
    const next = ((((rot[String(page)] ?? 0) + (turn === 'right' ? 90 : 270)) % 360) + 360) % 360;
    if (next) rot[String(page)] = next;
    else delete rot[String(page)];
    const json = Object.keys(rot).length
      ? JSON.stringify(Object.fromEntries(Object.entries(rot).sort((x, y) => Number(x[0]) - Number(y[0]))))
      : null;
    const after = ctx.db
      .update(attachments)
      .set({ pageRotations: json })
      .where(eq(attachments.id, id))
      .returning()
      .get();
    audit({
      action: 'update',
      entity: 'attachment',
      entityId: id,
      summary: `扫描件“${a.originalName}”第 ${page + 1} 页${turn === 'right' ? '向右' : '向左'}旋转，现为顺时针 ${next}°`,
      before: { pageRotations: a.pageRotations },
      after: { pageRotations: json },
    });
    return after;
  });
}
