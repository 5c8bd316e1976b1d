/**
 * Images made fit for PDF/A-1 before binding. PDF/A-1 (ISO 19005-1 = GB/T 23286.1) forbids soft masks (alpha) and,
 * under the sRGB output intent the volumes declare, device CMYK; 16-bit samples are not in PDF 1.4 either. So:
 *  - a CMYK (or YCCK) JPEG is decoded (pdf.js's JPEG decoder, Adobe inversion handled) and re-encoded as an RGB PNG
 *    (lossless Flate: larger than the JPEG, never worse);
 *  - a PNG with an alpha channel or tRNS transparency, or with 16-bit samples, is flattened on white into an 8-bit
 *    RGB (or grey) PNG.
 * Everything else is returned as it is. The PNGs made here are non-interlaced 8-bit without transparency, which
 * pdfkit embeds as they are (its IDAT data straight into the PDF, no decoding).
 */
import { once } from 'node:events';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { fileInvalid } from '../../platform/errors';
import { jpegInfo } from '../../files/jpeg';
import { PNG_SIGNATURE, pngChunk } from '../../files/png';

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  /** Has a tRNS chunk (palette alpha or a colour key). */
  trns: boolean;
}

/** Reads a PNG's IHDR and whether it has a tRNS chunk (chunk headers only). */
export function pngHeader(buf: Uint8Array): PngHeader | null {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 33 || b.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  const h: PngHeader = {
    width: b.readUInt32BE(16),
    height: b.readUInt32BE(20),
    bitDepth: b[24]!,
    colorType: b[25]!,
    interlace: b[28]!,
    trns: false,
  };
  let p = 8;
  while (p + 8 <= b.length) {
    const len = b.readUInt32BE(p);
    const type = b.subarray(p + 4, p + 8).toString('latin1');
    if (type === 'tRNS') h.trns = true;
    if (type === 'IDAT' || type === 'IEND') break;
    p += 12 + len;
  }
  return h;
}

/** Whether an image must be converted for PDF/A-1 (see the module comment). */
export function needsPdfaConversion(buf: Uint8Array, mime: string): boolean {
  if (mime === 'image/jpeg') return jpegComponents(buf) === 4;
  const h = pngHeader(buf);
  return !!h && (h.colorType === 4 || h.colorType === 6 || h.trns || h.bitDepth === 16);
}

/** Number of colour components in a JPEG's frame header (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK). */
export function jpegComponents(buf: Uint8Array): number | null {
  return jpegInfo(buf)?.channels ?? null;
}

/** Converts an image for PDF/A-1 when it needs it (returns it unchanged otherwise). `name` is for messages. */
export async function pdfaImage(buf: Buffer, mime: string, name: string): Promise<Buffer> {
  if (!needsPdfaConversion(buf, mime)) return buf;
  try {
    return mime === 'image/jpeg' ? await cmykJpegToPng(buf) : await flattenPng(buf);
  } catch (e) {
    if (e instanceof Error && e.name === 'AppError') throw e;
    throw fileInvalid(
      `图片“${name}”无法转换为 PDF/A 允许的格式（RGB、无透明），未生成文件；请用图片软件另存为 RGB 的 JPEG 后重新上传`,
    );
  }
}

interface JpegDecoder {
  width: number;
  height: number;
  numComponents: number;
  parse(data: Uint8Array): void;
  getData(o: { width: number; height: number; forceRGB?: boolean; isSourcePDF?: boolean }): Uint8ClampedArray;
}

let decoders: Promise<{ JpegImage: new () => JpegDecoder }> | null = null;

