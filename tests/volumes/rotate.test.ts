/**
 * Scans can be turned: 向左/向右旋转 per page is stored with the attachment (the file untouched), the bound page is
 * drawn turned, and the pre-binding check flags landscape pages among the scans of portrait forms.
 */
import { PNG_SIGNATURE, pngChunk } from '../../core/files/png';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PDFDocument, rgb } from '@cantoo/pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch';
import { listAudit } from '../../core/audit/service';
import { attachmentPath, getAttachment, rotateAttachmentPage } from '../../core/attachments/service';
import { checkVolume, createVolume, exportVolume } from '../../core/volumes';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { pdfPageCount, pdfText } from '../helpers/pdf';
import { addPledges, baseData, type Base } from './seed';

let ctx: TestCtx;
let b: Base;
beforeEach(() => {
  ctx = makeCtx();
  b = baseData(ctx);
});
afterEach(() => ctx.close());

/** A landscape gray PNG (400×300), white with a black block in its top-left corner. */
function landscapePng(file: string) {
  const w = 400;
  const h = 300;
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const r = Buffer.alloc(1 + w, 255);
    r[0] = 0;
    if (y < 120) r.fill(0, 1, 1 + 140);
    rows.push(r);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  fs.writeFileSync(
    file,
    Buffer.concat([
      PNG_SIGNATURE,
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
      pngChunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** Gray levels of a volume page at 20 dpi, sampled at fractions of the page. */
function sampler(file: string, page: number, prefix: string) {
  execFileSync('pdftoppm', ['-gray', '-r', '20', '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  const buf = fs.readFileSync(`${prefix}.pgm`);
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 40).toString('latin1'))!;
  const w = Number(m[1]);
  const h = Number(m[2]);
  const px = buf.subarray(m[0].length);
  return (fx: number, fy: number) => px[Math.round(fy * h) * w + Math.round(fx * w)]!;
}

function imagePage(file: string, width: string): number {
  const rows = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/));
  return Number(rows.find((r) => r[3] === width)![0]);
}

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('turning scans', () => {
  it('stores a quarter turn per page with the attachment; bad input changes nothing', async () => {
    const [p] = await addPledges(ctx, b, 1);
    const id = p!.attachments[0]!.id;
    const file = attachmentPath(ctx, getAttachment(ctx, id));
    const before = sha(file);
    expect(rotateAttachmentPage(ctx, id, 0, 'right').pageRotations).toBe('{"0":90}');
    expect(rotateAttachmentPage(ctx, id, 0, 'right').pageRotations).toBe('{"0":180}');
    expect(rotateAttachmentPage(ctx, id, 0, 'left').pageRotations).toBe('{"0":90}');
    expect(rotateAttachmentPage(ctx, id, 0, 'left').pageRotations).toBeNull(); // back upright
    expect(rotateAttachmentPage(ctx, id, 0, 'left').pageRotations).toBe('{"0":270}');
    expect(sha(file)).toBe(before); // the file is never touched
    const audits = listAudit(ctx, { entity: 'attachment', entityId: id }).rows.length;
    expect(audits).toBe(5);

    expect(() => rotateAttachmentPage(ctx, id, 1, 'right')).toThrow(/没有第 2 页（共 1 页）/);
    expect(() => rotateAttachmentPage(ctx, 9999, 0, 'right')).toThrow(/找不到编号为 9999 的附件/);
    expect(await dispatch(ctx, 'attachments:rotate', { id, page: 0, turn: 'up' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await dispatch(ctx, 'attachments:rotate', { id, page: -1, turn: 'left' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(getAttachment(ctx, id).pageRotations).toBe('{"0":270}');
    expect(listAudit(ctx, { entity: 'attachment', entityId: id }).rows.length).toBe(audits);
    expect(sha(file)).toBe(before);

    const ok = await dispatch(ctx, 'attachments:rotate', { id, page: 0, turn: 'right' });
    expect(ok).toMatchObject({ ok: true, data: { id, pageRotations: null } });
  });

  it('flags a landscape scan of a portrait form, and binds the turned image upright', async () => {
    const png = path.join(ctx.tmp, '横拍明白书.png');
    landscapePng(png);
    const [p] = await addPledges(ctx, b, 1, { scans: [[png]] });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id } });
    const flagged = (await checkVolume(ctx, v.id)).problems.filter((x) => x.code === 'orientation');
    expect(flagged).toEqual([expect.objectContaining({ severity: 'warning', file: '横拍明白书.png' })]);
    expect(flagged[0]!.message).toContain('扫描件“横拍明白书.png”为横向');

    // as bound without a turn: laid sideways (top toward the binding edge): the block ends bottom left
    const plain = await exportVolume(ctx, v.id, path.join(ctx.tmp, '未旋转.pdf'));
    const at0 = sampler(plain.file, imagePage(plain.file, '400'), path.join(ctx.tmp, 'a'));
    expect(at0(0.25, 0.8)).toBeLessThan(80);
    expect(at0(0.75, 0.25)).toBeGreaterThan(200);

    const att = p!.attachments.find((a) => a.originalName === '横拍明白书.png')!;
    rotateAttachmentPage(ctx, att.id, 0, 'right');
    expect((await checkVolume(ctx, v.id)).problems.filter((x) => x.code === 'orientation')).toEqual([]);
    const turned = await exportVolume(ctx, v.id, path.join(ctx.tmp, '旋转后.pdf'));
    const at = sampler(turned.file, imagePage(turned.file, '400'), path.join(ctx.tmp, 'b'));
    // turned a quarter clockwise: the top-left block is now top right; the image fills the portrait box
    expect(at(0.75, 0.25)).toBeLessThan(80);
    expect(at(0.25, 0.25)).toBeGreaterThan(200);
    expect(at(0.75, 0.8)).toBeGreaterThan(200);
  });

  it('binds a turned PDF page turned', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([842, 595]); // landscape
    page.drawRectangle({ x: 0, y: 595 - 240, width: 300, height: 240, color: rgb(0, 0, 0) });
    page.drawText('TURN-ME', { x: 500, y: 100, size: 20 });
    const file = path.join(ctx.tmp, '横向报告.pdf');
    fs.writeFileSync(file, await doc.save());
    const [p] = await addPledges(ctx, b, 1, { scans: [[file]] });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id } });
    expect((await checkVolume(ctx, v.id)).problems.find((x) => x.code === 'orientation')?.message).toContain(
      '第 1 页为横向',
    );
    rotateAttachmentPage(ctx, p!.attachments.find((a) => a.originalName === '横向报告.pdf')!.id, 0, 'right');
    const out = await exportVolume(ctx, v.id, path.join(ctx.tmp, '卷.pdf'));
    expect(out.check.problems.filter((x) => x.code === 'orientation')).toEqual([]);
    let n = 0;
    for (let k = 1; k <= pdfPageCount(out.file); k++) if (pdfText(out.file, k).includes('TURN-ME')) n = k;
    const at = sampler(out.file, n, path.join(ctx.tmp, 'c'));
    expect(at(0.75, 0.2)).toBeLessThan(80); // top-left block turned clockwise: top right
    expect(at(0.25, 0.2)).toBeGreaterThan(200);
  });
});
