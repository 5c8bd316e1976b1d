/**
 * Draws a planned 卷 with pdfkit in one pass, every page in order, streamed to a temp file that is renamed into
 * place: the generated pages, the images, the page numbers and 归档章, and each PDF scan page, copied from its file
 * (opened with pdf-lib, one file at a time) into the output as a form XObject and drawn into the space kept for it.
 * Nothing of the volume is held in memory beyond the page being drawn and the scan file being bound, so memory
 * does not grow with the number of scans. Chinese is only ever drawn by pdfkit (fontkit subsets).
 *
 * Deterministic: CreationDate/ModDate come from the caller (the seal time for a sealed volume), the file ID is
 * derived from the document info, font subset tags from the font order — the same volume gives the same bytes.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFContentStream,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFDocument as LibDocument,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { crashPoint } from '../platform/crash';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type PDFDocument from 'pdfkit';
import { pdfkit } from '../platform/lazyLibs';
import { FileBuffer } from './fileBuffer';
import { yieldToEventLoop } from '../platform/jobs';
import { AppError, fileInvalid, writeFault } from '../platform/errors';
import { StreamGuard } from '../files/atomicWrite';
import { registerFonts } from '../pdf/fonts';
import type { FontPlan } from '../pdf/fontFiles';
import { pageNumberOps, stampOps, FRONT } from './layout/front';
import { pieceStampOps } from './layout/piece';
import { A4, MM, Metrics, paint, text, box, type LaidPage, type Op } from './layout/ops';
import { LANDSCAPE, SHEET } from './layout/sheets';
import type { PlannedPart } from './plan';
import { pdfaImage } from './imageConvert';
import { missingCidSet } from './pdfaFonts';
import { imageForBinding, openScanPdf, type ProbedPage, type ScanProbe } from './scans';
import type { ExportProgress, VolumeHeader } from './types';

type Doc = InstanceType<typeof PDFDocument>;

export const BINDING = 28;
export const OUTER = 20;
export const SHEET_TOP = 35;
export const LANDSCAPE_LEFT = 20; // from the sheet's bottom edge
/** Where a scan goes on its page (mm): clear of the page number at the top, a little binding margin. */
export const SCAN = { binding: 15, outer: 8, top: 20, bottom: 8 };

export interface RenderOptions {
  header: VolumeHeader;
  fontPlan: FontPlan;
  creationDate: Date;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  progressBase: { done: number; total: number };
  /** A line at the top of the first page, on the side away from the page number (a 件 exported alone: its 档号). */
  firstPageLabel?: string;
}

export function cancelled(): AppError {
  return new AppError('CANCELLED', '已取消导出，未生成文件');
}

function checkAbort(signal?: AbortSignal) {
  if (signal?.aborted) throw cancelled();
}

const tick = yieldToEventLoop;
/** Output (bytes) allowed to wait for the file while drawing. */
const PENDING = 4 << 20;

/** A pdfkit document with the fonts registered and nothing drawn: for measuring text while laying out. */
export function metricsDoc(fontPlan: FontPlan): Metrics {
  const doc = new (pdfkit())({ autoFirstPage: false, size: 'A4', margin: 0 });
  doc.on('data', () => {});
  registerFonts(doc, fontPlan);
  return new Metrics(doc);
}

/** Strings for the document info and XMP: pdfkit writes them into XML as they are. */
const xmlSafe = (s: string) => s.replace(/&/g, '＆').replace(/</g, '＜').replace(/>/g, '＞');

export function frontPage(duplex: boolean, physical: number): boolean {
  return !duplex || physical % 2 === 1;
}

/** Left edge (mm) of the text block: the binding margin is left on front pages, right on back pages. */
export const leftMargin = (front: boolean) => (front ? BINDING : OUTER);

/** Paints a laid-out page into the sheet or front frame, turning landscape content 90° anticlockwise. */
function paintLaid(doc: Doc, laid: LaidPage, front: boolean, frame: 'sheet' | 'front') {
  if (!laid.landscape) {
    paint(doc, laid.ops, leftMargin(front), frame === 'sheet' ? SHEET_TOP : FRONT.top);
    return;
  }
  // (u, v) of the landscape content → (x = v, y = H − u) on the sheet: its top lies along the binding edge.
  doc.save();
  doc.transform(0, -1, 1, 0, 0, A4.h * MM);
  paint(doc, laid.ops, LANDSCAPE_LEFT, leftMargin(front));
  doc.restore();
}

