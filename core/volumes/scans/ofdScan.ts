/**
 * A PDF scan page as an image for OFD: a page a scanner made is one image drawn over the page (a single image
 * XObject, DCT or Flate encoded). Such a page becomes an OFD ImageObject — the JPEG as it is, a Flate image as a
 * PNG (its rows wrapped as they are when they carry PNG predictors). Any other page (vector text, drawings, more
 * than one image, a CCITT/JBIG2/JPEG 2000 image) is refused by the caller, never dropped.
 *
 * What the page may draw besides the image: graphics state (q Q cm gs w …) and invisible text (render mode 3, the
 * OCR layer scanner software adds: it has no ink, and the text is not carried over).
 */
import zlib from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFContentStream,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFDocument,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { PNG_SIGNATURE, pngChunk } from '../../files/png';
import type { Matrix } from '../../ofd/page';

export interface ScanImage {
  bytes: Uint8Array;
  format: 'JPEG' | 'PNG';
  /** Maps the image's unit square (PDF convention: origin bottom left) into the page (PDF points, y up). */
  ctm: Matrix;
}

/** Why a page is not an image page (for the message), or the image. */
export type ScanImageResult = { ok: true; image: ScanImage } | { ok: false; reason: string };

const STATE_OPS = new Set(['q', 'Q', 'cm', 'gs', 'w', 'J', 'j', 'M', 'd', 'ri', 'i']);
const TEXT_OPS = new Set([
  'BT',
  'ET',
  'Tc',
  'Tw',
  'Tz',
  'TL',
  'Tf',
  'Tr',
  'Ts',
  'Td',
  'TD',
  'Tm',
  'T*',
  'Tj',
  'TJ',
  "'",
  '"',
  // colours set for (invisible) text
  'g',
  'G',
  'rg',
  'RG',
  'k',
  'K',
  'cs',
  'CS',
  'sc',
  'SC',
  'scn',
  'SCN',
]);

type Token = { op: string; args: (number | string)[] };

/** Splits a content stream into operators with their numeric and name operands (strings and arrays skipped). */
function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let args: (number | string)[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (c === '(') {
      let depth = 0;
      for (; i < n; i++) {
        const ch = src[i]!;
        if (ch === '\\') i++;
        else if (ch === '(') depth++;
        else if (ch === ')' && --depth === 0) break;
      }
      i++;
      args.push('(string)');
    } else if (c === '<' && src[i + 1] === '<') {
      const e = src.indexOf('>>', i);
      i = e < 0 ? n : e + 2;
      args.push('<<dict>>');
    } else if (c === '<') {
      const e = src.indexOf('>', i);
      i = e < 0 ? n : e + 1;
      args.push('(string)');
    } else if (c === '[' || c === ']' || c === '{' || c === '}') {
      i++;
    } else if (c === '/') {
      let j = i + 1;
      while (j < n && !/[\s/[\]()<>{}%]/.test(src[j]!)) j++;
      args.push(src.slice(i, j));
      i = j;
    } else {
      let j = i;
      while (j < n && !/[\s/[\]()<>{}%]/.test(src[j]!)) j++;
      if (j === i) j++;
      const word = src.slice(i, j);
      i = j;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) args.push(Number(word));
      else {
        if (word === 'BI') {
          // inline image: skip to EI
          const e = src.indexOf('EI', i);
          i = e < 0 ? n : e + 2;
        }
        out.push({ op: word, args });
        args = [];
      }
    }
  }
  return out;
}

const mul = (m1: Matrix, m2: Matrix): Matrix => [
  m1[0] * m2[0] + m1[1] * m2[2],
  m1[0] * m2[1] + m1[1] * m2[3],
  m1[2] * m2[0] + m1[3] * m2[2],
  m1[2] * m2[1] + m1[3] * m2[3],
  m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
  m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
];

function pageContent(doc: PDFDocument, index: number): { src: string; resources: PDFDict | undefined } {
  const page = doc.getPage(index);
  const { Contents, Resources } = page.node.normalizedEntries();
  const parts: string[] = [];
  for (let i = 0; i < (Contents?.size() ?? 0); i++) {
    const c = Contents!.lookup(i);
    if (c instanceof PDFRawStream) parts.push(Buffer.from(decodePDFRawStream(c).decode()).toString('latin1'));
    else if (c instanceof PDFContentStream) parts.push(Buffer.from(c.getUnencodedContents()).toString('latin1'));
  }
  return { src: parts.join('\n'), resources: Resources };
}

