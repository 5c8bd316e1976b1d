/**
 * Images converted for PDF/A-1 (core/volumes/scans/imageConvert.ts): every PNG layout with transparency or 16-bit
 * samples comes out as an 8-bit PNG without transparency, flattened on white, pixel for pixel.
 */
import { pngChunk } from '../../core/files/png';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { flattenPng, needsPdfaConversion, pngHeader } from '../../core/volumes/scans/imageConvert';

interface Spec {
  w: number;
  h: number;
  colorType: number;
  bitDepth: number;
  interlace?: boolean;
  /** Samples of pixel (x, y) in the PNG's own layout (palette index, grey, grey+alpha, RGB, RGBA). */
  px(x: number, y: number): number[];
  plte?: number[];
  trns?: number[];
}

/** Packs one scanline of pixels (x0, x0+dx, …) at the spec's bit depth, filter byte first (Sub on odd rows). */
function scanline(s: Spec, y: number, xs: number[], filterSub: boolean): Buffer {
  const samples = s.px(0, 0).length;
  const bits: number[] = [];
  for (const x of xs) for (const v of s.px(x, y)) bits.push(v);
  let bytes: number[];
  if (s.bitDepth === 16) bytes = bits.flatMap((v) => [v >> 8, v & 0xff]);
  else if (s.bitDepth === 8) bytes = bits;
  else {
    bytes = new Array(Math.ceil((bits.length * s.bitDepth) / 8)).fill(0);
    bits.forEach((v, i) => (bytes[(i * s.bitDepth) >> 3]! |= v << (8 - s.bitDepth - ((i * s.bitDepth) & 7))));
  }
  if (!filterSub) return Buffer.from([0, ...bytes]);
  const bpp = Math.max(1, (samples * s.bitDepth) >> 3);
  return Buffer.from([1, ...bytes.map((v, i) => (v - (i >= bpp ? bytes[i - bpp]! : 0)) & 0xff)]);
}

