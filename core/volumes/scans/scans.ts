/**
 * Opens each file to be bound in before anything is drawn: is it there, does it match its SHA-256, does it open
 * (not damaged, not encrypted), how many pages, which way up, and does any page look blank.
 *
 * Blank-page heuristic (cheap, no rendering): a scanned page is an image; a blank sheet compresses to almost
 * nothing. A page counts as "probably blank" when its images' compressed bytes per pixel are below a threshold
 * for their kind — JPEG (DCTDecode) < 0.02, other 8-bit images (Flate, PNG) < 0.01, 1-bit images (CCITT, JBIG2,
 * 1-bit PNG) < 0.0015 — and its content stream is short (< 2000 bytes, so no real vector text is drawn); a page
 * with no image at all is blank when its content streams are under 64 bytes. A written page scanned at 150 dpi
 * runs to 0.05–0.1 bytes per pixel in JPEG; a white one to under 0.01. A noisy blank scan can escape the
 * heuristic, and a very sparse clean page may trip it: it is a warning, never a refusal.
 */
import type { FileBuffer } from './fileBuffer';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFObject,
} from '@cantoo/pdf-lib';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AppContext } from '../../platform/context';
import { attachmentPath } from '../../attachments/service';
import { pdfaBlockers } from './pdfaProbe';
import { flattenAnnotations, type LostMark } from './flatten';
import { INTERLACED_PNG_PIXELS, downscalePng, kitImage, pngHeader, streamsPng } from './pngDecode';
import { fileInvalid } from '../../platform/errors';
import type { ScanRef } from '../types';
import { jpegInfo } from '../../files/jpeg';

export interface ProbedPage {
  /** Crop box of a PDF page (or the image size in px), before rotation. */
  box: { left: number; bottom: number; right: number; top: number };
  /** Clockwise /Rotate of a PDF page; for an image, 90 when its EXIF orientation turns it. */
  rotate: number;
  blank: boolean;
  /** The clerk's quarter turn (clockwise degrees), already counted in `rotate`. */
  turn?: number;
}

/** Shown upright (EXIF / Rotate / the clerk's turn applied): is the page wider than tall? */
export function displayedLandscape(p: ProbedPage): boolean {
  const w = p.box.right - p.box.left;
  const h = p.box.top - p.box.bottom;
  return p.rotate % 180 === 0 ? w > h : h > w;
}

/** Applies the clerk's turns (stored with the attachment) to the probed pages. */
function withTurns(pages: ProbedPage[], ref: ScanRef): ProbedPage[] {
  if (!ref.rotations) return pages;
  return pages.map((p, i) => {
    const turn = ref.rotations?.[String(i)] ?? 0;
    return turn ? { ...p, rotate: (p.rotate + turn) % 360, turn } : p;
  });
}

export interface ScanProbe {
  ref: ScanRef;
  file: string;
  status: 'ok' | 'missing' | 'damaged' | 'encrypted' | 'unsupported';
  /** Why it cannot be bound (Chinese, naming the file). */
  message: string | null;
  kind: 'pdf' | 'image';
  pages: ProbedPage[];
  /** The stored file no longer matches the SHA-256 it was stored under. */
  mismatch: boolean;
  /** A CMYK JPEG (bound as it is; with the sRGB output intent of PDF/A it is not conforming). */
  cmyk?: boolean;
  /** A PDF's pages that cannot be part of a PDF/A-1b file as they are, and why (pdfaProbe.ts). */
  pdfaBlockers?: { page: number; reasons: string[] }[];
  /** Annotations and form fields a reader sees that cannot be drawn into the bound page (flatten.ts). */
  lost?: LostMark[];
  /** A big PNG, bound streamed and downscaled to the print resolution (pngDecode.ts). */
  streamPng?: boolean;
}

const BLANK_DCT = 0.02;
const BLANK_8BIT = 0.01;
const BLANK_1BIT = 0.0015;

