import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch';
import { docxText } from '../../core/attachments/docText';
import { printPledgeToFile } from '../../core/print/printing';
import { createPledge } from '../../core/pledges/editing';
import { createUnit } from '../../core/units/service';
import { makeCtx, scan, tableCounts, type TestCtx } from '../helpers/ctx';
import { zipParts } from '../helpers/packages';

/** A minimal .docx (stored zip) with the given paragraphs. */
function makeDocx(paragraphs: string[]): Buffer {
  const doc = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
    .map(
      (p) => `<w:p><w:r><w:t xml:space="preserve">${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`,
    )
    .join('')}</w:body></w:document>`;
  return zipParts([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    { name: 'word/document.xml', data: Buffer.from(doc, 'utf8') },
  ]);
}

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

describe('report files and their 字数', () => {
  it('counts a .docx’s characters (whitespace not counted) and stores it', async () => {
    const buf = makeDocx(['关于开展“回头看”工作的专题报告', '一、基本情况 <略>', '字'.repeat(2000)]);
    expect(docxText(buf)).toContain('一、基本情况 <略>');
    const f = path.join(ctx.tmp, '专题报告.docx');
    fs.writeFileSync(f, buf);
    ctx.ports.queuedFiles = [f];
    const r = await dispatch(ctx, 'attachments:pickDocument', {});
    expect(r.ok).toBe(true);
    const [a] = (r as { data: { textLength: number; mime: string }[] }).data;
    expect(a!.textLength).toBe(16 + 9 + 2000);
    expect(a!.mime).toContain('wordprocessingml');
  });

  it('counts a text PDF, leaves a scanned PDF uncounted, and refuses a .doc', async () => {
    const u = createUnit(ctx, { name: '神垕镇' });
    const p = createPledge(ctx, {
      level: 1,
      talkerName: '张三',
      talkerTitle: '书记',
      talkeeName: '李四',
      talkeeUnitId: u.id,
      talkeeTitle: '副镇长',
      signed: false,
    });
    const pdf = await printPledgeToFile(ctx, p.id, path.join(ctx.tmp, 'text.pdf'));
    ctx.ports.queuedFiles = [pdf, scan('zicha-baogao-3pages.pdf')];
    const r = await dispatch(ctx, 'attachments:pickDocument', {});
    const list = (r as { data: { textLength: number | null }[] }).data;
    expect(list[0]!.textLength).toBeGreaterThan(40);
    expect(list[1]!.textLength).toBeNull();
    const doc = path.join(ctx.tmp, '旧报告.doc');
    fs.writeFileSync(doc, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const before = tableCounts(ctx);
    ctx.ports.queuedFiles = [doc];
    const bad = await dispatch(ctx, 'attachments:pickDocument', {});
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('另存为” .docx') } });
    expect(tableCounts(ctx)).toEqual(before);
  });
});
