/**
 * 案卷归档 → a volume → 导出为…: the format choice (PDF / OFD) in the export dialog, the OFD written through the
 * real IPC channel (volumes:export with format 'ofd'), and a refused OFD export shown to the clerk.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOfd } from '../../core/ofd/reader';
import { createVolume } from '../../core/volumes';
import { addPledges, baseData, type Base } from '../volumes/seed';
import { startHarness, type Harness } from '../helpers/browser';

let h: Harness;
let b: Base;
beforeAll(async () => {
  h = await startHarness();
  b = baseData(h.ctx);
});
afterAll(async () => {
  await h?.close();
});

/** A PDF of typed text (not a scan). */
async function typedPdf(dir: string): Promise<string> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res) => doc.on('end', () => res()));
  doc.fontSize(18).text('Typed report', 72, 72);
  doc.end();
  await done;
  const f = path.join(dir, '打印的报告.pdf');
  fs.writeFileSync(f, Buffer.concat(chunks));
  return f;
}

describe('导出为… OFD', () => {
  it('exports a volume as OFD from the format dialog', async () => {
    const pledges = await addPledges(h.ctx, b, 2);
    const v = createVolume(h.ctx, {
      items: pledges.map((p) => ({ kind: 'pledge' as const, recordId: p.id })),
      title: '明白书（OFD）',
    });
    await h.open(`#/volumes?id=${v.id}`);
    const page = h.page;
    await page.locator('.volume-page').waitFor();
    await page
      .locator('.page-header-extra')
      .getByRole('button', { name: /导出为/ })
      .click();
    const dialog = page.getByRole('dialog', { name: '导出案卷' });
    await dialog.getByText('OFD 版式文件（GB/T 33190，电子档案移交用）').waitFor();
    expect(await dialog.getByRole('radio', { name: /OFD 版式文件/ }).isChecked()).toBe(true);
    await dialog.getByText(/不是扫描图像|必须是一整页扫描图像/).waitFor();
    await h.screenshot('ofd/volume-export-dialog');
    // PDF can be chosen in the same dialog
    await dialog.getByRole('radio', { name: /PDF（打印、封卷用）/ }).check();
    await dialog.getByRole('button', { name: '导出 PDF' }).waitFor();
    await dialog.getByRole('radio', { name: /OFD 版式文件/ }).check();
    await dialog.getByRole('button', { name: '导出 OFD' }).click();
    await page.getByTestId('export-result').waitFor();
    await page.getByText(/OFD 已生成：\d+ 页，2 件/).waitFor();
    const saved = h.ports.savedPaths.at(-1)!;
    expect(saved.endsWith('.ofd')).toBe(true);
    expect(h.ports.opened).toContain(saved);
    const doc = readOfd(fs.readFileSync(saved));
    expect(doc.title).toBe('明白书（OFD）');
    expect(doc.pages.length).toBeGreaterThan(4);
    expect(doc.pages.some((p) => p.text.includes('安全生产责任明白书登记表'))).toBe(true);
    await h.screenshot('ofd/volume-exported');
    expect(h.errors).toEqual([]);
  });

  it('tells the clerk which scan page cannot become OFD, and writes nothing', async () => {
    const pledges = await addPledges(h.ctx, b, 1, { start: 5, scans: [[await typedPdf(h.tmp)]] });
    const v = createVolume(h.ctx, { items: [{ kind: 'pledge', recordId: pledges[0]!.id }], title: '打印稿' });
    const before = h.ports.savedPaths.length;
    await h.open(`#/volumes?id=${v.id}`);
    const page = h.page;
    await page.locator('.volume-page').waitFor();
    await page
      .locator('.page-header-extra')
      .getByRole('button', { name: /导出为/ })
      .click();
    await page.getByRole('dialog', { name: '导出案卷' }).getByRole('button', { name: '导出 OFD' }).click();
    await page
      .getByText('扫描件“打印的报告.pdf”第 1 页不是扫描图像（页面上有文字），无法转为 OFD；请导出 PDF 或重新扫描')
      .first()
      .waitFor();
    await h.screenshot('ofd/volume-export-refused', { toasts: true });
    expect(h.ports.savedPaths.length).toBe(before + 1);
    expect(fs.existsSync(h.ports.savedPaths.at(-1)!)).toBe(false);
    expect(fs.readdirSync(path.dirname(h.ports.savedPaths.at(-1)!)).filter((f) => f.includes('打印稿'))).toEqual([]);
  });
});