/** Page facts of an image from its first bytes (`head`, ≥ 256 KB or the whole file), its last bytes and its size. */
function imageProbe(
  head: Buffer,
  tail: Buffer,
  size: number,
  mime: string,
): { page: ProbedPage; ok: boolean; cmyk?: boolean; streamPng?: boolean; interlacedTooBig?: boolean } {
  if (mime === 'image/jpeg') {
    const info = jpegInfo(head);
    if (!info || !(tail[tail.length - 2] === 0xff && tail[tail.length - 1] === 0xd9))
      return { ok: false, page: blankPage() };
    return {
      ok: true,
      cmyk: info.channels === 4,
      page: {
        box: { left: 0, bottom: 0, right: info.width, top: info.height },
        rotate: info.orientation >= 5 ? 90 : 0,
        blank: size / (info.width * info.height) < BLANK_DCT,
      },
    };
  }
  const png = head.length >= 33 && head.subarray(12, 16).toString('latin1') === 'IHDR';
  if (!png || !tail.subarray(tail.length - 12).includes(Buffer.from('IEND', 'latin1')))
    return { ok: false, page: blankPage() };
  const width = head.readUInt32BE(16);
  const height = head.readUInt32BE(20);
  const bitDepth = head[24]!;
  const colorType = head[25]!;
  const limit = bitDepth === 1 && (colorType === 0 || colorType === 3) ? BLANK_1BIT : BLANK_8BIT;
  const h = pngHeader(head);
  const big = width * height > INTERLACED_PNG_PIXELS;
  return {
    ok: true,
    page: { box: { left: 0, bottom: 0, right: width, top: height }, rotate: 0, blank: size / (width * height) < limit },
    ...(h && streamsPng(h) ? { streamPng: true } : {}),
    ...(big && h?.interlace ? { interlacedTooBig: true } : {}),
  };
}

const blankPage = (): ProbedPage => ({ box: { left: 0, bottom: 0, right: 595, top: 842 }, rotate: 0, blank: false });

function num(o: PDFObject | undefined): number {
  return o instanceof PDFNumber ? o.asNumber() : 0;
}

function streamBytes(o: PDFObject | undefined): number {
  if (o instanceof PDFRawStream) return o.contents.length;
  if (o instanceof PDFStream) return o.getContentsSize();
  return 0;
}

/** Compressed bytes and pixels of the images a page draws (one level of form XObjects deep), and its content size. */
function pageImages(doc: PDFDocument, index: number): { bytes: number; limitBytes: number; content: number } {
  const page = doc.getPage(index);
  const ctx = doc.context;
  const look = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  let bytes = 0;
  let limitBytes = 0; // sum of pixels × threshold: the page is blank when bytes < limitBytes
  let content = 0;
  const contents = look(page.node.get(PDFName.of('Contents')));
  if (contents instanceof PDFArray)
    for (let i = 0; i < contents.size(); i++) content += streamBytes(look(contents.get(i)));
  else content += streamBytes(contents);
  const visit = (resources: PDFObject | undefined, depth: number) => {
    const res = look(resources);
    if (!(res instanceof PDFDict)) return;
    const xobjects = look(res.get(PDFName.of('XObject')));
    if (!(xobjects instanceof PDFDict)) return;
    for (const [, ref] of xobjects.entries()) {
      const x = look(ref);
      if (!(x instanceof PDFRawStream || x instanceof PDFStream)) continue;
      const dict = x.dict;
      const subtype = dict.get(PDFName.of('Subtype'));
      if (subtype === PDFName.of('Image')) {
        const px = num(look(dict.get(PDFName.of('Width')))) * num(look(dict.get(PDFName.of('Height'))));
        const filter = String(look(dict.get(PDFName.of('Filter'))) ?? '');
        const bpc = num(look(dict.get(PDFName.of('BitsPerComponent'))));
        const limit =
          /CCITT|JBIG2/.test(filter) || bpc === 1 ? BLANK_1BIT : /DCT|JPX/.test(filter) ? BLANK_DCT : BLANK_8BIT;
        bytes += streamBytes(x);
        limitBytes += px * limit;
      } else if (subtype === PDFName.of('Form') && depth < 2) {
        content += streamBytes(x);
        visit(dict.get(PDFName.of('Resources')), depth + 1);
      }
    }
  };
  visit(page.node.Resources(), 0);
  return { bytes, limitBytes, content };
}

