/**
 * Second pass: draws a planned 卷 with pdfkit (every page, in order: the generated pages, the images, the page
 * numbers and 归档章, and for each PDF scan page an empty numbered page), streamed to a temp file; then, when the
 * 卷 binds PDF scans, pdf-lib opens that file and draws each scan page (embedded as a form XObject, one source
 * file at a time) into the space kept for it, and saves. The result goes to a temp file that is renamed into
 * place. Chinese is only ever drawn by pdfkit (fontkit subsets); pdf-lib only binds pages.
 *
 * Deterministic: CreationDate/ModDate come from the caller (the seal time for a sealed volume), the file ID is
 * derived from the document info, font subset tags from the font order — the same volume gives the same bytes.
 */
import { degrees, PDFDocument as LibDocument, type PDFEmbeddedPage, type PDFPage } from '@cantoo/pdf-lib';
import { crashPoint } from '../crash';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { AppError, fileInvalid } from '../errors';
import { registerFonts, type FontPlan } from '../pdf/fonts';
import { pageNumberOps, stampOps, FRONT } from './layout/front';
import { A4, MM, Metrics, paint, text, box, type LaidPage } from './layout/ops';
import { LANDSCAPE, SHEET } from './layout/sheets';
import type { PlannedPage, PlannedPart } from './plan';
import { openScanPdf, type ProbedPage } from './scans';
import type { ExportProgress, VolumeHeader } from './types';

type Doc = InstanceType<typeof PDFDocument>;

export const BINDING = 28;
export const OUTER = 20;
const SHEET_TOP = 35;
const LANDSCAPE_LEFT = 20; // from the sheet's bottom edge
/** Where a scan goes on its page (mm): clear of the page number at the top, a little binding margin. */
const SCAN = { binding: 15, outer: 8, top: 20, bottom: 8 };

export interface RenderOptions {
  header: VolumeHeader;
  fontPlan: FontPlan;
  creationDate: Date;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  progressBase: { done: number; total: number };
}

export function cancelled(): AppError {
  return new AppError('CANCELLED', '已取消导出，未生成文件');
}

