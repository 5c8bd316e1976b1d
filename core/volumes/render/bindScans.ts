/**
 * Binds scans into the pdfkit document as a 卷 is drawn: an image (JPEG/PNG, converted for PDF/A when asked)
 * fitted into the scan box, and each PDF scan page copied from its file (opened with pdf-lib, one file at a
 * time) as a form XObject whose resources are copied object by object, still compressed. A landscape scan is
 * turned onto the portrait page with its top toward the binding edge.
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
import zlib from 'node:zlib';
import type PDFDocument from 'pdfkit';
import { A4, MM } from '../layout/ops';
import { FileBuffer } from '../scans/fileBuffer';
import { pdfaImage } from '../scans/imageConvert';
import { missingCidSet } from '../scans/pdfaFonts';
import { imageForBinding, loadBoundScanPdf, type ProbedPage, type ScanProbe } from '../scans/scans';
import { isLandscape, scanBox } from './pageFrame';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * A JPEG is read into the reused buffer: pdfkit copies its bytes into the output within doc.image. Other images
 * (PNG: pdfkit may decode its pixels later) get a buffer of their own.
 */
export async function drawImage(doc: Doc, probe: ScanProbe, reader: FileBuffer, front: boolean, pdfa: boolean) {
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
export class ScanBinder {
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
    const src = await loadBoundScanPdf(probe, this.reader);
    return (this.open = {
      attachmentId: probe.ref.attachmentId,
      src,
      copier: new ObjectCopier(this.doc as unknown as KitDoc, src, this.pdfa),
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