function pdfProbe(doc: PDFDocument): ProbedPage[] {
  const out: ProbedPage[] = [];
  for (let i = 0; i < doc.getPageCount(); i++) {
    const page = doc.getPage(i);
    const crop = page.getCropBox();
    const rotate = (((page.getRotation().angle % 360) + 360) % 360) as number;
    const img = pageImages(doc, i);
    const blank = img.limitBytes > 0 ? img.bytes < img.limitBytes && img.content < 2000 : img.content < 64;
    out.push({
      box: { left: crop.x, bottom: crop.y, right: crop.x + crop.width, top: crop.y + crop.height },
      rotate: Math.round(rotate / 90) * 90,
      blank,
    });
  }
  return out;
}

/**
 * Loads a PDF for binding, its annotations and form fields drawn into the page content (flatten.ts); the reason
 * when it cannot be bound.
 */
export async function openScanPdf(
  buf: Uint8Array,
  name: string,
): Promise<{ doc: PDFDocument; lost: LostMark[] } | { error: 'damaged' | 'encrypted'; message: string }> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(buf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    return { error: 'damaged', message: `扫描件“${name}”已损坏，无法打开` };
  }
  if (doc.isEncrypted) return { error: 'encrypted', message: `扫描件“${name}”是加密的 PDF，无法装订` };
  let count: number;
  try {
    count = doc.getPageCount();
  } catch {
    count = 0;
  }
  const tail = Buffer.from(buf.subarray(Math.max(0, buf.length - 1024))).toString('latin1');
  if (count < 1 || !tail.includes('%%EOF'))
    return { error: 'damaged', message: `扫描件“${name}”已损坏（文件不完整或没有页面），无法装订` };
  let lost: LostMark[];
  try {
    lost = flattenAnnotations(doc);
  } catch {
    return { error: 'damaged', message: `扫描件“${name}”的批注或表单无法读取，无法装订` };
  }
  return { doc, lost };
}

/**
 * Reads a probed scan PDF while a volume is written (PDF or OFD) and opens it for binding; a file gone or damaged
 * since the probe stops the export with what to do, so no volume is written without it.
 */
export async function loadBoundScanPdf(probe: ScanProbe, reader: FileBuffer): Promise<PDFDocument> {
  let buf: Buffer;
  try {
    buf = await reader.read(probe.file);
  } catch {
    throw fileInvalid(`导出过程中扫描件“${probe.ref.name}”的文件不见了，未生成文件；请运行“数据检查”后重试`);
  }
  const opened = await openScanPdf(buf, probe.ref.name);
  if ('error' in opened) throw fileInvalid(`导出过程中${opened.message}，未生成文件`);
  return opened.doc;
}

/** Images over this size are hashed as a stream, and only their first and last bytes read. */
const STREAM_IMAGE_BYTES = 16 << 20;
const IMAGE_HEAD = 256 << 10;

async function imageFacts(
  file: string,
  reader?: FileBuffer,
): Promise<{ head: Buffer; tail: Buffer; size: number; sha256: string }> {
  const size = (await fs.promises.stat(file)).size;
  if (size <= STREAM_IMAGE_BYTES) {
    const buf = reader ? await reader.read(file) : await fs.promises.readFile(file);
    return {
      head: buf,
      tail: buf.subarray(Math.max(0, buf.length - 16)),
      size: buf.length,
      sha256: crypto.createHash('sha256').update(buf).digest('hex'),
    };
  }
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  const fd = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(IMAGE_HEAD);
    const tail = Buffer.alloc(16);
    await fd.read(head, 0, IMAGE_HEAD, 0);
    await fd.read(tail, 0, 16, size - 16);
    return { head, tail, size, sha256: h.digest('hex') };
  } finally {
    await fd.close();
  }
}

/**
 * Probes one bound-in file; reads it once and keeps nothing but the page facts. With `reader`, the file is read
 * into its reused buffer (probes made one after another).
 */
