import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentPath, getAttachment, prepareScanBytes } from '../../core/attachments/service';
import { fillDemo } from '../../core/demo/service';
import { getPledge, listPledges } from '../../core/pledges/service';
import { makeCtx, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
let result: ReturnType<typeof fillDemo>;
beforeAll(() => {
  ctx = makeCtx();
  result = fillDemo(ctx, { hazards: 50 });
});
afterAll(() => ctx.close());

describe('demo data', () => {
  it('comes with scans: most signed 明白书 carry a generated image of the signed form', async () => {
    const withScan = listPledges(ctx, { hasScan: true, pageSize: 500 });
    const signed = listPledges(ctx, { signed: 'signed', pageSize: 500 });
    expect(result.scans).toBe(withScan.total);
    expect(withScan.total).toBeGreaterThan(signed.total * 0.7);
    expect(listPledges(ctx, { signed: 'unsigned', hasScan: true }).total).toBe(0);
    // Each is a real PNG the scan checks accept, stored once, different for every record.
    const first = getPledge(ctx, withScan.rows[0]!.id);
    const a = getAttachment(ctx, first.attachments[0]!.id);
    const bytes = fs.readFileSync(attachmentPath(ctx, a));
    const checked = await prepareScanBytes(bytes, a.originalName);
    expect(checked).toMatchObject({ mime: 'image/png', pageCount: 1, sha256: a.sha256 });
    expect(a.originalName).toBe(`明白书扫描件_${first.talkeeName}.png`);
    const hashes = new Set(withScan.rows.map((p) => getPledge(ctx, p.id).attachments[0]!.id));
    expect(hashes.size).toBe(withScan.total);
  });

  it('the image is a page a viewer draws: A4 proportions, ink and the red seal on paper', () => {
    const p = getPledge(ctx, listPledges(ctx, { hasScan: true }).rows[0]!.id);
    const file = attachmentPath(ctx, getAttachment(ctx, p.attachments[0]!.id));
    // The header gives its size; the decoded pixels hold the red seal and dark ink on light paper.
    const buf = fs.readFileSync(file);
    expect(buf.readUInt32BE(16)).toBe(620);
    expect(buf.readUInt32BE(20)).toBe(877);
    const raw = (() => {
      const idat: Buffer[] = [];
      for (let o = 8; o < buf.length;) {
        const len = buf.readUInt32BE(o);
        if (buf.toString('latin1', o + 4, o + 8) === 'IDAT') idat.push(buf.subarray(o + 8, o + 8 + len));
        o += 12 + len;
      }
      return zlib.inflateSync(Buffer.concat(idat));
    })();
    let red = 0;
    let ink = 0;
    for (let y = 0; y < 877; y++) {
      for (let x = 0; x < 620; x++) {
        const o = y * (620 * 3 + 1) + 1 + x * 3;
        const [r, g, b] = [raw[o]!, raw[o + 1]!, raw[o + 2]!];
        if (r > 180 && g < 80 && b < 80) red++;
        if (r < 80 && g < 80 && b < 100) ink++;
      }
    }
    expect(red).toBeGreaterThan(500);
    expect(ink).toBeGreaterThan(500);
    expect(path.extname(file)).toBe('.png');
  });
});