async function cmykJpegToPng(buf: Buffer): Promise<Buffer> {
  decoders ??= (async () => {
    const m = (await import('pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs')) as unknown as {
      JpegImage: new () => JpegDecoder;
      setVerbosityLevel(n: number): void;
    };
    m.setVerbosityLevel(0); // (its warning about ICC support: the conversion here is its plain CMYK → RGB)
    return m;
  })();
  const { JpegImage } = await decoders;
  const j = new JpegImage();
  j.parse(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  const rgb = j.getData({ width: j.width, height: j.height, forceRGB: true, isSourcePDF: false });
  if (rgb.length !== j.width * j.height * 3) throw new Error('unexpected JPEG data');
  return await encodePng(j.width, j.height, 3, rgb);
}

/**
 * An 8-bit non-interlaced PNG (grey when channels = 1, RGB when 3) of the pixels, rows with the Up filter, deflated
 * as they are made (no second copy of the pixels).
 */
export async function encodePng(
  width: number,
  height: number,
  channels: 1 | 3,
  px: Uint8Array | Uint8ClampedArray,
): Promise<Buffer> {
  const stride = width * channels;
  const deflate = zlib.createDeflate({ level: 6 });
  const compressed: Buffer[] = [];
  deflate.on('data', (c: Buffer) => compressed.push(c));
  const deflated = once(deflate, 'end');
  for (let y = 0; y < height; y++) {
    const row = Buffer.allocUnsafe(stride + 1);
    const at = y * stride;
    if (y === 0) {
      row[0] = 0;
      for (let x = 0; x < stride; x++) row[1 + x] = px[at + x]!;
    } else {
      row[0] = 2; // Up
      for (let x = 0; x < stride; x++) row[1 + x] = (px[at + x]! - px[at - stride + x]!) & 0xff;
    }
    if (!deflate.write(row)) await once(deflate, 'drain');
  }
  deflate.end();
  await deflated;
  return pngFile(width, height, channels, Buffer.concat(compressed));
}

/** A PNG file of 8-bit grey or RGB rows, from its compressed (zlib) data. */
function pngFile(width: number, height: number, channels: 1 | 3, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = channels === 1 ? 0 : 2;
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Decodes a PNG (any bit depth and colour type, interlaced or not) and flattens it on white to 8 bits. A
 * non-interlaced PNG (the usual case) is streamed row by row, inflated and deflated as it goes: memory holds the
 * file and the result, not the pixels (a 50-megapixel RGBA PNG would need 200 MB decoded).
 */
export async function flattenPng(buf: Buffer): Promise<Buffer> {
  const h = pngHeader(buf);
  if (!h) throw new Error('not a PNG');
  let palette: Buffer | null = null;
  let trns: Buffer | null = null;
  const idat: Buffer[] = [];
  for (let p = 8; p + 8 <= buf.length;) {
    const len = buf.readUInt32BE(p);
    const type = buf.subarray(p + 4, p + 8).toString('latin1');
    const data = buf.subarray(p + 8, p + 8 + len);
    if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    p += 12 + len;
  }
  const { width, height, bitDepth: bits, colorType } = h;
  const samples = colorType === 0 || colorType === 3 ? 1 : colorType === 2 ? 3 : colorType === 4 ? 2 : 4;
  const bpp = Math.max(1, (samples * bits) >> 3); // bytes per complete pixel, for the filters
  const outCh = colorType === 0 || colorType === 4 ? 1 : 3;
  const flatten = rowFlattener(h, samples, outCh, palette, trns);

  if (!h.interlace) {
    const stride = Math.ceil((width * samples * bits) / 8);
    const inflate = zlib.createInflate();
    const deflate = zlib.createDeflate({ level: 6 });
    const compressed: Buffer[] = [];
    deflate.on('data', (c: Buffer) => compressed.push(c));
    const deflated = once(deflate, 'end');
    Readable.from(idat).pipe(inflate);
    let line = new Uint8Array(stride);
    let prev = new Uint8Array(stride);
    let outRow = new Uint8Array(width * outCh);
    let outPrev = new Uint8Array(width * outCh);
    let filter = -1;
    let fill = 0;
    let y = 0;
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      let i = 0;
      while (i < chunk.length && y < height) {
        if (filter < 0) {
          filter = chunk[i++]!;
          fill = 0;
          continue;
        }
        const n = Math.min(stride - fill, chunk.length - i);
        line.set(chunk.subarray(i, i + n), fill);
        fill += n;
        i += n;
        if (fill < stride) continue;
        unfilter(filter, line, prev, bpp);
        flatten(line, width, outRow, 0, outCh);
        // the row written with the Up filter (against the previous output row; none on the first)
        const row = Buffer.allocUnsafe(outRow.length + 1);
        row[0] = y === 0 ? 0 : 2;
        for (let k = 0; k < outRow.length; k++) row[k + 1] = y === 0 ? outRow[k]! : (outRow[k]! - outPrev[k]!) & 0xff;
        if (!deflate.write(row)) await once(deflate, 'drain');
        [prev, line] = [line, prev];
        [outPrev, outRow] = [outRow, outPrev];
        filter = -1;
        y++;
      }
    }
    if (y < height) throw new Error('PNG data ends early');
    deflate.end();
    await deflated;
    return pngFile(width, height, outCh as 1 | 3, Buffer.concat(compressed));
  }

  const data = zlib.inflateSync(Buffer.concat(idat));
  const out = new Uint8Array(width * height * outCh);
  let pos = 0;
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ] as const;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((width - x0) / dx);
    const rows = Math.ceil((height - y0) / dy);
    if (w <= 0 || rows <= 0) continue;
    const stride = Math.ceil((w * samples * bits) / 8);
    let prev = new Uint8Array(stride);
    for (let r = 0; r < rows; r++) {
      const filter = data[pos++]!;
      const line = new Uint8Array(data.subarray(pos, pos + stride));
      pos += stride;
      unfilter(filter, line, prev, bpp);
      prev = line;
      flatten(line, w, out, ((y0 + r * dy) * width + x0) * outCh, dx * outCh);
    }
  }
  return await encodePng(width, height, outCh as 1 | 3, out);
}

