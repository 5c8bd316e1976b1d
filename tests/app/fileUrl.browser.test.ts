/**
 * The app as Electron loads it: from file://, no HTTP server. The bundle's relative asset URLs (base './'), the
 * lazily loaded pdf.js chunk and its worker must all resolve next to index.html, under the strict CSP.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { storeScan } from '../../core/attachments/service';
import { createPledge } from '../../core/pledges/editing';
import { createUnit } from '../../core/units/service';
import { SCANS, startHarness, type Harness } from '../helpers/browser';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ fileUrl: true });
});

afterAll(async () => {
  await h?.close();
});

test('from file:// the register loads and a PDF scan is drawn by the pdf.js worker', async () => {
  const unit = createUnit(h.ctx, { name: '神垕镇', kind: '乡镇' });
  const pdf = await storeScan(h.ctx, path.join(SCANS, 'zicha-baogao-3pages.pdf'));
  createPledge(h.ctx, {
    level: 1,
    talkerName: '王建国',
    talkerTitle: '党委书记',
    talkeeName: '李明',
    talkeeTitle: '镇长',
    talkeeUnitId: unit.id,
    talkDate: '2023-01-15',
    signed: true,
    signedDate: '2023-01-15',
    attachmentIds: [pdf.id],
  });
  const workers: string[] = [];
  h.page.on('worker', (w) => workers.push(w.url()));

  await h.open('#/pledges');
  expect(h.page.url()).toMatch(/^file:\/\//);
  const row = h.page.getByTestId('pledge-table').locator('tbody tr.ant-table-row', { hasText: '李明' });
  await row.getByRole('button', { name: '查看' }).click();
  const canvas = h.page.getByTestId('scan-pdf-canvas');
  await canvas.waitFor();
  await h.page.waitForFunction(
    () => document.querySelector('[data-testid=scan-pdf-canvas]')?.getAttribute('data-rendered') === 'yes',
    null,
    {
      timeout: 90_000,
    },
  );
  // The worker really ran from the app's folder (no fallback to the main thread).
  expect(workers.some((u) => u.startsWith('file://') && /pdf\.worker\.min-[\w-]+\.mjs$/.test(u))).toBe(true);
  expect(h.errors).toEqual([]);
});