export function scanBox(front: boolean) {
  const x = front ? SCAN.binding : SCAN.outer;
  return { x, y: SCAN.top, w: A4.w - SCAN.binding - SCAN.outer, h: A4.h - SCAN.top - SCAN.bottom };
}

/** Shown displayed upright (EXIF / Rotate applied): is it wider than tall? */
export function isLandscape(p: ProbedPage): boolean {
  const w = p.box.right - p.box.left;
  const h = p.box.top - p.box.bottom;
  return p.rotate % 180 === 0 ? w > h : h > w;
}

/**
 * A JPEG is read into the reused buffer: pdfkit copies its bytes into the output within doc.image. Other images
 * (PNG: pdfkit may decode its pixels later) get a buffer of their own.
 */
async function drawImage(doc: Doc, probe: ScanProbe, reader: FileBuffer, front: boolean, pdfa: boolean) {
  const b = scanBox(front);
  const page = probe.pages[0]!;
  // a Buffer, or a ready image object (a downscaled big PNG) that pdfkit's doc.image takes as it is
  let buf = (await imageForBinding(probe, reader)) as Buffer;
  // PDF/A-1: no CMYK under the sRGB output intent, no alpha (imageConvert.ts); a big PNG comes back from
  // imageForBinding already decoded, without alpha, as an image object pdfkit embeds as it is.
  if (pdfa && Buffer.isBuffer(buf)) buf = await pdfaImage(buf, probe.ref.mime, probe.ref.name);
  if (page.turn) {
    // the clerk turned it (scan preview): that turn, then a landscape result onto the portrait page as below
    const theta = (page.turn + (isLandscape(page) ? 270 : 0)) % 360;
    const [fw, fh] = theta % 180 === 0 ? [b.w, b.h] : [b.h, b.w];
    doc.save();
    doc.translate((b.x + b.w / 2) * MM, (b.y + b.h / 2) * MM);
    doc.rotate(theta);
    doc.image(buf, (-fw / 2) * MM, (-fh / 2) * MM, { fit: [fw * MM, fh * MM], align: 'center', valign: 'center' });
    doc.restore();
    return;
  }
  if (!isLandscape(page)) {
    doc.image(buf, b.x * MM, b.y * MM, { fit: [b.w * MM, b.h * MM], align: 'center', valign: 'center' });
    return;
  }
  // A landscape image goes onto the portrait page turned 90° anticlockwise (its top toward the binding edge on
  // odd pages, as GB/T 9704 asks of landscape tables; an upright page scanned sideways comes out upright).
  doc.save();
  doc.transform(0, -1, 1, 0, b.x * MM, (b.y + b.h) * MM);
  doc.image(buf, 0, 0, { fit: [b.h * MM, b.w * MM], align: 'center', valign: 'center' });
  doc.restore();
}

function drawPlaceholder(doc: Doc, m: Metrics, name: string, message: string, front: boolean) {
  paint(doc, placeholderOps(m, name, message, front), 0, 0);
}

/** The page drawn in place of a file that cannot be bound (page coordinates, mm). */
export function placeholderOps(m: Metrics, name: string, message: string, front: boolean): Op[] {
  const b = scanBox(front);
  const x = b.x + 10;
  const w = b.w - 20;
  const ops = [box(x, 60, w, 90, 1.2)];
  const lines = [
    ['title', 16, '此处应装订的文件未能装订'],
    ['body', 12, `文件：${name}`],
    ['body', 12, `原因：${message}`],
    ['body', 12, '请修复或重新扫描该文件，补充后重新导出本卷。'],
  ] as const;
  let y = 76;
  for (const [font, size, s] of lines) {
    for (const l of m.wrap(font, s, size, w - 16)) {
      ops.push(text(x + 8, y, font, size, l));
      y += size === 16 ? 14 : 8;
    }
  }
  return ops;
}