/**
 * Flattens one decoded scanline of `w` pixels on white: pixel c goes to dst[start + c × step] (1 or 3 bytes).
 */
function rowFlattener(h: PngHeader, samples: number, outCh: number, palette: Buffer | null, trns: Buffer | null) {
  const { bitDepth: bits, colorType } = h;
  const max = (1 << bits) - 1;
  const grey = colorType === 0 || colorType === 4;
  const key =
    trns && colorType === 0
      ? [trns.readUInt16BE(0)]
      : trns && colorType === 2
        ? [trns.readUInt16BE(0), trns.readUInt16BE(2), trns.readUInt16BE(4)]
        : null;
  return (line: Uint8Array, w: number, dst: Uint8Array, start: number, step: number) => {
    if (bits === 8 && (colorType === 4 || colorType === 6)) {
      // the common case (an 8-bit PNG with alpha), without the general per-sample path below
      for (let c = 0; c < w; c++) {
        const i = c * samples;
        const a = line[i + samples - 1]!;
        const o = start + c * step;
        for (let k = 0; k < outCh; k++) dst[o + k] = (line[i + k]! * a + 255 * (255 - a) + 127) / 255;
      }
      return;
    }
    const s = (c: number, k: number): number => {
      const i = c * samples + k;
      if (bits === 8) return line[i]!;
      if (bits === 16) return (line[2 * i]! << 8) | line[2 * i + 1]!;
      const bit = i * bits;
      return (line[bit >> 3]! >> (8 - bits - (bit & 7))) & max;
    };
    for (let c = 0; c < w; c++) {
      let rgb: number[];
      let a = 1;
      if (colorType === 3) {
        const idx = s(c, 0);
        rgb = palette ? [palette[idx * 3] ?? 0, palette[idx * 3 + 1] ?? 0, palette[idx * 3 + 2] ?? 0] : [0, 0, 0];
        if (trns && idx < trns.length) a = trns[idx]! / 255;
      } else {
        const raw = Array.from({ length: samples }, (_, k) => s(c, k));
        const colours = grey ? raw.slice(0, 1) : raw.slice(0, 3);
        if (colorType === 4 || colorType === 6) a = raw[samples - 1]! / max;
        else if (key && colours.every((v, k) => v === key[k])) a = 0;
        rgb = colours.map((v) => (v * 255) / max);
      }
      const o = start + c * step;
      for (let k = 0; k < outCh; k++) dst[o + k] = Math.round(rgb[k]! * a + 255 * (1 - a));
    }
  };
}

function unfilter(filter: number, line: Uint8Array, prev: Uint8Array, bpp: number) {
  const n = line.length;
  switch (filter) {
    case 0:
      return;
    case 1:
      for (let i = bpp; i < n; i++) line[i] = (line[i]! + line[i - bpp]!) & 0xff;
      return;
    case 2:
      for (let i = 0; i < n; i++) line[i] = (line[i]! + prev[i]!) & 0xff;
      return;
    case 3:
      for (let i = 0; i < n; i++) line[i] = (line[i]! + (((i >= bpp ? line[i - bpp]! : 0) + prev[i]!) >> 1)) & 0xff;
      return;
    case 4:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? line[i - bpp]! : 0;
        const b = prev[i]!;
        const c = i >= bpp ? prev[i - bpp]! : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        line[i] = (line[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
      }
      return;
    default:
      throw new Error(`bad PNG filter ${filter}`);
  }
}
