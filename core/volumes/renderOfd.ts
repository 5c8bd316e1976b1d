/**
 * Draws a planned 卷 (plan.ts) as OFD (GB/T 33190-2016) instead of PDF: the same pages in the same order, the
 * laid-out sheets, front matter, page numbers and 归档章 in the same places (the layout ops are in mm already),
 * images as ImageObjects, and each PDF scan page as the one image it is. The fonts the text uses are embedded
 * whole (the bundled Droid Sans Fallback and Liberation Sans, or the Windows 仿宋/黑体 when the plan has them).
 *
 * A PDF scan page that is not one full-page image (vector text, drawings, a CCITT/JBIG2 image …) cannot be
 * turned into OFD without losing or re-rendering content: the export is refused before anything is written,
 * naming the file and the page. The file is written to a temp file, fsynced and renamed into place.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { PDFDocument } from '@cantoo/pdf-lib';
import { fileInvalid, writeFault } from '../platform/errors';
import { StreamGuard } from '../files/atomicWrite';
import { yieldToEventLoop } from '../platform/jobs';
import { fontRuns } from '../pdf/fonts';
import { loadFont, type FontFile, type FontPlan } from '../pdf/fontFiles';
import { subsetTrueType } from '../ofd/fonts';
import { OfdWriter } from '../ofd/writer';
import { IDENTITY, multiply, type Matrix, type OfdPage } from '../ofd/page';
import { APP_VERSION } from '../platform/version';
import { FileBuffer } from './fileBuffer';
import { pageNumberOps, stampOps } from './layout/front';
import { pieceStampOps } from './layout/piece';
import { A4, MM, type LaidPage, type Metrics, type Op } from './layout/ops';
import type { PlannedPage, PlannedPart } from './plan';
import {
  BINDING,
  cancelled,
  frontPage,
  isLandscape,
  LANDSCAPE_LEFT,
  leftMargin,
  OUTER,
  placeholderOps,
  scanBox,
  SHEET_TOP,
  stampData,
  tmpName,
} from './render';
import { FRONT } from './layout/front';
import { openScanPdf, type ProbedPage, type ScanProbe } from './scans';
import { scanPageImage } from './ofdScan';
import type { ExportProgress, VolumeHeader } from './types';

export interface OfdRenderOptions {
  header: VolumeHeader;
  fontPlan: FontPlan;
  creationDate: Date;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  progressBase: { done: number; total: number };
}

interface KitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  postscriptName?: string;
  familyName?: string;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

/** The plan's fonts by the names fontRuns gives, embedded into the OFD on first use. */
class OfdFonts {
  private ids = new Map<string, { id: number; used: Set<number> }>();
  constructor(
    private readonly w: OfdWriter,
    private readonly plan: FontPlan,
  ) {}

  file(name: string): FontFile {
    const p = this.plan;
    if (name === 'body') return p.body;
    if (name === 'title') return p.title;
    if (name === 'fallback') return p.bundled;
    if (name === 'latin') return p.latin;
    if (name === 'extension') return p.extension;
    const sys = /^system(\d+)$/.exec(name);
    if (sys && p.system[Number(sys[1])]) return p.system[Number(sys[1])]!;
    return p.bundled;
  }

  kit(name: string): KitFont {
    return loadFont(this.file(name)) as unknown as KitFont;
  }

  /** The font's resource ID; the characters drawn with it are noted for its subset. */
  id(name: string, text: string): number {
    const f = this.file(name);
    const key = `${f.file}#${f.postscriptName ?? ''}`;
    let entry = this.ids.get(key);
    if (entry === undefined) {
      const kit = this.kit(name);
      const used = new Set<number>();
      const id = this.w.addFont({
        fontName: kit.postscriptName ?? path.basename(f.file),
        familyName: kit.familyName ?? kit.postscriptName ?? f.label,
        // at the end: only the glyphs the pages used (the whole file when the font cannot be subset)
        bytes: () => subsetTrueType(kit, used) ?? readFontFile(f),
        ext: /\.otf$/i.test(f.file) ? 'otf' : 'ttf',
      });
      this.ids.set(key, (entry = { id, used }));
    }
    for (const ch of text) entry.used.add(ch.codePointAt(0)!);
    return entry.id;
  }
}