/** Draws one 卷 with pdfkit to `file`, scans bound in as they come. */
async function renderKit(part: PlannedPart, m: Metrics, file: string, o: RenderOptions): Promise<void> {
  const { header } = o;
  const info = {
    Title: xmlSafe(part.title),
    Author: xmlSafe(header.fondsName),
    Subject: xmlSafe(`档号 ${part.archivalNo}`),
    Keywords: xmlSafe(`${part.mode === 'piece' ? '档案盒' : '案卷'} ${part.archivalNo}`),
    Creator: '安委台账',
    Producer: '安委台账（PDFKit、pdf-lib）',
    CreationDate: o.creationDate,
    ModDate: o.creationDate,
  };
  // A 卷 claims PDF/A only when everything bound into it can conform (the check names the files that cannot).
  const pdfa = header.pdfa && claimsPdfa(part);
  const doc = new (pdfkit())({
    autoFirstPage: false,
    size: 'A4',
    margin: 0,
    pdfVersion: pdfa ? '1.4' : '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info,
    ...(pdfa ? { subset: 'PDF/A-1b' } : {}),
  } as PDFKit.PDFDocumentOptions);
  const out = fs.createWriteStream(file);
  let pagesDone = 0;
  // the size for a disk-full message: pro rata from the pages done, else about 30 KB a page
  const guard = new StreamGuard(out, file, () =>
    Math.round(
      pagesDone && out.bytesWritten ? (out.bytesWritten / pagesDone) * part.pages.length : part.pages.length * 30_000,
    ),
  );
  doc.pipe(out);
  registerFonts(doc, o.fontPlan);
  // open with the bookmarks shown (pdfkit writes a plain string as a PDF name)
  (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data.PageMode = 'UseOutlines';
  if (pdfa) {
    // PDF/A-1: the outline root carries /Count (Preflight 1.4.9); every item shown, a flat list
    const outline = doc.outline as unknown as { options: object };
    outline.options = { ...outline.options, expanded: true };
    const when = o.creationDate.toISOString().split('.')[0] + 'Z';
    (doc as unknown as { appendXML(x: string): void }).appendXML(
      `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${when}</xmp:ModifyDate><xmp:MetadataDate>${when}</xmp:MetadataDate></rdf:Description>`,
    );
  }
  const scans = new ScanBinder(doc, pdfa);
  const images = new FileBuffer();
  try {
    for (let i = 0; i < part.pages.length; i++) {
      const pg = part.pages[i]!;
      const front = frontPage(header.duplex, i + 1);
      // a 盒脊 label (按件归档) is a page of its own size, at true size
      doc.addPage({ size: pg.type === 'label' ? [pg.size.w * MM, pg.size.h * MM] : 'A4', margin: 0 });
      if (pg.outline)
        (doc.outline as unknown as { addItem(t: string, o: object): void }).addItem(pg.outline, { fit: true });
      switch (pg.type) {
        case 'front':
          paintLaid(doc, pg.laid, front, 'front');
          break;
        case 'sheet':
          paintLaid(doc, pg.laid, front, 'sheet');
          if (pg.stamp) {
            const right = A4.w - (front ? OUTER : BINDING);
            paint(
              doc,
              pg.stamp.piece
                ? pieceStampOps(m, pg.stamp.piece, right)
                : stampOps(m, stampData(header, pg.stamp), right),
              0,
              0,
            );
          }
          break;
        case 'image':
          await drawImage(doc, pg.probe, images, front, pdfa);
          break;
        case 'pdf':
          await scans.draw(pg.probe, pg.index, front);
          break;
        case 'placeholder':
          drawPlaceholder(doc, m, pg.probe.ref.name, pg.probe.message ?? '无法打开', front);
          break;
        case 'label':
          paint(doc, pg.laid.ops, 0, 0);
          break;
        case 'blank':
          break;
      }
      if ('n' in pg) paint(doc, pageNumberOps(m, pg.n, front), 0, 0);
      if (i === 0 && o.firstPageLabel)
        paint(
          doc,
          [
            text(
              front ? BINDING : A4.w - OUTER - m.width('body', o.firstPageLabel, 9),
              14,
              'body',
              9,
              o.firstPageLabel,
            ),
          ],
          0,
          0,
        );
      // pdfkit pushes its output whether or not the file keeps up: wait while more than a few MB are pending
      // (scans are large), so memory does not grow with the volume when the disk is slow.
      while ((doc as unknown as { readableLength: number }).readableLength + out.writableLength > PENDING) {
        guard.check();
        if (out.writableNeedDrain) await guard.drain();
        else await tick();
      }
      guard.check();
      pagesDone = i + 1;
      if (i % 4 === 3) {
        o.onProgress?.({
          phase: 'render',
          done: o.progressBase.done + i + 1,
          total: o.progressBase.total,
          message: `正在生成第 ${part.k} 卷第 ${i + 1} 页`,
        });
        await tick();
        checkAbort(o.signal);
      }
    }
  } finally {
    scans.close();
    doc.end();
    await guard.finish();
  }
}

/** Whether every PDF bound into the 卷 can be part of a PDF/A-1b file (images are converted as they are drawn). */
export function claimsPdfa(part: PlannedPart): boolean {
  return part.pages.every((pg) => pg.type !== 'pdf' || !pg.probe.pdfaBlockers?.length);
}

export function stampData(header: VolumeHeader, s: { itemNo: number; pages: number }) {
  return {
    fondsCode: header.fondsCode,
    year: header.year,
    itemNo: s.itemNo,
    organization: header.organization,
    retention: header.retention,
    pages: s.pages,
  };
}

/** pdfkit's indirect object (PDFReference): what is used here. */
interface KitRef {
  data: unknown;
  compress: boolean;
  end(chunk?: Uint8Array): void;
}
interface KitDoc {
  ref(data?: unknown): KitRef;
  compress: boolean;
  page: { xobjects: Record<string, KitRef> };
}

/**
 * Copies the objects a scan page needs (its resources: images, fonts, colour spaces …) from the pdf-lib document
 * of the scan file into the pdfkit output, each once per file, streams as they are (still compressed).
 */
class ObjectCopier {
  private copied = new Map<PDFRef, KitRef>();
  constructor(
    private doc: KitDoc,
    private src: LibDocument,
    /** Writing PDF/A-1: subset TrueType font descriptors get the CIDSet they lack (pdfaFonts.ts). */
    private pdfa = false,
  ) {}

  value(o: PDFObject | undefined): unknown {
    if (o === undefined) return null;
    if (o instanceof PDFRef) return this.ref(o);
    if (o instanceof PDFName) return o.asString().slice(1);
    if (o instanceof PDFNumber) return o.asNumber();
    if (o instanceof PDFString || o instanceof PDFHexString) return Buffer.from(o.asBytes());
    if (o instanceof PDFBool) return o.asBoolean();
    if (o instanceof PDFArray) return o.asArray().map((v) => this.value(v));
    if (o instanceof PDFStream) return this.stream(o); // a stream is always indirect; just in case
    if (o instanceof PDFDict) return this.dict(o);
    return null; // PDFNull, or anything unknown
  }

  dict(d: PDFDict): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of d.entries()) out[k.asString().slice(1)] = this.value(v);
    if (this.pdfa) {
      const cidSet = missingCidSet(this.src, d);
      if (cidSet) {
        const ref = this.doc.ref({});
        ref.end(cidSet);
        out.CIDSet = ref;
      }
    }
    return out;
  }

  private ref(r: PDFRef): KitRef {
    let kit = this.copied.get(r);
    if (kit) return kit;
    const o = this.src.context.lookup(r);
    if (o instanceof PDFStream) {
      kit = this.stream(o, r);
    } else {
      kit = this.doc.ref({});
      this.copied.set(r, kit); // before the contents: an object may refer back to itself
      kit.data = this.value(o);
      kit.end();
    }
    return kit;
  }

  private stream(o: PDFStream, r?: PDFRef): KitRef {
    const kit = this.doc.ref({});
    if (r) this.copied.set(r, kit);
    const data = this.dict(o.dict);
    delete data.Length;
    kit.data = data;
    // Compressed data stays as it is (its /Filter copied); pdfkit compresses what is not.
    kit.compress = this.doc.compress && !data.Filter;
    kit.end(o instanceof PDFRawStream ? o.contents : o.getContents());
    return kit;
  }
}

