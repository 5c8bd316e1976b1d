/**
 * Draws a planned 卷 with pdfkit in one pass, every page in order, streamed to a temp file that is renamed into
 * place: the generated pages, the images, the page numbers and 归档章, and each PDF scan page, copied from its file
 * (opened with pdf-lib, one file at a time) into the output as a form XObject and drawn into the space kept for it.
 * Nothing of the volume is held in memory beyond the page being drawn and the scan file being bound, so memory
 * does not grow with the number of scans. Chinese is only ever drawn by pdfkit (fontkit subsets).
 *
 * Deterministic: CreationDate/ModDate come from the caller (the seal time for a sealed volume), the file ID is
 * derived from the document info, font subset tags from the font order — the same volume gives the same bytes.
 *
 * Where things sit on the page is pageFrame.ts; binding scan images and PDF pages into the output is bindScans.ts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type PDFDocument from 'pdfkit';
import { crashPoint } from '../../platform/crash';
import { pdfkit } from '../../platform/lazyLibs';
import { yieldToEventLoop } from '../../platform/jobs';
import { AppError, writeFault } from '../../platform/errors';
import { StreamGuard } from '../../files/atomicWrite';
import { registerFonts } from '../../pdf/fonts';
import type { FontPlan } from '../../pdf/fontFiles';
import { pageNumberOps, stampOps, FRONT } from '../layout/front';
import { pieceStampOps } from '../layout/piece';
import { A4, MM, Metrics, paint, text, type LaidPage } from '../layout/ops';
import type { PlannedPart } from '../plan';
import { FileBuffer } from '../scans/fileBuffer';
import type { ExportProgress, VolumeHeader } from '../types';
import { drawImage, ScanBinder } from './bindScans';
import {
  BINDING,
  frontPage,
  LANDSCAPE_LEFT,
  leftMargin,
  OUTER,
  placeholderOps,
  SHEET_TOP,
  stampData,
} from './pageFrame';

type Doc = InstanceType<typeof PDFDocument>;

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

function drawPlaceholder(doc: Doc, m: Metrics, name: string, message: string, front: boolean) {
  paint(doc, placeholderOps(m, name, message, front), 0, 0);
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
