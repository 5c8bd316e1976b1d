/**
 * The OFD of a 档案盒 (按件归档): the same pages as the box's PDF — 归档文件目录, each 件 with its DA/T 22 归档章
 * (4-digit 件号, 机构代码), 盒内备考表 — and the 盒脊 label on a page of its own true size, as the PDF draws it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOfd, type OfdDocument } from '../../core/ofd/reader';
import { updateSettings } from '../../core/settings/service';
import { createVolume, exportVolume } from '../../core/volumes';
import { exportVolumeOfd } from '../../core/volumes/exportOfd';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { pdfPageCount } from '../helpers/pdf';
import { pageWords } from '../volumes/inspect';
import { addPledges, baseData } from '../volumes/seed';

const MM = 72 / 25.4;
let ctx: TestCtx;
let doc: OfdDocument;
let pdfFile: string;

beforeAll(async () => {
  ctx = makeCtx();
  const b = baseData(ctx);
  updateSettings(ctx, { archiveMode: 'piece', orgCode: 'AW', fondsCode: 'A012' });
  await addPledges(ctx, b, 3);
  const v = createVolume(ctx, { selection: { kinds: ['pledge'] }, title: '明白书', spineWidth: 30 });
  pdfFile = (await exportVolume(ctx, v.id, path.join(ctx.tmp, '档案盒.pdf'))).file;
  const o = await exportVolumeOfd(ctx, v.id, path.join(ctx.tmp, '档案盒.ofd'));
  doc = readOfd(fs.readFileSync(o.file));
}, 600_000);
afterAll(() => ctx.close());

const flat = (s: string) => s.replace(/\s+/g, '');

describe('OFD of a 档案盒', () => {
  it('has the PDF’s pages, the 盒脊 last at its true size (30 × 270 mm)', () => {
    expect(doc.pages).toHaveLength(pdfPageCount(pdfFile));
    const sizes = pageWords(pdfFile).map((p) => ({ w: Math.round(p.width / MM), h: Math.round(p.height / MM) }));
    doc.pages.forEach((p, i) => {
      expect({ w: Math.round(p.width), h: Math.round(p.height) }, `page ${i + 1}`).toEqual(sizes[i]);
    });
    const spine = doc.pages.at(-1)!;
    expect({ w: Math.round(spine.width), h: Math.round(spine.height) }).toEqual({ w: 30, h: 270 });
    expect(flat(spine.text)).toContain('A012');
    expect(flat(spine.text)).toContain('0001至0003');
  });

  it('prints the 归档文件目录 and each 件’s 归档章 with the 4-digit 件号 and the 机构代码', () => {
    expect(flat(doc.pages[0]!.text)).toContain('归档文件目录');
    const stamped = doc.pages.filter(
      (p) => /AW/.test(p.text) && /000[123]/.test(p.text) && !/归档文件目录/.test(p.text),
    );
    // every 件's first page carries its stamp (the 目录 and the 盒脊 also name the codes)
    for (const no of ['0001', '0002', '0003']) {
      expect(
        stamped.some((p) => flat(p.text).includes(no)),
        `归档章 of 件 ${no}`,
      ).toBe(true);
    }
    expect(doc.pages.some((p) => flat(p.text).includes('盒内备考表'))).toBe(true);
  });
});