/** Binds PDF scan pages into the pdfkit document as it is drawn, one scan file open at a time. */
class ScanBinder {
  private open: { attachmentId: number; src: LibDocument; copier: ObjectCopier } | null = null;
  private n = 0;
  /** pdf-lib's objects are views of the bytes read: the buffer is reused only once the next scan file is opened. */
  private reader = new FileBuffer();
  constructor(
    private doc: Doc,
    private pdfa = false,
  ) {}

  private async source(probe: ScanProbe) {
    if (this.open?.attachmentId === probe.ref.attachmentId) return this.open;
    this.open = null;
    let buf: Buffer;
    try {
      buf = await this.reader.read(probe.file);
    } catch {
      throw fileInvalid(`导出过程中扫描件“${probe.ref.name}”的文件不见了，未生成文件；请运行“数据检查”后重试`);
    }
    const opened = await openScanPdf(buf, probe.ref.name);
    if ('error' in opened) throw fileInvalid(`导出过程中${opened.message}，未生成文件`);
    return (this.open = {
      attachmentId: probe.ref.attachmentId,
      src: opened.doc,
      copier: new ObjectCopier(this.doc as unknown as KitDoc, opened.doc, this.pdfa),
    });
  }

  /** Page `index` of a PDF scan as a form XObject (like pdf-lib's embedPage), fitted into the scan box. */
  async draw(probe: ScanProbe, index: number, front: boolean) {
    const { src, copier } = await this.source(probe);
    const page = src.getPage(index);
    const { Contents, Resources } = page.node.normalizedEntries();
    const parts: Uint8Array[] = [];
    for (let i = 0; i < (Contents?.size() ?? 0); i++) {
      const c = Contents!.lookup(i);
      if (c instanceof PDFRawStream) parts.push(decodePDFRawStream(c).decode());
      else if (c instanceof PDFContentStream) parts.push(c.getUnencodedContents());
      else continue;
      parts.push(NEWLINE);
    }
    const p = probe.pages[index]!;
    const { left, bottom, right, top } = p.box;
    const kit = this.doc as unknown as KitDoc;
    const form = kit.ref({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [left, bottom, right, top],
      Matrix: [1, 0, 0, 1, -left, -bottom],
    });
    (form.data as Record<string, unknown>).Resources = copier.dict(Resources);
    form.compress = false;
    (form.data as Record<string, unknown>).Filter = 'FlateDecode';
    form.end(zlib.deflateSync(Buffer.concat(parts)));
    const name = `Scan${++this.n}`;
    kit.page.xobjects[name] = form;
    drawScanPage(this.doc, name, right - left, top - bottom, p, front);
  }

