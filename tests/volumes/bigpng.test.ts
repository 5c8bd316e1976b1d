/**
 * Huge PNG scans are streamed: decoded row by row (every filter type, bit depth and colour type), alpha put onto
 * white, box-averaged down to the print resolution, and embedded at that size. Peak memory is measured by hand
 * (see the report); here: the pixels are right, the embedded image has the reduced size, the page renders.
 */
import { PNG_SIGNATURE, pngChunk } from '../../core/files/png';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVolume, exportVolume } from '../../core/volumes';
import { downscaleFactor, downscalePng } from '../../core/volumes/scans/pngDecode';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { pdfPageCount } from '../helpers/pdf';
import { addPledges, baseData, type Base } from './seed';

let ctx: TestCtx;
let b: Base;
beforeEach(() => {
  ctx = makeCtx();
  b = baseData(ctx);
});
afterEach(() => ctx.close());

function png(
  w: number,
  h: number,
  bitDepth: number,
  colorType: number,
  idat: Buffer,
  extra: Buffer[] = [],
  interlace = 0,
) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  ihdr[12] = interlace;
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    ...extra,
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** PNG filtering of raw rows (bpp bytes per pixel), cycling through the five filter types. */
function filterRows(rows: Buffer[], bpp: number): Buffer {
  const out: Buffer[] = [];
  let prev: Buffer = Buffer.alloc(rows[0]!.length);
  rows.forEach((r, y) => {
    const f = y % 5;
    const o = Buffer.alloc(r.length + 1);
    o[0] = f;
    for (let i = 0; i < r.length; i++) {
      const a = i >= bpp ? r[i - bpp]! : 0;
      const up = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const p = a + up - c;
      const pr =
        Math.abs(p - a) <= Math.abs(p - up) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - up) <= Math.abs(p - c)
            ? up
            : c;
      const pred = [0, a, up, (a + up) >> 1, pr][f]!;
      o[i + 1] = (r[i]! - pred) & 0xff;
    }
    out.push(o);
    prev = r;
  });
  return zlib.deflateSync(Buffer.concat(out));
}

/** The rows of a downscaled result (undo zlib and the Up predictor). */
function rowsOf(d: { idat: Buffer; width: number; height: number; colors: number }): number[][] {
  const raw = zlib.inflateSync(d.idat);
  const n = d.width * d.colors;
  const rows: number[][] = [];
  let prev = new Array(n).fill(0);
  for (let y = 0; y < d.height; y++) {
    expect(raw[y * (n + 1)]).toBe(2);
    const row = Array.from({ length: n }, (_, i) => (raw[y * (n + 1) + 1 + i]! + prev[i]) & 0xff);
    rows.push(row);
    prev = row;
  }
  return rows;
}

const W = 7;
const H = 6;
const val = (x: number, y: number, c: number) => (x * 37 + y * 53 + c * 91) % 256;
const onWhite = (v: number, a: number) => Math.round((v * a + 255 * (255 - a)) / 255);

