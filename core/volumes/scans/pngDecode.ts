/**
 * PNG scans within bounded memory. A 4900×7000 RGBA PNG handed to pdfkit is decoded whole (its pixels, then its
 * colour and alpha split apart): 2.8 GB peak and seconds of work, for far more pixels than a printer uses.
 *
 * Here the file is read chunk by chunk, its IDAT data inflated as a stream, each row unfiltered as it arrives
 * (only the row before is kept), converted to 8-bit gray or RGB (alpha composited onto white paper, palettes and
 * 1/2/4/16-bit samples expanded) and box-averaged k×k down to the print resolution (k the largest integer that
 * keeps ≥ 300 dpi in the scan box), then deflated with the PNG Up predictor and handed to pdfkit as a ready
 * image XObject (pdfkit's own PNG reader copies the image data byte by byte into a JS array: 8 bytes a byte).
 * Memory: one input row, one accumulator row, a few MB of rows waiting for the compressor, and the compressed
 * output; the input file is never held whole. Interlaced (Adam7) PNGs are not streamed: up to
 * INTERLACED_PNG_PIXELS they are bound as before, above it the probe refuses them with a sentence saying what to do.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

/**
 * Above this many pixels a PNG is streamed (and downscaled when above the print resolution) instead of handed
 * whole to pdfkit: an A4 scan at 300 dpi (8.7 MP) in RGBA peaked at 912 MB through pdfkit, in RGB at 255 MB.
 */
export const STREAM_PNG_PIXELS = 2_000_000;
/** Interlaced PNGs cannot be streamed; up to this many pixels pdfkit decodes them, above it they are refused. */
export const INTERLACED_PNG_PIXELS = 3_000_000;
/** The scan box of a bound page (render.ts SCAN: A4 less 15 + 8 mm across, 20 + 8 mm down) at 300 dpi. */
const PRINT_SHORT = Math.round(((210 - 15 - 8) / 25.4) * 300);
const PRINT_LONG = Math.round(((297 - 20 - 8) / 25.4) * 300);

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

/** IHDR of a PNG (the first 33 bytes), or null. */
export function pngHeader(head: Buffer): PngHeader | null {
  if (head.length < 33 || head.readUInt32BE(0) !== 0x89504e47 || head.subarray(12, 16).toString('latin1') !== 'IHDR')
    return null;
  return {
    width: head.readUInt32BE(16),
    height: head.readUInt32BE(20),
    bitDepth: head[24]!,
    colorType: head[25]!,
    interlace: head[28]!,
  };
}

/** The integer box factor that brings an image down to the print resolution without going below it. */
export function downscaleFactor(width: number, height: number): number {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  return Math.max(1, Math.floor(Math.min(long / PRINT_LONG, short / PRINT_SHORT)));
}

/** Whether a PNG is bound through the streaming path (big and not interlaced). */
export const streamsPng = (h: PngHeader) => h.width * h.height > STREAM_PNG_PIXELS && h.interlace === 0;

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function validHeader(h: PngHeader): boolean {
  const depths: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
  return h.width > 0 && h.height > 0 && (depths[h.colorType]?.includes(h.bitDepth) ?? false);
}

class BadPng extends Error {}

export interface Downscaled {
  /** zlib data of 8-bit rows, each with PNG filter byte 2 (Up): FlateDecode with /Predictor 15. */
  idat: Buffer;
  width: number;
  height: number;
  /** 1 (DeviceGray) or 3 (DeviceRGB). */
  colors: number;
  factor: number;
}

/**
 * Reads a PNG file as a stream and returns it downscaled, alpha-free (8-bit gray or RGB), as PNG-predicted zlib
 * data. Throws on a damaged or unsupported file (the caller turns it into a Chinese sentence).
 */
