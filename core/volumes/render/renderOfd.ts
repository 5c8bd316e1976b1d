/**
 * Draws a planned 卷 (plan.ts) as OFD (GB/T 33190-2016) instead of PDF: the same pages in the same order, the
 * laid-out sheets, front matter, page numbers and 归档章 in the same places (the layout ops are in mm already),
 * images as ImageObjects, and each PDF scan page as the one image it is. The fonts the text uses are embedded
 * whole (the bundled Droid Sans Fallback and Liberation Sans, or the Windows 仿宋/黑体 when the plan has them).
 *
 * A PDF scan page that is not one full-page image (vector text, drawings, a CCITT/JBIG2 image …) cannot be
 * turned into OFD without losing or re-rendering content: the export is refused before anything is written,
 * naming the file and the page. The file is written to a temp file, fsynced and renamed into place (ofdFile.ts).
 *
 * Painting layout ops and fonts is ofdPaint.ts; JPEG EXIF orientation is exifOrientation.ts.
 */
import fs from 'node:fs';
import type { PDFDocument } from '@cantoo/pdf-lib';
import { fileInvalid } from '../../platform/errors';
import { yieldToEventLoop } from '../../platform/jobs';
import type { FontPlan } from '../../pdf/fontFiles';
import type { OfdWriter } from '../../ofd/writer';
import { IDENTITY, multiply, type Matrix, type OfdPage } from '../../ofd/page';
import { pageNumberOps, stampOps } from '../layout/front';
import { pieceStampOps } from '../layout/piece';
import { A4, type Metrics, type Op } from '../layout/ops';
import type { PlannedPage, PlannedPart } from '../plan';
import { FileBuffer } from '../scans/fileBuffer';
import { loadBoundScanPdf, type ProbedPage, type ScanProbe } from '../scans/scans';
import { scanPageImage } from '../scans/ofdScan';
import type { ExportProgress, VolumeHeader } from '../types';
import { clearJpegOrientation, exifMatrix } from './exifOrientation';
import { laidFrame, OfdFonts, paintOfd, placeInScanBox } from './ofdPaint';
import { writeOfdFile } from './ofdFile';
import { BINDING, frontPage, isLandscape, OUTER, placeholderOps, stampData } from './pageFrame';
import { cancelled } from './render';

export interface OfdRenderOptions {
  header: VolumeHeader;
  fontPlan: FontPlan;
  creationDate: Date;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  progressBase: { done: number; total: number };
}

/** How much a page is turned clockwise on the sheet: its own rotation, then a landscape page onto the portrait. */
const pageTurn = (p: ProbedPage) => p.rotate + (isLandscape(p) ? 270 : 0);

/** The first PDF scan page of the 卷 that is not one image: the refusal, before anything is written. */
export async function ofdRefusal(parts: PlannedPart[]): Promise<string | null> {
  const reader = new FileBuffer();
  const byFile = new Map<number, { probe: ScanProbe; pages: number[] }>();
  for (const part of parts)
    for (const pg of part.pages)
      if (pg.type === 'pdf') {
        let e = byFile.get(pg.probe.ref.attachmentId);
        if (!e) byFile.set(pg.probe.ref.attachmentId, (e = { probe: pg.probe, pages: [] }));
        if (!e.pages.includes(pg.index)) e.pages.push(pg.index);
      }
  for (const { probe, pages } of byFile.values()) {
    const doc = await loadBoundScanPdf(probe, reader);
    for (const i of pages.sort((a, b) => a - b)) {
      const r = scanPageImage(doc, i);
      if (!r.ok)
        return `扫描件“${probe.ref.name}”第 ${i + 1} 页不是扫描图像（${r.reason}），无法转为 OFD；请导出 PDF 或重新扫描`;
    }
  }
  return null;
}

/** Draws the pages of a 卷 (or of one 件) into an OFD writer. */
export class OfdPainter {
  private fonts: OfdFonts;
  private images = new Map<string, { id: number; orientation: number }>();
  private reader = new FileBuffer();
  private open: { id: number; doc: PDFDocument } | null = null;

  constructor(
    private readonly w: OfdWriter,
    private readonly m: Metrics,
    private readonly header: VolumeHeader,
    fontPlan: FontPlan,
  ) {
    this.fonts = new OfdFonts(w, fontPlan);
  }