function checkAbort(signal?: AbortSignal) {
  if (signal?.aborted) throw cancelled();
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/** A pdfkit document with the fonts registered and nothing drawn: for measuring text while laying out. */
export function metricsDoc(fontPlan: FontPlan): Metrics {
  const doc = new PDFDocument({ autoFirstPage: false, size: 'A4', margin: 0 });
  doc.on('data', () => {});
  registerFonts(doc, fontPlan);
  return new Metrics(doc);
}

/** Strings for the document info and XMP: pdfkit writes them into XML as they are. */
const xmlSafe = (s: string) => s.replace(/&/g, '＆').replace(/</g, '＜').replace(/>/g, '＞');

function frontPage(duplex: boolean, physical: number): boolean {
  return !duplex || physical % 2 === 1;
}

/** Left edge (mm) of the text block: the binding margin is left on front pages, right on back pages. */
const leftMargin = (front: boolean) => (front ? BINDING : OUTER);

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

function scanBox(front: boolean) {
  const x = front ? SCAN.binding : SCAN.outer;
  return { x, y: SCAN.top, w: A4.w - SCAN.binding - SCAN.outer, h: A4.h - SCAN.top - SCAN.bottom };
}

/** Shown displayed upright (EXIF / Rotate applied): is it wider than tall? */
function isLandscape(p: ProbedPage): boolean {
  const w = p.box.right - p.box.left;
  const h = p.box.top - p.box.bottom;
  return p.rotate % 180 === 0 ? w > h : h > w;
}

async function drawImage(doc: Doc, file: string, page: ProbedPage, front: boolean) {
  const b = scanBox(front);
  const buf = await fs.promises.readFile(file);
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
  paint(doc, ops, 0, 0);
}

/** Draws one 卷 with pdfkit to `file`; returns the PDF scan pages pdf-lib still has to fill in. */
async function renderKit(part: PlannedPart, m: Metrics, file: string, o: RenderOptions) {
  const { header } = o;
  const info = {
    Title: xmlSafe(part.title),
    Author: xmlSafe(header.fondsName),
    Subject: xmlSafe(`档号 ${part.archivalNo}`),
    Keywords: xmlSafe(`案卷 ${part.archivalNo}`),
    Creator: '安委台账',
    Producer: '安委台账（PDFKit、pdf-lib）',
    CreationDate: o.creationDate,
    ModDate: o.creationDate,
  };
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    margin: 0,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info,
    ...(header.pdfa ? { subset: 'PDF/A-2b' } : {}),
  } as PDFKit.PDFDocumentOptions);
  const out = fs.createWriteStream(file);
  doc.pipe(out);
  registerFonts(doc, o.fontPlan);
  // open with the bookmarks shown (pdfkit writes a plain string as a PDF name)
  (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data.PageMode = 'UseOutlines';
  if (header.pdfa) {
    const when = o.creationDate.toISOString().split('.')[0] + 'Z';
    (doc as unknown as { appendXML(x: string): void }).appendXML(
      `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${when}</xmp:ModifyDate><xmp:MetadataDate>${when}</xmp:MetadataDate></rdf:Description>`,
    );
  }
  const jobs: { page: number; probe: Extract<PlannedPage, { type: 'pdf' }>['probe']; index: number; front: boolean }[] = [];
  try {
    for (let i = 0; i < part.pages.length; i++) {
      const pg = part.pages[i]!;
      const front = frontPage(header.duplex, i + 1);
      doc.addPage({ size: 'A4', margin: 0 });
      if (pg.outline) (doc.outline as unknown as { addItem(t: string, o: object): void }).addItem(pg.outline, { fit: true });
      switch (pg.type) {
        case 'front':
          paintLaid(doc, pg.laid, front, 'front');
          break;
        case 'sheet':
          paintLaid(doc, pg.laid, front, 'sheet');
          if (pg.stamp) {
            const right = A4.w - (front ? OUTER : BINDING);
            paint(doc, stampOps(m, stampData(header, pg.stamp), right), 0, 0);
          }
          break;
        case 'image':
          await drawImage(doc, pg.probe.file, pg.probe.pages[0]!, front);
          break;
        case 'pdf':
          jobs.push({ page: i, probe: pg.probe, index: pg.index, front });
          break;
        case 'placeholder':
          drawPlaceholder(doc, m, pg.probe.ref.name, pg.probe.message ?? '无法打开', front);
          break;
        case 'blank':
          break;
      }
      if ('n' in pg) paint(doc, pageNumberOps(m, pg.n, front), 0, 0);
      if (i % 4 === 3) {
        o.onProgress?.({ phase: 'render', done: o.progressBase.done + i + 1, total: o.progressBase.total, message: `正在生成第 ${part.k} 卷第 ${i + 1} 页` });
        await tick();
        checkAbort(o.signal);
      }
    }
  } finally {
    doc.end();
    await finished(out);
  }
  return jobs;
}

function stampData(header: VolumeHeader, s: { itemNo: number; pages: number }) {
  return {
    fondsCode: header.fondsCode,
    year: header.year,
    itemNo: s.itemNo,
    organization: header.organization,
    retention: header.retention,
    pages: s.pages,
  };
}