const readFontFile = (f: FontFile) =>
  f.file.endsWith('.br') ? zlib.brotliDecompressSync(fs.readFileSync(f.file)) : fs.readFileSync(f.file);

/** Paints layout ops onto an OFD page; `m` maps the ops' coordinates (mm) onto the page. */
export function paintOfd(page: OfdPage, m: Metrics, fonts: OfdFonts, ops: Op[], frame: Matrix): void {
  for (const op of ops) {
    if (op.t === 'text') {
      if (!op.text) continue;
      const size = op.size / MM;
      const spacing = (op.spacing ?? 0) / MM;
      let x = op.x;
      for (const r of fontRuns(m.doc, op.font, op.text)) {
        const kit = fonts.kit(r.font);
        const adv: number[] = [];
        for (const ch of r.text) {
          const cp = ch.codePointAt(0)!;
          adv.push((kit.glyphForCodePoint(cp).advanceWidth / kit.unitsPerEm) * size + spacing);
        }
        page.text(x, op.y, fonts.id(r.font, r.text), size, r.text, adv, {
          m: frame,
          ascent: (Math.max(kit.ascent, kit.unitsPerEm * 0.8) / kit.unitsPerEm) * size,
          descent: (Math.max(-kit.descent, kit.unitsPerEm * 0.2) / kit.unitsPerEm) * size,
        });
        x += adv.reduce((a, b) => a + b, 0) - spacing;
      }
    } else if (op.t === 'line') {
      page.line(op.x1, op.y1, op.x2, op.y2, op.w / MM, frame);
    } else {
      page.rect(op.x, op.y, op.w, op.h, op.fill ? { fill: op.fill } : { lw: op.lw / MM }, frame);
    }
  }
}

const translate = (x: number, y: number): Matrix => [1, 0, 0, 1, x, y];

/** The frame of a laid page's ops: the text block of a front or sheet page; landscape content turned. */
function laidFrame(laid: LaidPage, front: boolean, kind: 'sheet' | 'front'): Matrix {
  const lm = leftMargin(front);
  if (!laid.landscape) return translate(lm, kind === 'sheet' ? SHEET_TOP : FRONT.top);
  // (u, v) of the landscape content → (v, H − u) on the sheet, as render.ts does with pdfkit
  return [0, -1, 1, 0, lm, A4.h - LANDSCAPE_LEFT];
}

/**
 * Places a picture of w × h units, whose content maps by `inner` into that frame (y down), turned `turn`
 * degrees clockwise and fitted, centred, into the scan box of the page.
 */
function placeInScanBox(inner: Matrix, w: number, h: number, turn: number, front: boolean): Matrix {
  const b = scanBox(front);
  const t = ((turn % 360) + 360) % 360;
  const [fw, fh] = t % 180 === 0 ? [w, h] : [h, w];
  const s = Math.min(b.w / fw, b.h / fh);
  const rad = (t * Math.PI) / 180;
  const cos = Math.round(Math.cos(rad));
  const sin = Math.round(Math.sin(rad));
  let m = multiply(inner, translate(-w / 2, -h / 2));
  m = multiply(m, [s, 0, 0, s, 0, 0]);
  m = multiply(m, [cos, sin, -sin, cos, 0, 0]);
  return multiply(m, translate(b.x + b.w / 2, b.y + b.h / 2));
}

/**
 * Maps an image's unit square (as stored) to its pixels shown upright per its EXIF orientation 1–8 (w × h the
 * stored size; orientations 5–8 show it h wide and w high).
 */
export function exifMatrix(o: number, w: number, h: number): Matrix {
  switch (o) {
    case 2:
      return [-w, 0, 0, h, w, 0];
    case 3:
      return [-w, 0, 0, -h, w, h];
    case 4:
      return [w, 0, 0, -h, 0, h];
    case 5:
      return [0, w, h, 0, 0, 0];
    case 6:
      return [0, w, -h, 0, h, 0];
    case 7:
      return [0, -w, -h, 0, h, w];
    case 8:
      return [0, -w, h, 0, 0, w];
    default:
      return [w, 0, 0, h, 0, 0];
  }
}