/** The one image a scan page draws, as JPEG or PNG bytes, with where it is drawn. */
export function scanPageImage(doc: PDFDocument, index: number): ScanImageResult {
  const look = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  let content: ReturnType<typeof pageContent>;
  try {
    content = pageContent(doc, index);
  } catch {
    return { ok: false, reason: '页面内容无法读取' };
  }
  const tokens = tokenize(content.src);
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let inText = false;
  let invisible = false;
  let found: { name: string; ctm: Matrix } | null = null;
  for (const t of tokens) {
    if (t.op === 'q') stack.push(ctm);
    else if (t.op === 'Q') ctm = stack.pop() ?? ctm;
    else if (t.op === 'cm') {
      const a = t.args.filter((x): x is number => typeof x === 'number');
      if (a.length === 6) ctm = mul(a as Matrix, ctm);
    } else if (t.op === 'BT') {
      inText = true;
    } else if (t.op === 'ET') {
      inText = false;
    } else if (t.op === 'Tr') {
      invisible = t.args[0] === 3;
    } else if (t.op === 'Do') {
      if (found) return { ok: false, reason: '页面上有不止一个图像或表单' };
      found = { name: String(t.args[0] ?? '').slice(1), ctm };
    } else if (t.op === 'BI') {
      return { ok: false, reason: '页面上有内嵌图像' };
    } else if (STATE_OPS.has(t.op)) {
      // graphics state only
    } else if (inText && TEXT_OPS.has(t.op)) {
      if ((t.op === 'Tj' || t.op === 'TJ' || t.op === "'" || t.op === '"') && !invisible)
        return { ok: false, reason: '页面上有文字' };
    } else if (!inText && /^(g|G|rg|RG|k|K|cs|CS|sc|SC|scn|SCN)$/.test(t.op)) {
      // a colour set and never used for painting is harmless
    } else {
      return { ok: false, reason: '页面上有图形或文字' };
    }
  }
  if (!found) return { ok: false, reason: '页面上没有图像' };
  const xobjects = look(content.resources?.get(PDFName.of('XObject')));
  const x = xobjects instanceof PDFDict ? look(xobjects.get(PDFName.of(found.name))) : undefined;
  if (!(x instanceof PDFRawStream || x instanceof PDFStream)) return { ok: false, reason: '页面上的图像无法读取' };
  if (x.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) return { ok: false, reason: '页面上的内容不是图像' };
  const image = imageBytes(x, look);
  if ('reason' in image) return { ok: false, reason: image.reason };
  // the image must cover most of the page (a small picture on an otherwise empty page is not a scan)
  const page = doc.getPage(index).getCropBox();
  const area = Math.abs(found.ctm[0] * found.ctm[3] - found.ctm[1] * found.ctm[2]);
  if (area < page.width * page.height * 0.5) return { ok: false, reason: '图像只占页面的一小部分' };
  return { ok: true, image: { ...image, ctm: found.ctm } };
}

function filters(o: PDFObject | undefined): string[] {
  if (o instanceof PDFName) return [o.decodeText()];
  if (o instanceof PDFArray) return o.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : String(f)));
  return [];
}

function imageBytes(
  x: PDFRawStream | PDFStream,
  look: (o: PDFObject | undefined) => PDFObject | undefined,
): { bytes: Uint8Array; format: 'JPEG' | 'PNG' } | { reason: string } {
  const d = x.dict;
  const f = filters(look(d.get(PDFName.of('Filter'))));
  const raw = x instanceof PDFRawStream ? x.contents : x.getContents();
  if (f.length === 1 && f[0] === 'DCTDecode') return { bytes: raw, format: 'JPEG' };
  if (f.some((n) => /CCITT|JBIG2|JPX/.test(n))) {
    const which = f.find((n) => /CCITT|JBIG2|JPX/.test(n))!.replace('Decode', '');
    return { reason: `图像是 ${which} 编码` };
  }
  if (!(f.length === 1 && f[0] === 'FlateDecode') && f.length !== 0)
    return { reason: `图像编码（${f.join('、')}）不受支持` };
  const numOf = (k: string) => {
    const v = look(d.get(PDFName.of(k)));
    return v instanceof PDFNumber ? v.asNumber() : 0;
  };
  const width = numOf('Width');
  const height = numOf('Height');
  const bpc = numOf('BitsPerComponent');
  let cs = look(d.get(PDFName.of('ColorSpace')));
  let colors = 0;
  if (cs instanceof PDFArray && cs.get(0) === PDFName.of('ICCBased')) {
    const icc = look(cs.get(1));
    const n = icc instanceof PDFRawStream || icc instanceof PDFStream ? look(icc.dict.get(PDFName.of('N'))) : null;
    colors = n instanceof PDFNumber ? n.asNumber() : 0;
    cs = undefined;
  }
  if (cs === PDFName.of('DeviceGray')) colors = 1;
  else if (cs === PDFName.of('DeviceRGB')) colors = 3;
  if (colors !== 1 && colors !== 3) return { reason: '图像的颜色空间不受支持' };
  if (d.get(PDFName.of('SMask')) || d.get(PDFName.of('Mask')) || d.get(PDFName.of('Decode')))
    return { reason: '图像带有蒙版或解码数组' };
  if (!(bpc === 8 || (bpc === 1 && colors === 1)) || !width || !height) return { reason: '图像的位深不受支持' };
  const parms = look(d.get(PDFName.of('DecodeParms')));
  const pn = (k: string, def: number) => {
    const v = parms instanceof PDFDict ? look(parms.get(PDFName.of(k))) : undefined;
    return v instanceof PDFNumber ? v.asNumber() : def;
  };
  const predictor = pn('Predictor', 1);
  const rowBytes = Math.ceil((width * colors * bpc) / 8);
  let idat: Uint8Array;
  if (
    f.length === 1 &&
    predictor >= 10 &&
    pn('Colors', 1) === colors &&
    pn('BitsPerComponent', 8) === bpc &&
    pn('Columns', 1) === width
  ) {
    idat = raw; // PNG-predicted rows, deflated: exactly a PNG's IDAT
  } else if (predictor <= 1) {
    let pixels: Buffer;
    try {
      pixels = f.length ? zlib.inflateSync(raw) : Buffer.from(raw);
    } catch {
      return { reason: '图像数据已损坏' };
    }
    if (pixels.length < rowBytes * height) return { reason: '图像数据不完整' };
    const rows = Buffer.alloc((rowBytes + 1) * height);
    for (let y = 0; y < height; y++) pixels.copy(rows, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
    idat = zlib.deflateSync(rows);
  } else {
    return { reason: '图像的预测编码不受支持' };
  }
  return { bytes: pngFile(width, height, bpc, colors === 3 ? 2 : 0, idat), format: 'PNG' };
}

/** A PNG from its IHDR fields and the deflated, filtered rows. */
function pngFile(width: number, height: number, bitDepth: number, colorType: number, idat: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.from(idat)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