  /** Paints one planned page; `n` overrides its page number (a 件 exported on its own is numbered from 1). */
  async page(pg: PlannedPage, front: boolean, n?: number): Promise<void> {
    // a 盒脊 label (按件归档) is a page of its own size, at true size
    const page = this.w.newPage(pg.type === 'label' ? pg.size : undefined);
    const paint = (ops: Op[], frame: Matrix = IDENTITY) => paintOfd(page, this.m, this.fonts, ops, frame);
    switch (pg.type) {
      case 'front':
        paint(pg.laid.ops, laidFrame(pg.laid, front, 'front'));
        break;
      case 'sheet':
        paint(pg.laid.ops, laidFrame(pg.laid, front, 'sheet'));
        if (pg.stamp) {
          const right = A4.w - (front ? OUTER : BINDING);
          paint(
            pg.stamp.piece
              ? pieceStampOps(this.m, pg.stamp.piece, right)
              : stampOps(this.m, stampData(this.header, pg.stamp), right),
          );
        }
        break;
      case 'label':
        paint(pg.laid.ops);
        break;
      case 'image':
        await this.image(page, pg.probe, front);
        break;
      case 'pdf':
        await this.pdfPage(page, pg.probe, pg.index, front);
        break;
      case 'placeholder':
        paint(placeholderOps(this.m, pg.probe.ref.name, pg.probe.message ?? '无法打开', front));
        break;
      case 'blank':
        break;
    }
    if ('n' in pg) paint(pageNumberOps(this.m, n ?? pg.n, front));
    this.w.addPage(page, pg.outline);
  }

  private async image(page: OfdPage, probe: ScanProbe, front: boolean) {
    const key = `img:${probe.ref.attachmentId}`;
    let entry = this.images.get(key);
    if (entry === undefined) {
      let bytes: Buffer;
      try {
        bytes = await fs.promises.readFile(probe.file);
      } catch {
        throw fileInvalid(`导出过程中图片“${probe.ref.name}”的文件不见了，未生成文件；请运行“数据检查”后重试`);
      }
      const jpeg = probe.ref.mime === 'image/jpeg';
      // EXIF orientation: OFD viewers differ on whether they honour it, so the mark is cleared in the copy
      // embedded and the turn (or mirroring) it asks for is drawn by the CTM instead
      const upright = jpeg ? clearJpegOrientation(bytes) : { bytes, orientation: 1 };
      entry = { id: this.w.addImage(upright.bytes, jpeg ? 'JPEG' : 'PNG'), orientation: upright.orientation };
      this.images.set(key, entry);
    }
    const p = probe.pages[0]!;
    const w = p.box.right - p.box.left;
    const h = p.box.top - p.box.bottom;
    const o = entry.orientation;
    const [dw, dh] = o >= 5 ? [h, w] : [w, h];
    page.image(
      entry.id,
      placeInScanBox(exifMatrix(o, w, h), dw, dh, (p.turn ?? 0) + (isLandscape(p) ? 270 : 0), front),
    );
  }

  private async pdfPage(page: OfdPage, probe: ScanProbe, index: number, front: boolean) {
    if (this.open?.id !== probe.ref.attachmentId)
      this.open = { id: probe.ref.attachmentId, doc: await loadBoundScanPdf(probe, this.reader) };
    const r = scanPageImage(this.open.doc, index);
    if (!r.ok)
      throw fileInvalid(
        `扫描件“${probe.ref.name}”第 ${index + 1} 页不是扫描图像（${r.reason}），无法转为 OFD；请导出 PDF 或重新扫描`,
      );
    const id = this.w.addImage(r.image.bytes, r.image.format);
    const p = probe.pages[index]!;
    const { left, bottom, right, top } = p.box;
    // OFD image space (origin top left) → PDF image space (origin bottom left) → the page in PDF points →
    // the page turned right way up, y down, from its crop box's top left corner
    let inner = multiply([1, 0, 0, -1, 0, 1], r.image.ctm);
    inner = multiply(inner, [1, 0, 0, -1, -left, top]);
    page.image(id, placeInScanBox(inner, right - left, top - bottom, pageTurn(p), front));
  }
}

/** Renders one 卷 as OFD to `file` (temp file, fsynced, renamed into place). */
export async function renderPartOfd(part: PlannedPart, m: Metrics, file: string, o: OfdRenderOptions): Promise<void> {
  await writeOfdFile(
    file,
    part.pages.length,
    o.signal,
    async (w, flush) => {
      const painter = new OfdPainter(w, m, o.header, o.fontPlan);
      for (let i = 0; i < part.pages.length; i++) {
        await painter.page(part.pages[i]!, frontPage(o.header.duplex, i + 1));
        await flush();
        if (i % 4 === 3) {
          o.onProgress?.({
            phase: 'render',
            done: o.progressBase.done + i + 1,
            total: o.progressBase.total,
            message: `正在生成第 ${part.k} 卷第 ${i + 1} 页（OFD）`,
          });
          await yieldToEventLoop();
          if (o.signal?.aborted) throw cancelled();
        }
      }
    },
    {
      title: part.title,
      author: o.header.fondsName,
      subject: `档号 ${part.archivalNo}`,
      keywords: ['案卷', part.archivalNo],
      date: o.creationDate,
    },
  );
}