export async function probeScan(ctx: AppContext, ref: ScanRef, reader?: FileBuffer): Promise<ScanProbe> {
  const file = attachmentPath(ctx, ref);
  const kind = ref.mime === 'application/pdf' ? 'pdf' : 'image';
  const base = { ref, file, kind, mismatch: false } as const;
  if (kind === 'image') {
    let facts: { head: Buffer; tail: Buffer; size: number; sha256: string };
    try {
      facts = await imageFacts(file, reader);
    } catch {
      return { ...base, status: 'missing', message: `扫描件“${ref.name}”的文件在附件库中缺失`, pages: [] };
    }
    const mismatch = facts.sha256 !== ref.sha256;
    let r = imageProbe(facts.head, facts.tail, facts.size, ref.mime);
    if (!r.ok && facts.head.length < facts.size) {
      // the header lies beyond the first bytes read (e.g. large metadata segments): read the whole file
      const whole = await fs.promises.readFile(file);
      r = imageProbe(whole, whole.subarray(Math.max(0, whole.length - 16)), whole.length, ref.mime);
    }
    if (!r.ok)
      return { ...base, mismatch, status: 'damaged', message: `图片“${ref.name}”已损坏或不完整，无法装订`, pages: [] };
    if (r.interlacedTooBig) {
      const { right: w, top: h } = r.page.box;
      return {
        ...base,
        mismatch,
        status: 'unsupported',
        message: `图片“${ref.name}”是隔行扫描（interlaced）的 PNG，且过大（${w}×${h}），无法在限定内存内装订；请用看图软件另存为普通 PNG 或 JPEG 后重新添加`,
        pages: [],
      };
    }
    return {
      ...base,
      mismatch,
      status: 'ok',
      message: null,
      pages: withTurns([r.page], ref),
      ...(r.cmyk ? { cmyk: true } : {}),
      ...(r.streamPng ? { streamPng: true } : {}),
    };
  }
  let buf: Buffer;
  try {
    buf = reader ? await reader.read(file) : await fs.promises.readFile(file);
  } catch {
    return { ...base, status: 'missing', message: `扫描件“${ref.name}”的文件在附件库中缺失`, pages: [] };
  }
  const mismatch = crypto.createHash('sha256').update(buf).digest('hex') !== ref.sha256;
  const opened = await openScanPdf(buf, ref.name);
  if ('error' in opened) return { ...base, mismatch, status: opened.error, message: opened.message, pages: [] };
  let pages: ProbedPage[];
  try {
    pages = pdfProbe(opened.doc);
  } catch {
    return { ...base, mismatch, status: 'damaged', message: `扫描件“${ref.name}”的页面无法读取，无法装订`, pages: [] };
  }
  let blockers: ScanProbe['pdfaBlockers'];
  try {
    blockers = pdfaBlockers(opened.doc);
  } catch {
    blockers = [{ page: 1, reasons: ['结构无法检查'] }];
  }
  return {
    ...base,
    mismatch,
    status: 'ok',
    message: null,
    pages: withTurns(pages, ref),
    ...(blockers.length ? { pdfaBlockers: blockers } : {}),
    ...(opened.lost.length ? { lost: opened.lost } : {}),
  };
}

/**
 * The bytes pdfkit draws for an image page: a JPEG as it is (read into the reused buffer: pdfkit copies it within
 * doc.image), a PNG over 2 MP streamed (downscaled to the print resolution when above it; pngDecode.ts: an image
 * object pdfkit embeds as it is), smaller PNGs as they are.
 */
export async function imageForBinding(
  probe: ScanProbe,
  reader: FileBuffer,
): Promise<Buffer | ReturnType<typeof kitImage>> {
  if (probe.ref.mime === 'image/jpeg') return reader.read(probe.file);
  if (!probe.streamPng) return fs.promises.readFile(probe.file);
  try {
    return kitImage(await downscalePng(probe.file), `Png${probe.ref.sha256.slice(0, 16)}`);
  } catch {
    throw fileInvalid(
      `导出过程中图片“${probe.ref.name}”无法读取（文件已损坏或格式不受支持），未生成文件；请重新扫描或另存为 JPEG 后重新添加`,
    );
  }
}