  close() {
    this.open = null;
  }
}

const NEWLINE = Uint8Array.of(0x0a);

/**
 * Draws a scan page (a form XObject of width cw, height ch) fitted into the scan box, turned upright (its
 * /Rotate), a landscape page turned onto the portrait sheet. In PDF coordinates (origin bottom left).
 */
function drawScanPage(doc: Doc, name: string, cw: number, ch: number, p: ProbedPage, front: boolean) {
  const b = scanBox(front);
  const bx = b.x * MM;
  const by = (A4.h - b.y - b.h) * MM;
  const bw = b.w * MM;
  const bh = b.h * MM;
  const theta = (((-p.rotate + (isLandscape(p) ? 90 : 0)) % 360) + 360) % 360;
  const [fw, fh] = theta % 180 === 0 ? [cw, ch] : [ch, cw];
  const s = Math.min(bw / fw, bh / fh);
  const X = bx + (bw - fw * s) / 2;
  const Y = by + (bh - fh * s) / 2;
  const origin =
    theta === 90
      ? [X + ch * s, Y]
      : theta === 180
        ? [X + cw * s, Y + ch * s]
        : theta === 270
          ? [X, Y + cw * s]
          : [X, Y];
  const rad = (theta * Math.PI) / 180;
  const cos = Math.round(Math.cos(rad));
  const sin = Math.round(Math.sin(rad));
  doc.save();
  // pdfkit draws with the y axis pointing down (the page starts with this same flip): back to PDF coordinates
  doc.transform(1, 0, 0, -1, 0, A4.h * MM);
  doc.transform(s * cos, s * sin, -s * sin, s * cos, origin[0]!, origin[1]!);
  (doc as unknown as { addContent(s: string): void }).addContent(`/${name} Do`);
  doc.restore();
}

export const tmpName = (file: string, tag: string) =>
  `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.${tag}.tmp`;

export async function sha256File(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Renders one 卷 to `file` (temp file, fsynced, renamed into place); returns its SHA-256. */
export async function renderPart(part: PlannedPart, m: Metrics, file: string, o: RenderOptions): Promise<string> {
  const tmp = tmpName(file, 'pdf');
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await renderKit(part, m, tmp, o);
    checkAbort(o.signal);
    const fd = await fs.promises.open(tmp, 'r+');
    try {
      await fd.sync();
    } finally {
      await fd.close();
    }
    checkAbort(o.signal);
    crashPoint('volume:before-rename');
    await fs.promises.rename(tmp, file);
    return await sha256File(file);
  } catch (e) {
    throw writeFault(e, file);
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}

export { SHEET, LANDSCAPE };