/** Draws an embedded scan page fitted into the scan box, turned upright (its /Rotate), landscape turned onto portrait. */
function drawScanPage(page: PDFPage, emb: PDFEmbeddedPage, p: ProbedPage, front: boolean) {
  const b = scanBox(front);
  const bx = b.x * MM;
  const by = (A4.h - b.y - b.h) * MM;
  const bw = b.w * MM;
  const bh = b.h * MM;
  const cw = emb.width;
  const ch = emb.height;
  const theta = (((-p.rotate + (isLandscape(p) ? 90 : 0)) % 360) + 360) % 360;
  const [fw, fh] = theta % 180 === 0 ? [cw, ch] : [ch, cw];
  const s = Math.min(bw / fw, bh / fh);
  const X = bx + (bw - fw * s) / 2;
  const Y = by + (bh - fh * s) / 2;
  const origin = theta === 90 ? [X + ch * s, Y] : theta === 180 ? [X + cw * s, Y + ch * s] : theta === 270 ? [X, Y + cw * s] : [X, Y];
  page.drawPage(emb, { x: origin[0]!, y: origin[1]!, xScale: s, yScale: s, rotate: degrees(theta) });
}

/** Binds PDF scan pages into the pdfkit output with pdf-lib, one source file at a time. */
async function mergeScans(kitFile: string, jobs: Awaited<ReturnType<typeof renderKit>>, o: RenderOptions): Promise<Uint8Array> {
  const doc = await LibDocument.load(await fs.promises.readFile(kitFile), { updateMetadata: false });
  const pages = doc.getPages();
  const groups = new Map<number, typeof jobs>();
  for (const j of jobs) groups.set(j.probe.ref.attachmentId, [...(groups.get(j.probe.ref.attachmentId) ?? []), j]);
  let done = 0;
  for (const group of groups.values()) {
    checkAbort(o.signal);
    const probe = group[0]!.probe;
    let buf: Buffer;
    try {
      buf = await fs.promises.readFile(probe.file);
    } catch {
      throw fileInvalid(`导出过程中扫描件“${probe.ref.name}”的文件不见了，未生成文件；请运行“数据检查”后重试`);
    }
    const opened = await openScanPdf(buf, probe.ref.name);
    if ('error' in opened) throw fileInvalid(`导出过程中${opened.message}，未生成文件`);
    const src = opened.doc;
    const embedded = await doc.embedPages(
      group.map((j) => src.getPage(j.index)),
      group.map((j) => probe.pages[j.index]!.box),
    );
    embedded.forEach((emb, k) => drawScanPage(pages[group[k]!.page]!, emb, probe.pages[group[k]!.index]!, group[k]!.front));
    done += group.length;
    o.onProgress?.({ phase: 'merge', done, total: jobs.length, message: `正在装订扫描件“${probe.ref.name}”` });
    await tick();
  }
  checkAbort(o.signal);
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}

const tmpName = (file: string, tag: string) => `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.${tag}.tmp`;

export async function sha256File(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Renders one 卷 to `file` (temp file + rename); returns its SHA-256. */
export async function renderPart(part: PlannedPart, m: Metrics, file: string, o: RenderOptions): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const kit = tmpName(file, 'kit');
  const final = tmpName(file, 'pdf');
  try {
    const jobs = await renderKit(part, m, kit, o);
    checkAbort(o.signal);
    if (jobs.length) {
      const bytes = await mergeScans(kit, jobs, o);
      o.onProgress?.({ phase: 'write', done: 0, total: 1, message: `正在写入 ${path.basename(file)}` });
      const fd = await fs.promises.open(final, 'w');
      try {
        for (let off = 0; off < bytes.length; off += 1 << 20) await fd.write(bytes, off, Math.min(1 << 20, bytes.length - off));
        await fd.sync();
      } finally {
        await fd.close();
      }
      await fs.promises.rm(kit, { force: true });
    } else {
      await fs.promises.rename(kit, final);
      const fd = await fs.promises.open(final, 'r+');
      try {
        await fd.sync();
      } finally {
        await fd.close();
      }
    }
    checkAbort(o.signal);
    crashPoint('volume:before-rename');
    await fs.promises.rename(final, file);
    return await sha256File(file);
  } finally {
    await fs.promises.rm(kit, { force: true });
    await fs.promises.rm(final, { force: true });
  }
}

export { SHEET, LANDSCAPE };
