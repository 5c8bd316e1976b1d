/**
 * 卷内目录 with long 题名 (issue 15: closure titles were cut with "…"): the 题名 is printed whole, its row grows
 * onto as many lines as it needs, a row taller than a page continues on the next, and the rows stay inside the
 * page's table.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeScan } from '../../core/attachments/service';
import { createHazardThrough } from '../../core/hazards/editing';
import { createVolume, exportVolume } from '../../core/volumes';
import { makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { pageWords } from './inspect';
import { baseData, type Base } from './seed';

let ctx: TestCtx;
let b: Base;
let file: string;
const MM = 72 / 25.4;
const base =
  '厂区东侧液化石油气瓶组间未设置可燃气体浓度报警装置，气瓶与明火作业点间距不足十米，瓶组间内堆放杂物且通风不良';
const descriptions = [
  ...Array.from({ length: 14 }, (_, i) => `${base}（第${i + 1}处）`),
  // one description long enough that its row is taller than a whole 目录 page
  Array.from({ length: 16 }, (_, i) => `${i + 1}.${base}`).join('；'),
];

/** Text in content-stream order: the lines of a wrapped cell come one after another. */
const rawPages = (f: string) =>
  execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', f, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split(
    '\f',
  );

beforeAll(async () => {
  ctx = makeCtx();
  b = baseData(ctx);
  for (const [i, description] of descriptions.entries()) {
    const photo = await storeScan(ctx, scan('mingbaishu-scan.jpg'));
    createHazardThrough(ctx, {
      enterpriseName: `禹州市神垕镇鑫源钧瓷有限公司${i + 1}`,
      townshipUnitId: b.shenhou.id,
      industry: '工贸',
      description,
      foundDate: '2024-03-05',
      level: '一般',
      responsiblePerson: '张三',
      measures: '加装可燃气体报警器',
      fundsFen: 120000,
      deadlineDate: '2024-04-30',
      emergencyPlan: '已制定',
      status: '已验收销号',
      completedDate: '2024-04-10',
      acceptedBy: '李验收',
      acceptedDate: `2024-04-${String(12 + i).padStart(2, '0')}`,
      attachments: [{ attachmentId: photo.id, role: 'after' }],
    });
  }
  const v = createVolume(ctx, {
    selection: { kinds: ['closure'] },
    title: '2024年隐患整改闭环材料',
    checker: '周检查',
  });
  file = path.join(ctx.tmp, '闭环.pdf');
  await exportVolume(ctx, v.id, file);
}, 600_000);
afterAll(() => ctx.close());

describe('卷内目录 with long 题名', () => {
  it('prints every 题名 whole (no “…”), rows grown and inside the table, continued pages headed 卷内目录（续）', () => {
    const raw = rawPages(file);
    const catalog = raw
      .map((t, i) => ({ t: t.replace(/\s+/g, ''), i }))
      .filter(({ t }) => t.includes('卷内目录') && t.includes('顺序号文号责任者题名'));
    expect(catalog.length).toBeGreaterThanOrEqual(3); // 15 long rows, one of them longer than a page
    expect(catalog[0]!.t).not.toContain('卷内目录（续）');
    expect(catalog.slice(1).every(({ t }) => t.includes('卷内目录（续）'))).toBe(true);
    // the pages joined without the repeated page heading; the row longer than a page has its 日期 and 页号 on its
    // first part (content order: 责任者, 题名 lines, 日期, 页号), between the two parts of its 题名
    const text = catalog
      .map(({ t }) => t.replace(/^.*?顺序号文号责任者题名日期页号备注/, ''))
      .join('')
      .replace(/20240426\d+-\d+/, '');
    expect(text).not.toContain('…');
    for (const [i, d] of descriptions.entries()) {
      expect(text).toContain(`禹州市神垕镇鑫源钧瓷有限公司${i + 1}“${d}”隐患整改闭环材料`.replace(/\s+/g, ''));
    }
    // every word of the 目录 pages lies within the content box (25 mm top and bottom margins)
    const words = pageWords(file);
    for (const { i } of catalog) {
      const p = words[i]!;
      expect(p.words.length).toBeGreaterThan(0);
      for (const w of p.words) {
        expect(w.y1, `page ${i + 1}: ${w.text}`).toBeLessThanOrEqual(p.height - 25 * MM + 1);
        expect(w.y0).toBeGreaterThanOrEqual(25 * MM - 1);
      }
    }
  });
});