export async function downscalePng(file: string, factor?: number): Promise<Downscaled> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const sig = Buffer.alloc(8);
    await fh.read(sig, 0, 8, 0);
    if (sig.readUInt32BE(0) !== 0x89504e47) throw new BadPng('not a PNG');
    let pos = 8;
    const hdr8 = Buffer.alloc(8);
    let header: PngHeader | null = null;
    let palette: Buffer | null = null;
    let trns: Buffer | null = null;
    const inflate = zlib.createInflate();
    let sink: RowSink | null = null;
    let failure: Error | null = null;
    inflate.on('data', (d: Buffer) => {
      try {
        sink!.push(d);
      } catch (e) {
        failure = e as Error;
        inflate.destroy();
      }
    });
    const inflated = new Promise<void>((resolve, reject) => {
      inflate.on('end', resolve);
      inflate.on('close', () => (failure ? reject(failure) : resolve()));
      inflate.on('error', reject);
    });
    const block = Buffer.alloc(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(hdr8, 0, 8, pos);
      if (bytesRead < 8) throw new BadPng('truncated');
      const len = hdr8.readUInt32BE(0);
      const type = hdr8.subarray(4, 8).toString('latin1');
      pos += 8;
      if (type === 'IHDR' || type === 'PLTE' || type === 'tRNS') {
        if (len > 1 << 16) throw new BadPng('chunk too long');
        const data = Buffer.alloc(len);
        if ((await fh.read(data, 0, len, pos)).bytesRead < len) throw new BadPng('truncated');
        if (type === 'IHDR') {
          header = {
            width: data.readUInt32BE(0),
            height: data.readUInt32BE(4),
            bitDepth: data[8]!,
            colorType: data[9]!,
            interlace: data[12]!,
          };
          if (!validHeader(header) || header.interlace !== 0) throw new BadPng('unsupported');
        } else if (type === 'PLTE') palette = data;
        else trns = data;
      } else if (type === 'IDAT') {
        if (!header) throw new BadPng('IDAT before IHDR');
        if (header.colorType === 3 && !palette) throw new BadPng('no palette');
        sink ??= new RowSink(header, palette, trns, factor ?? downscaleFactor(header.width, header.height));
        let left = len;
        let at = pos;
        while (left > 0) {
          const n = Math.min(left, block.length);
          const { bytesRead } = await fh.read(block, 0, n, at);
          if (bytesRead < n) throw new BadPng('truncated');
          if (failure) throw failure;
          if (!inflate.write(Buffer.from(block.subarray(0, n))))
            await new Promise<void>((r) => inflate.once('drain', () => r()));
          await sink.drained();
          left -= n;
          at += n;
        }
      } else if (type === 'IEND') {
        break;
      }
      pos += len + 4; // data and CRC
    }
    if (!sink) throw new BadPng('no image data');
    inflate.end();
    await inflated;
    if (failure) throw failure;
    return sink.finish();
  } finally {
    await fh.close();
  }
}

/** Unfilters rows as inflated bytes arrive, converts and box-averages them, and deflates the output rows. */
class RowSink {
  private readonly ch: number;
  private readonly bpp: number;
  private readonly rowBytes: number;
  private cur: Buffer;
  private prev: Buffer;
  private fill = 0;
  private y = 0;
  private readonly outCh: number;
  private readonly outW: number;
  private readonly acc: Uint32Array;
  private accRows = 0;
  private readonly px: Uint8Array;
  private outPrev: Buffer;
  private readonly deflate = zlib.createDeflate({ level: 6, memLevel: 8 });
  private readonly parts: Buffer[] = [];
  private outRows = 0;

  constructor(
    private readonly h: PngHeader,
    private readonly palette: Buffer | null,
    private readonly trns: Buffer | null,
    private readonly k: number,
  ) {
    this.ch = CHANNELS[h.colorType]!;
    this.bpp = Math.max(1, (this.ch * h.bitDepth) >> 3);
    this.rowBytes = Math.ceil((h.width * this.ch * h.bitDepth) / 8);
    this.cur = Buffer.alloc(1 + this.rowBytes);
    this.prev = Buffer.alloc(1 + this.rowBytes);
    this.outCh = h.colorType === 0 || h.colorType === 4 ? 1 : 3;
    this.outW = Math.ceil(h.width / k);
    this.acc = new Uint32Array(this.outW * this.outCh);
    this.px = new Uint8Array(h.width * this.outCh);
    this.outPrev = Buffer.alloc(this.outW * this.outCh);
    this.deflate.on('data', (d: Buffer) => this.parts.push(d));
  }

  push(d: Buffer) {
    let i = 0;
    while (i < d.length) {
      if (this.y >= this.h.height) return; // trailing bytes after the last row are ignored
      const n = Math.min(d.length - i, this.cur.length - this.fill);
      d.copy(this.cur, this.fill, i, i + n);
      this.fill += n;
      i += n;
      if (this.fill === this.cur.length) {
        this.unfilter();
        this.convert();
        this.accumulate();
        [this.prev, this.cur] = [this.cur, this.prev];
        this.fill = 0;
        this.y++;
      }
    }
  }