function makePng(s: Spec): Buffer {
  const rows: Buffer[] = [];
  const passes = s.interlace
    ? [
        [0, 0, 8, 8],
        [4, 0, 8, 8],
        [0, 4, 4, 8],
        [2, 0, 4, 4],
        [0, 2, 2, 4],
        [1, 0, 2, 2],
        [0, 1, 1, 2],
      ]
    : [[0, 0, 1, 1]];
  for (const [x0, y0, dx, dy] of passes as [number, number, number, number][]) {
    const xs: number[] = [];
    for (let x = x0; x < s.w; x += dx) xs.push(x);
    if (!xs.length) continue;
    for (let y = y0, r = 0; y < s.h; y += dy, r++) rows.push(scanline(s, y, xs, r % 2 === 1));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(s.w, 0);
  ihdr.writeUInt32BE(s.h, 4);
  ihdr[8] = s.bitDepth;
  ihdr[9] = s.colorType;
  ihdr[12] = s.interlace ? 1 : 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(s.plte ? [pngChunk('PLTE', Buffer.from(s.plte))] : []),
    ...(s.trns ? [pngChunk('tRNS', Buffer.from(s.trns))] : []),
    // split in two IDAT chunks, as encoders do
    ...((d: Buffer) => [pngChunk('IDAT', d.subarray(0, d.length >> 1)), pngChunk('IDAT', d.subarray(d.length >> 1))])(
      zlib.deflateSync(Buffer.concat(rows)),
    ),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Decodes the converted PNG (8-bit, non-interlaced, filters None/Up as written) to its samples. */
function decodeOut(png: Buffer): { ch: number; w: number; h: number; px: (x: number, y: number) => number[] } {
  const h = pngHeader(png)!;
  expect(h).toMatchObject({ bitDepth: 8, interlace: 0, trns: false });
  expect([0, 2]).toContain(h.colorType);
  const ch = h.colorType === 0 ? 1 : 3;
  let p = 8;
  const idat: Buffer[] = [];
  while (p < png.length) {
    const len = png.readUInt32BE(p);
    if (png.subarray(p + 4, p + 8).toString('latin1') === 'IDAT') idat.push(png.subarray(p + 8, p + 8 + len));
    p += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = h.width * ch;
  const out = Buffer.alloc(stride * h.height);
  for (let y = 0; y < h.height; y++) {
    const f = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const v = raw[y * (stride + 1) + 1 + i]!;
      out[y * stride + i] = f === 2 ? (v + out[(y - 1) * stride + i]!) & 0xff : v;
    }
  }
  return {
    ch,
    w: h.width,
    h: h.height,
    px: (x, y) => [...out.subarray((y * h.width + x) * ch, (y * h.width + x + 1) * ch)],
  };
}

const W = 13;
const H = 11;
const over = (v: number, a: number) => Math.round(v * a + 255 * (1 - a));

const cases: { name: string; spec: Spec; want(x: number, y: number): number[] }[] = [
  {
    name: 'RGBA 8-bit',
    spec: { w: W, h: H, colorType: 6, bitDepth: 8, px: (x, y) => [x * 19, y * 23, 100, (x * 17 + y * 5) % 256] },
    want: (x, y) => [x * 19, y * 23, 100].map((v) => over(v, ((x * 17 + y * 5) % 256) / 255)),
  },
  {
    name: 'RGBA 8-bit, interlaced',
    spec: {
      w: W,
      h: H,
      colorType: 6,
      bitDepth: 8,
      interlace: true,
      px: (x, y) => [x * 19, y * 23, 100, (x * 17 + y * 5) % 256],
    },
    want: (x, y) => [x * 19, y * 23, 100].map((v) => over(v, ((x * 17 + y * 5) % 256) / 255)),
  },
  {
    name: 'grey + alpha 8-bit',
    spec: { w: W, h: H, colorType: 4, bitDepth: 8, px: (x, y) => [x * 19, y * 25] },
    want: (x, y) => [over(x * 19, (y * 25) / 255)],
  },
  {
    name: 'RGBA 16-bit',
    spec: { w: W, h: H, colorType: 6, bitDepth: 16, px: (x, y) => [x * 5000, y * 6000, 65535, y % 2 ? 65535 : 0] },
    want: (x, y) => (y % 2 ? [x * 5000, y * 6000, 65535].map((v) => Math.round((v * 255) / 65535)) : [255, 255, 255]),
  },
  {
    name: 'RGB 16-bit, no transparency',
    spec: { w: W, h: H, colorType: 2, bitDepth: 16, px: (x, y) => [x * 5000, y * 6000, 257 * 7] },
    want: (x, y) => [x * 5000, y * 6000, 257 * 7].map((v) => Math.round((v * 255) / 65535)),
  },
  {
    name: 'palette 2-bit with tRNS',
    spec: {
      w: W,
      h: H,
      colorType: 3,
      bitDepth: 2,
      px: (x, y) => [(x + y) % 4],
      plte: [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30],
      trns: [0, 128],
    },
    want: (x, y) => {
      const i = (x + y) % 4;
      const c = [
        [255, 0, 0],
        [0, 255, 0],
        [0, 0, 255],
        [10, 20, 30],
      ][i]!;
      const a = i === 0 ? 0 : i === 1 ? 128 / 255 : 1;
      return c.map((v) => over(v, a));
    },
  },
  {
    name: 'grey 8-bit with a colour key',
    spec: { w: W, h: H, colorType: 0, bitDepth: 8, px: (x) => [x * 10], trns: [0, 30] },
    want: (x) => [x === 3 ? 255 : x * 10],
  },
];

describe('flattenPng', () => {
  for (const c of cases) {
    it(`${c.name}: flattened on white, 8-bit, no transparency`, async () => {
      const png = makePng(c.spec);
      expect(needsPdfaConversion(png, 'image/png')).toBe(true);
      const out = decodeOut(await flattenPng(png));
      expect([out.w, out.h]).toEqual([W, H]);
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const got = out.px(x, y);
          const want = c.want(x, y);
          got.forEach((v, k) => expect(Math.abs(v - want[k]!), `${c.name} (${x},${y})`).toBeLessThanOrEqual(1));
        }
    });
  }

  it('leaves an opaque 8-bit PNG and an RGB JPEG alone', () => {
    expect(
      needsPdfaConversion(makePng({ w: 4, h: 4, colorType: 2, bitDepth: 8, px: () => [1, 2, 3] }), 'image/png'),
    ).toBe(false);
  });
});
