/**
 * A volume of the demo data exported as OFD and as PDF: the same pages, and every page's text as pdftotext reads it
 * from the PDF is in the OFD page's text (read back with core/ofd/reader.ts): 档号, 归档章, page numbers, 题名.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOfd, type OfdDocument } from '../../core/ofd/reader';
import { fillDemo } from '../../core/services/demo';
import { storeScan } from '../../core/services/attachments';
import { createPledge } from '../../core/services/pledges';
import { createVolume, exportVolume, type ExportResult } from '../../core/volumes';
import { exportVolumeOfd, renderItemOfd } from '../../core/volumes/exportOfd';
import { makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { pdfPageCount, pdfText } from '../helpers/pdf';

let ctx: TestCtx;
let pdf: ExportResult;
let ofd: ExportResult;
let doc: OfdDocument;
let volumeId: number;

const squash = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  ctx = makeCtx({ now: new Date('2026-06-01T02:00:00Z') });
  fillDemo(ctx);
  const township = ctx.sqlite.prepare("select id, name from units where kind = '乡镇' order by id limit 1").get() as {
    id: number;
    name: string;
  };
  const notice = ctx.sqlite
    .prepare("select id from notices where title like '%对话谈心%' order by issued_on limit 1")
    .get() as { id: number };
  // a scanned report (an image-only PDF, 3 pages) bound with one more 明白书
  const report = await storeScan(ctx, scan('zicha-baogao-3pages.pdf'));
  createPledge(ctx, {
    noticeId: notice.id,
    level: 2,
    talkerName: '王建国',
    talkerTitle: '镇长',
    talkeeName: '钱扫描',
    talkeeUnitId: township.id,
    talkeeTitle: '副镇长',
    talkDate: '2024-01-20',
    signed: true,
    signedDate: '2024-01-20',
    attachmentIds: [report.id],
  });
  const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: notice.id, unitId: township.id } });
  volumeId = v.id;
  pdf = await exportVolume(ctx, v.id, path.join(ctx.tmp, 'out', '案卷.pdf'));
  ofd = await exportVolumeOfd(ctx, v.id, path.join(ctx.tmp, 'out', '案卷.ofd'));
  doc = readOfd(fs.readFileSync(ofd.file));
});
afterAll(() => ctx?.close());

describe('a demo volume as OFD and as PDF', () => {
  it('has the same pages', () => {
    expect(ofd.file.endsWith('.ofd')).toBe(true);
    expect(doc.pages.length).toBe(pdfPageCount(pdf.file));
    expect(ofd.pages).toBe(pdf.pages);
    for (const p of doc.pages) expect([p.width, p.height]).toEqual([210, 297]);
  });

  it('each page carries the text of the PDF page', () => {
    for (let i = 0; i < doc.pages.length; i++) {
      const want = pdfText(pdf.file, i + 1)
        .split(/\s+/)
        .filter(Boolean);
      const have = squash(doc.pages[i]!.text);
      for (const w of want) expect(have, `第 ${i + 1} 页缺少“${w}”`).toContain(w);
    }
  });
});
