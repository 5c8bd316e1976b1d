import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataPaths } from '../../core/platform/context';
import { attachmentPath, importScans, readAttachment, storeScan } from '../../core/attachments/service';
import { filesUnder, makeCtx, scan, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

describe('attachment store', () => {
  it('stores a scan once by SHA-256, with type, size and page count', async () => {
    const a = await storeScan(ctx, scan('mingbaishu-scan.jpg'));
    const again = await storeScan(ctx, scan('mingbaishu-scan.jpg'), '另一个名字.jpg');
    expect(again.id).toBe(a.id);
    expect(a).toMatchObject({ mime: 'image/jpeg', pageCount: 1, size: fs.statSync(scan('mingbaishu-scan.jpg')).size });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const file = attachmentPath(ctx, a);
    expect(file.startsWith(dataPaths(ctx.dataDir).attachmentsDir)).toBe(true);
    expect(fs.readFileSync(file).equals(fs.readFileSync(scan('mingbaishu-scan.jpg')))).toBe(true);
    expect(filesUnder(dataPaths(ctx.dataDir).attachmentsDir)).toHaveLength(1);
    const pdf = await storeScan(ctx, scan('zicha-baogao-3pages.pdf'));
    expect(pdf).toMatchObject({ mime: 'application/pdf', pageCount: 3 });
    const cmyk = await storeScan(ctx, scan('mingbaishu-scan-cmyk.jpg'));
    expect(cmyk.mime).toBe('image/jpeg');
  });

  it.each([
    ['damaged-scan.pdf', '已损坏'],
    ['empty.pdf', '空文件'],
    ['README.md', '不是 PDF、JPEG 或 PNG'],
  ])('refuses %s with a Chinese error naming it, writing nothing', async (name, msg) => {
    const before = tableCounts(ctx);
    await expect(storeScan(ctx, scan(name))).rejects.toThrow(msg);
    await expect(storeScan(ctx, scan(name))).rejects.toThrow(name);
    expect(tableCounts(ctx)).toEqual(before);
    expect(filesUnder(dataPaths(ctx.dataDir).attachmentsDir)).toHaveLength(0);
  });

  it('refuses a truncated JPEG and a path-traversal display name is reduced to its base name', async () => {
    const buf = fs.readFileSync(scan('mingbaishu-scan.jpg'));
    const cut = path.join(ctx.tmp, 'cut.jpg');
    fs.writeFileSync(cut, buf.subarray(0, buf.length / 2));
    await expect(storeScan(ctx, cut)).rejects.toThrow(/不完整/);
    const evil = path.join(ctx.tmp, 'evil.jpg');
    fs.copyFileSync(scan('mingbaishu-scan.jpg'), evil);
    const a = await storeScan(ctx, evil, '../../x.jpg');
    expect(a.originalName).toBe('x.jpg');
    expect(filesUnder(ctx.tmp).some((f) => f.endsWith('x.jpg'))).toBe(false);
  });

  it('imports through the dialog port, all or nothing', async () => {
    ctx.ports.queuedFiles = [scan('mingbaishu-scan.jpg'), scan('damaged-scan.pdf')];
    await expect(importScans(ctx)).rejects.toThrow(/damaged-scan\.pdf/);
    expect(tableCounts(ctx).attachments).toBe(0);
    ctx.ports.queuedFiles = [scan('mingbaishu-scan.jpg'), scan('zicha-baogao-3pages.pdf')];
    const list = await importScans(ctx);
    expect(list.map((a) => a.mime)).toEqual(['image/jpeg', 'application/pdf']);
    expect(await importScans(ctx)).toEqual([]); // cancelled dialog
  });

  it('reads an attachment back for preview and reports a missing file in Chinese', async () => {
    const a = await storeScan(ctx, scan('mingbaishu-scan.jpg'));
    const r = readAttachment(ctx, a.id);
    expect(Buffer.from(r.base64, 'base64').equals(fs.readFileSync(scan('mingbaishu-scan.jpg')))).toBe(true);
    fs.rmSync(attachmentPath(ctx, a));
    expect(() => readAttachment(ctx, a.id)).toThrow(/缺失/);
  });
});
