/** 签订覆盖情况 opens on the newest notice that asks for 明白书, not simply the newest notice. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createNotice, setRequirements } from '../../core/notices/service';
import { createUnit } from '../../core/units/service';
import { startHarness, type Harness, until } from '../helpers/browser';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const u = createUnit(h.ctx, { name: '方山镇', kind: '乡镇', aliases: [] });
  const asks = createNotice(h.ctx, {
    docNo: '禹安〔2023〕1号',
    title: '关于开展安全生产“对话谈心”活动的通知',
    issuedOn: '2023-01-10',
  });
  setRequirements(h.ctx, asks.id, 'pledge', [{ unitId: u.id, expectedCount: 3, deadline: null }]);
  createNotice(h.ctx, { docNo: '禹安办〔2024〕1号', title: '关于开展“回头看”工作的通知', issuedOn: '2024-01-08' });
});

afterAll(async () => {
  await h?.close();
});

test('签订覆盖 opens on the newest notice asking for 明白书', async () => {
  await h.open('#/coverage');
  const select = h.page.getByTestId('coverage-notice-select');
  await until('选中要求明白书的通知', async () => ((await select.textContent()) ?? '').includes('禹安〔2023〕1号'));
  expect(await select.textContent()).not.toContain('禹安办〔2024〕1号');
  expect(h.errors).toEqual([]);
});
