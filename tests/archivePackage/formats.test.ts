/**
 * A 件 binding a PDF that cannot be PDF/A (a font not embedded) is written as plain PDF and says so: 格式信息 in its
 * metadata, the count in 说明文件 and in the result; the package is still valid against its schemas.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPackage, type PackageResult } from '../../core/archivePackage';
import { storeScan } from '../../core/attachments/service';
import { registerReturn } from '../../core/returns/service';
import { createVolume } from '../../core/volumes';
import { makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { baseData } from '../volumes/seed';

let ctx: TestCtx;
let r: PackageResult;

async function helveticaPdf(file: string): Promise<string> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res) => doc.on('end', () => res()));
  doc.fontSize(14).text('Self-inspection report, Fangshan town, 2024', 72, 72);
  doc.end();
  await done;
  fs.writeFileSync(file, Buffer.concat(chunks));
  return file;
}

beforeAll(async () => {
  ctx = makeCtx();
  const b = baseData(ctx);
  const good = await storeScan(ctx, scan('zicha-baogao-3pages.pdf'));
  const bad = await storeScan(ctx, await helveticaPdf(path.join(ctx.tmp, '自查报告.pdf')));
  for (const [unit, att] of [
    [b.shenhou, good],
    [b.fangshan, bad],
  ] as const)
    registerReturn(ctx, {
      noticeId: b.campaign.id,
      unitId: unit.id,
      kind: 'report',
      receivedDate: '2024-01-20',
      title: '专题报告',
      attachmentIds: [att.id],
    });
  const v = createVolume(ctx, { selection: { kinds: ['return'], noticeId: b.campaign.id }, year: 2024 });
  r = await exportPackage(ctx, { volumeIds: [v.id], dest: path.join(ctx.tmp, '包') });
}, 300_000);
afterAll(() => ctx.close());

describe('a 件 that cannot be PDF/A', () => {
  it('is plain PDF, and the metadata, 说明文件 and result say so', () => {
    expect(r.items).toBe(2);
    expect(r.pdfa).toBe(1);
    const nos = fs.readdirSync(path.join(r.dir, '文件')).sort();
    const formats = nos.map((no) => {
      const xml = fs.readFileSync(path.join(r.dir, '文件', no, `${no}.xml`), 'utf8');
      return /<格式信息>([^<]*)<\/格式信息>/.exec(xml)![1];
    });
    expect(formats.sort()).toEqual(['PDF 1.7', 'PDF/A-1b']);
    const readme = fs.readFileSync(path.join(r.dir, '说明文件.txt'), 'utf8');
    expect(readme).toContain('格式：PDF/A-1b（1 件）、PDF（1 件：装订的文件不符合 PDF/A，见检测报告）');
    execFileSync(
      'xmllint',
      [
        '--noout',
        '--schema',
        path.join(r.dir, '其他', '元数据.xsd'),
        ...nos.map((no) => path.join(r.dir, '文件', no, `${no}.xml`)),
      ],
      { stdio: 'pipe' },
    );
  });
});