describe('streaming PNG decoder', () => {
  it('unfilters every filter type and converts RGB, RGBA, gray+alpha, 16-bit and 4-bit palettes with tRNS', async () => {
    const dir = ctx.tmp;
    const cases: { name: string; file: Buffer; expect: (x: number, y: number) => number[] }[] = [];
    const rows = (bpp: number, f: (x: number, y: number) => number[]) =>
      Array.from({ length: H }, (_, y) => Buffer.from(Array.from({ length: W }, (_, x) => f(x, y)).flat()));
    cases.push({
      name: 'rgb',
      file: png(
        W,
        H,
        8,
        2,
        filterRows(
          rows(3, (x, y) => [0, 1, 2].map((c) => val(x, y, c))),
          3,
        ),
      ),
      expect: (x, y) => [0, 1, 2].map((c) => val(x, y, c)),
    });
    const alpha = (x: number, y: number) => (x * 40 + y * 7) % 256;
    cases.push({
      name: 'rgba',
      file: png(
        W,
        H,
        8,
        6,
        filterRows(
          rows(4, (x, y) => [...[0, 1, 2].map((c) => val(x, y, c)), alpha(x, y)]),
          4,
        ),
      ),
      expect: (x, y) => [0, 1, 2].map((c) => onWhite(val(x, y, c), alpha(x, y))),
    });
    cases.push({
      name: 'graya',
      file: png(
        W,
        H,
        8,
        4,
        filterRows(
          rows(2, (x, y) => [val(x, y, 0), alpha(x, y)]),
          2,
        ),
      ),
      expect: (x, y) => [onWhite(val(x, y, 0), alpha(x, y))],
    });
    cases.push({
      name: 'rgb16',
      file: png(
        W,
        H,
        16,
        2,
        filterRows(
          rows(6, (x, y) => [0, 1, 2].flatMap((c) => [val(x, y, c), 0x5a])),
          6,
        ),
      ),
      expect: (x, y) => [0, 1, 2].map((c) => val(x, y, c)),
    });
    const plte = Buffer.from(Array.from({ length: 16 }, (_, i) => [i * 16, 255 - i * 16, i * 8]).flat());
    const trns = Buffer.from([0, 128]); // index 0 transparent, 1 half
    const idx = (x: number, y: number) => (x + y * 3) % 16;
    const packed = Array.from({ length: H }, (_, y) => {
      const r = Buffer.alloc(Math.ceil(W / 2));
      for (let x = 0; x < W; x++) r[x >> 1] = r[x >> 1]! | (idx(x, y) << (x % 2 ? 0 : 4));
      return r;
    });
    cases.push({
      name: 'pal4',
      file: png(W, H, 4, 3, filterRows(packed, 1), [pngChunk('PLTE', plte), pngChunk('tRNS', trns)]),
      expect: (x, y) => {
        const i = idx(x, y);
        const a = i < 2 ? trns[i]! : 255;
        return [0, 1, 2].map((c) => onWhite(plte[i * 3 + c]!, a));
      },
    });
    for (const c of cases) {
      const f = path.join(dir, `${c.name}.png`);
      fs.writeFileSync(f, c.file);
      const d = await downscalePng(f, 1);
      expect([d.width, d.height], c.name).toEqual([W, H]);
      const got = rowsOf(d);
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++)
          expect(got[y]!.slice(x * d.colors, (x + 1) * d.colors), `${c.name} ${x},${y}`).toEqual(c.expect(x, y));
      // box-averaged by 2 (odd edges average what they have)
      const d2 = await downscalePng(f, 2);
      expect([d2.width, d2.height]).toEqual([4, 3]);
      const g2 = rowsOf(d2);
      for (let y = 0; y < 3; y++) {
        for (let x = 0; x < 4; x++) {
          const px = [0, 1]
            .flatMap((dy) => [0, 1].map((dx) => [x * 2 + dx, y * 2 + dy]))
            .filter(([a, bb]) => a! < W && bb! < H);
          const want = c
            .expect(0, 0)
            .map((_, k) => Math.round(px.reduce((s, [a, bb]) => s + c.expect(a!, bb!)[k]!, 0) / px.length));
          expect(g2[y]!.slice(x * d2.colors, (x + 1) * d2.colors)).toEqual(want);
        }
      }
    }
    // damaged data is refused, not bound half
    const broken = path.join(dir, 'broken.png');
    const good = cases[0]!.file;
    fs.writeFileSync(
      broken,
      Buffer.concat([good.subarray(0, 45), Buffer.alloc(20, 7), good.subarray(good.length - 12)]),
    );
    await expect(downscalePng(broken, 1)).rejects.toThrow();
  });

  it('binds a 4900×7000 RGBA PNG downscaled to 2450×3500 RGB (≥ 300 dpi), drawn on its page', async () => {
    const w = 4900;
    const h = 7000;
    expect(downscaleFactor(w, h)).toBe(2);
    // top half: a dark block on the left; everything half transparent on the right
    const def = zlib.createDeflate({ level: 1 });
    const parts: Buffer[] = [];
    def.on('data', (d: Buffer) => parts.push(d));
    const dark = Buffer.alloc(1 + w * 4);
    const light = Buffer.alloc(1 + w * 4);
    for (let x = 0; x < w; x++) {
      const a = x < w / 2 ? 255 : 128;
      dark.set(x < w / 2 ? [20, 20, 20, a] : [240, 240, 240, a], 1 + x * 4);
      light.set([240, 240, 240, a], 1 + x * 4);
    }
    for (let y = 0; y < h; y++)
      if (!def.write(y < h / 2 ? dark : light)) await new Promise((r) => def.once('drain', r));
    def.end();
    await new Promise((r) => def.on('end', r));
    const file = path.join(ctx.tmp, '超大扫描件.png');
    fs.writeFileSync(file, png(w, h, 8, 6, Buffer.concat(parts)));

    await addPledges(ctx, b, 1, { scans: [[file]] });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id } });
    const out = await exportVolume(ctx, v.id, path.join(ctx.tmp, '卷.pdf'));
    expect(out.check.problems.filter((p) => p.code.startsWith('scan-'))).toEqual([]);
    const list = execFileSync('pdfimages', ['-list', out.file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => Number(c[3]) > 1000);
    expect(list).toHaveLength(1);
    const [page, , type, iw, ih, color] = list[0]!;
    expect([type, iw, ih, color]).toEqual(['image', '2450', '3500', 'rgb']); // no smask: alpha put onto white
    expect(Number(list[0]![12])).toBeGreaterThanOrEqual(300); // x-ppi
    // the page renders: the dark block is in the top left of the scan area, the bottom half is light
    const prefix = path.join(ctx.tmp, 'p');
    execFileSync('pdftoppm', ['-gray', '-r', '20', '-f', page!, '-l', page!, '-singlefile', out.file, prefix]);
    const buf = fs.readFileSync(`${prefix}.pgm`);
    const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 40).toString('latin1'))!;
    const pw = Number(m[1]);
    const ph = Number(m[2]);
    const px = buf.subarray(m[0].length);
    const at = (fx: number, fy: number) => px[Math.round(fy * ph) * pw + Math.round(fx * pw)]!;
    expect(at(0.3, 0.3)).toBeLessThan(60);
    expect(at(0.75, 0.3)).toBeGreaterThan(200);
    expect(at(0.3, 0.8)).toBeGreaterThan(200);
    expect(pdfPageCount(out.file)).toBeGreaterThan(4);
  });

  it('refuses a huge interlaced PNG in the check, naming it, instead of decoding it whole', async () => {
    const file = path.join(ctx.tmp, '隔行.png');
    fs.writeFileSync(file, png(4000, 4000, 8, 2, zlib.deflateSync(Buffer.alloc(100)), [], 1));
    await addPledges(ctx, b, 1, { scans: [[file]] });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id } });
    const out = await exportVolume(ctx, v.id, path.join(ctx.tmp, '卷.pdf'));
    const p = out.check.problems.find((x) => x.file === '隔行.png')!;
    expect(p).toMatchObject({ code: 'scan-damaged', severity: 'error' });
    expect(p.message).toContain('隔行扫描');
    expect(p.message).toContain('另存为普通 PNG 或 JPEG');
  });
});