  private unfilter() {
    const r = this.cur;
    const p = this.prev;
    const bpp = this.bpp;
    const n = r.length;
    const first = this.y === 0;
    switch (r[0]) {
      case 0:
        break;
      case 1:
        for (let i = 1 + bpp; i < n; i++) r[i] = (r[i]! + r[i - bpp]!) & 0xff;
        break;
      case 2:
        if (!first) for (let i = 1; i < n; i++) r[i] = (r[i]! + p[i]!) & 0xff;
        break;
      case 3:
        for (let i = 1; i < n; i++) {
          const left = i > bpp ? r[i - bpp]! : 0;
          const up = first ? 0 : p[i]!;
          r[i] = (r[i]! + ((left + up) >> 1)) & 0xff;
        }
        break;
      case 4:
        for (let i = 1; i < n; i++) {
          const a = i > bpp ? r[i - bpp]! : 0;
          const b = first ? 0 : p[i]!;
          const c = i > bpp && !first ? p[i - bpp]! : 0;
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - 2 * c);
          r[i] = (r[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
        }
        break;
      default:
        throw new BadPng('bad filter');
    }
  }

  /** The current row as 8-bit gray or RGB pixels in this.px, alpha composited onto white. */
  private convert() {
    const { width, bitDepth, colorType } = this.h;
    const r = this.cur;
    const px = this.px;
    if (bitDepth === 8 && (colorType === 0 || colorType === 2)) {
      px.set(r.subarray(1, 1 + px.length)); // already 8-bit gray or RGB
      return;
    }
    if (bitDepth === 8 && (colorType === 4 || colorType === 6)) {
      const c = colorType === 6 ? 3 : 1;
      const step = c + 1;
      for (let x = 0, i = 1, o = 0; x < width; x++, i += step) {
        const a = r[i + c]!;
        if (a === 255) for (let k = 0; k < c; k++) px[o++] = r[i + k]!;
        else for (let k = 0; k < c; k++) px[o++] = Math.round((r[i + k]! * a + 255 * (255 - a)) / 255);
      }
      return;
    }
    const sample = (x: number, c: number): number => {
      if (bitDepth === 8) return r[1 + x * this.ch + c]!;
      if (bitDepth === 16) return r[1 + (x * this.ch + c) * 2]!;
      const bit = (x * this.ch + c) * bitDepth;
      const v = (r[1 + (bit >> 3)]! >> (8 - bitDepth - (bit & 7))) & ((1 << bitDepth) - 1);
      return colorType === 3 ? v : Math.round((v * 255) / ((1 << bitDepth) - 1));
    };
    const white = (v: number, a: number) => Math.round((v * a + 255 * (255 - a)) / 255);
    for (let x = 0; x < width; x++) {
      switch (colorType) {
        case 0:
          px[x] = sample(x, 0);
          break;
        case 4:
          px[x] = white(sample(x, 0), sample(x, 1));
          break;
        case 2:
          for (let c = 0; c < 3; c++) px[x * 3 + c] = sample(x, c);
          break;
        case 6: {
          const a = sample(x, 3);
          for (let c = 0; c < 3; c++) px[x * 3 + c] = white(sample(x, c), a);
          break;
        }
        case 3: {
          const i = sample(x, 0);
          const a = this.trns && i < this.trns.length ? this.trns[i]! : 255;
          for (let c = 0; c < 3; c++) px[x * 3 + c] = white(this.palette![i * 3 + c] ?? 0, a);
          break;
        }
      }
    }
  }

  private accumulate() {
    const { width } = this.h;
    const { k, outCh, acc, px } = this;
    for (let x = 0, o = 0, n = 0; x < width; x++) {
      for (let c = 0; c < outCh; c++) acc[o + c] = acc[o + c]! + px[x * outCh + c]!;
      if (++n === k) {
        n = 0;
        o += outCh;
      }
    }
    this.accRows++;
    if (this.accRows === k || this.y === this.h.height - 1) this.emit();
  }

  private emit() {
    const { width } = this.h;
    const { k, outCh, outW, acc } = this;
    const row = Buffer.alloc(1 + outW * outCh);
    row[0] = 2; // Up
    for (let ox = 0; ox < outW; ox++) {
      const n = Math.min(k, width - ox * k) * this.accRows;
      for (let c = 0; c < outCh; c++) {
        const v = Math.round(acc[ox * outCh + c]! / n);
        const i = ox * outCh + c;
        row[1 + i] = (v - this.outPrev[i]!) & 0xff;
        this.outPrev[i] = v;
      }
    }
    acc.fill(0);
    this.accRows = 0;
    this.outRows++;
    this.deflate.write(row);
  }

  /** Waits while the output rows wait for the compressor (so they never pile up beyond a few MB). */
  async drained(): Promise<void> {
    while (this.deflate.writableLength > 4 << 20) await new Promise<void>((r) => this.deflate.once('drain', () => r()));
  }

  async finish(): Promise<Downscaled> {
    if (this.y < this.h.height) throw new BadPng('truncated image data');
    this.deflate.end();
    await new Promise<void>((resolve, reject) => {
      this.deflate.on('end', resolve);
      this.deflate.on('error', reject);
    });
    return {
      idat: Buffer.concat(this.parts),
      width: this.outW,
      height: this.outRows,
      colors: this.outCh,
      factor: this.k,
    };
  }
}

/**
 * An image object pdfkit's doc.image accepts as it is (it embeds it once per document on first use): the
 * downscaled pixels as an image XObject. `label` must be unique in the document (derive it from the content).
 */
export function kitImage(d: Downscaled, label: string) {
  return {
    width: d.width,
    height: d.height,
    label,
    obj: null as unknown,
    embed(doc: { ref(data: object): { end(data: Buffer): void } }) {
      const ref = doc.ref({
        Type: 'XObject',
        Subtype: 'Image',
        Width: d.width,
        Height: d.height,
        BitsPerComponent: 8,
        ColorSpace: d.colors === 1 ? 'DeviceGray' : 'DeviceRGB',
        Filter: 'FlateDecode',
        DecodeParms: { Predictor: 15, Colors: d.colors, BitsPerComponent: 8, Columns: d.width },
      });
      this.obj = ref;
      ref.end(d.idat);
    },
  };
}