/** A copy of a JPEG whose EXIF orientation (if any, not 1) is set to 1, and the orientation it had. */
export function clearJpegOrientation(buf: Buffer): { bytes: Buffer; orientation: number } {
  let i = 2;
  while (i + 4 < buf.length && buf[i] === 0xff) {
    const marker = buf[i + 1]!;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xda) break; // image data: no more headers
    const len = buf.readUInt16BE(i + 2);
    if (marker === 0xe1 && buf.subarray(i + 4, i + 10).toString('latin1') === 'Exif\0\0') {
      const t = i + 10;
      const end = i + 2 + len;
      const le = buf.subarray(t, t + 2).toString('latin1') === 'II';
      const r16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
      const r32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
      if (t + 8 > end) break;
      const ifd = t + r32(t + 4);
      if (ifd + 2 > end) break;
      const n = r16(ifd);
      for (let k = 0; k < n; k++) {
        const e = ifd + 2 + k * 12;
        if (e + 12 > end) break;
        if (r16(e) !== 0x0112) continue;
        const o = r16(e + 8);
        if (o < 2 || o > 8) return { bytes: buf, orientation: 1 };
        const copy = Buffer.from(buf);
        if (le) copy.writeUInt16LE(1, e + 8);
        else copy.writeUInt16BE(1, e + 8);
        return { bytes: copy, orientation: o };
      }
    }
    i += 2 + len;
  }
  return { bytes: buf, orientation: 1 };
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
    const doc = await openPdf(probe, reader);
    for (const i of pages.sort((a, b) => a - b)) {
      const r = scanPageImage(doc, i);
      if (!r.ok)
        return `扫描件“${probe.ref.name}”第 ${i + 1} 页不是扫描图像（${r.reason}），无法转为 OFD；请导出 PDF 或重新扫描`;
    }
  }
  return null;
}

async function openPdf(probe: ScanProbe, reader: FileBuffer): Promise<PDFDocument> {
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
      this.open = { id: probe.ref.attachmentId, doc: await openPdf(probe, this.reader) };
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

/**
 * Streams an OFD into a temp file next to `file`: the drawing callback adds pages (waiting for the disk between
 * pages), then the document is finished, fsynced and renamed into place. On any failure nothing is left.
 */
export async function writeOfdFile(
  file: string,
  pagesHint: number,
  signal: AbortSignal | undefined,
  draw: (w: OfdWriter, flush: () => Promise<void>) => Promise<void>,
  info: { title: string; author?: string; subject?: string; keywords?: string[]; date: Date },
): Promise<void> {
  const tmp = tmpName(file, 'ofd');
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const out = fs.createWriteStream(tmp);
    let pagesDone = 0;
    const guard = new StreamGuard(out, file, () =>
      Math.round(pagesDone && out.bytesWritten ? (out.bytesWritten / pagesDone) * pagesHint : pagesHint * 60_000),
    );
    const w = new OfdWriter(
      (chunk, final) => {
        // fflate may reuse the buffer behind a chunk once this returns: the stream keeps a copy
        out.write(Buffer.from(chunk));
        if (final) out.end();
      },
      { ...info, creator: '安委台账', creatorVersion: APP_VERSION },
    );
    const flush = async () => {
      pagesDone = w.pageCount;
      guard.check();
      if (out.writableNeedDrain) await guard.drain();
      guard.check();
      if (signal?.aborted) throw cancelled();
    };
    try {
      await draw(w, flush);
      if (signal?.aborted) throw cancelled();
      w.finish();
    } catch (e) {
      out.destroy();
      await guard.finish().catch(() => {});
      throw e;
    }
    await guard.finish();
    const fd = await fs.promises.open(tmp, 'r+');
    try {
      await fd.sync();
    } finally {
      await fd.close();
    }
    if (signal?.aborted) throw cancelled();
    await fs.promises.rename(tmp, file);
  } catch (e) {
    throw writeFault(e, file);
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}
