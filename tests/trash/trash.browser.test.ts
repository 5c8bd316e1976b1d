import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHazard, deleteHazard } from '../../core/hazards/editing';
import { listHazards } from '../../core/hazards/service';
import { createUnit } from '../../core/units/service';
import { startHarness, type Harness } from '../helpers/browser';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('回收站', () => {
  it('lists a deleted hazard and puts it back', async () => {
    const u = createUnit(h.ctx, { name: '神垕镇', kind: '乡镇' });
    const x = createHazard(h.ctx, {
      enterpriseName: '神垕镇钧窑瓷厂',
      description: '窑炉燃气管道未设置紧急切断阀',
      townshipUnitId: u.id,
      foundDate: '2024-05-01',
    });
    deleteHazard(h.ctx, x.id);
    await h.open('#/trash');
    const page = h.page;
    const row = page.getByRole('row', { name: /窑炉燃气管道/ });
    await row.waitFor();
    await h.screenshot('trash');
    await row.getByRole('button', { name: /恢复/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '恢复' }).click();
    await page.getByText('回收站是空的').waitFor();
    expect(listHazards(h.ctx).total).toBe(1);
    expect(h.errors).toEqual([]);
  });
});
