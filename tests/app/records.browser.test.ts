import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLEDGE_LEVELS } from '../../core/domain/pledgeLevels';
import path from 'node:path';
import { storeScan } from '../../core/attachments/service';
import { createNotice } from '../../core/notices/service';
import { createPledge } from '../../core/pledges/editing';
import { listPledges } from '../../core/pledges/service';
import { getReturn, listReturns, registerReturn } from '../../core/returns/service';
import { listTrash } from '../../core/trash/service';
import { createUnit, findUnitByName, listUnits } from '../../core/units/service';
import { chooseOption, fillDate, SCANS, startHarness, until, visible, type Harness } from '../helpers/browser';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const count = (table: string) => (h.ctx.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe('records that mean what they say', () => {
  it('refuses a duplicate 明白书 naming the first, and saves it after 仍然保存', async () => {
    const shen = createUnit(h.ctx, { name: '神垕镇', kind: '乡镇' });
    const first = createPledge(h.ctx, {
      level: 1,
      talkerName: '王建国',
      talkerTitle: '党委书记',
      talkeeName: '李明',
      talkeeTitle: '镇长',
      talkeeUnitId: shen.id,
      talkDate: '2024-03-10',
      signed: true,
      signedDate: '2024-03-10',
    });
    await h.open('#/pledges');
    const page = h.page;
    await page.getByRole('button', { name: '登记明白书' }).click();
    const d = await visible(page.getByRole('dialog', { name: '登记明白书' }));
    await chooseOption(page, d.getByLabel('谈话层级'), PLEDGE_LEVELS[0]!.name);
    await d.getByLabel('谈话人', { exact: true }).fill('王建国');
    await d.getByLabel('谈话人职务').fill('党委书记');
    await d.getByLabel('谈话对象', { exact: true }).fill('李明');
    await d.getByLabel('谈话对象职务').fill('镇长');
    await chooseOption(page, d.getByLabel('谈话对象单位'), '神垕镇', { type: '神垕' });
    await fillDate(d.getByLabel('谈话日期'), '2024-03-10');
    await fillDate(d.getByLabel('签订日期'), '2024-03-10');
    await d.getByTestId('pledge-save').click();
    const err = await visible(d.getByTestId('pledge-form-error'));
    const text = (await err.textContent()) ?? '';
    expect(text).toContain('疑似重复');
    expect(text).toContain(`编号 ${first.id}`);
    expect(count('pledges')).toBe(1);
    await h.screenshot('pledge-duplicate');
    await d.getByTestId('pledge-save-duplicate').click();
    await d.waitFor({ state: 'hidden' });
    expect(listPledges(h.ctx).total).toBe(2);
    expect(h.errors).toEqual([]);
  });

  it('merges a mistyped unit from the units page and disables another', async () => {
    const fang = createUnit(h.ctx, { name: '方山镇', kind: '乡镇' });
    const wrong = createUnit(h.ctx, { name: '方山镇人民政府', kind: '乡镇' });
    createPledge(h.ctx, {
      level: 1,
      talkerName: '王建国',
      talkerTitle: '党委书记',
      talkeeName: '赵刚',
      talkeeTitle: '镇长',
      talkeeUnitId: wrong.id,
      talkDate: '2024-03-11',
      signed: false,
    });
    await h.open('#/units');
    const page = h.page;
    const row = (name: string): Locator =>
      page.getByTestId('unit-table').locator('tbody tr.ant-table-row').filter({ hasText: name });
    await visible(row('方山镇人民政府'));
    await row('方山镇人民政府').getByTestId('unit-merge').click();
    const m = await visible(page.getByRole('dialog', { name: '合并单位“方山镇人民政府”' }));
    await m.getByTestId('unit-merge-ok').click();
    await visible(m.getByTestId('unit-merge-error'));
    expect(await m.getByTestId('unit-merge-error').textContent()).toContain('请选择合并到哪个单位');
    await chooseOption(page, m.locator('.ant-select'), '方山镇', { type: '方山' });
    await visible(m.getByText('将全部改到“方山镇”'));
    await h.screenshot('unit-merge');
    await m.getByTestId('unit-merge-ok').click();
    await m.waitFor({ state: 'hidden' });
    await until('合并后名录中没有“方山镇人民政府”一行', async () =>
      (await page.getByTestId('unit-table').locator('tbody tr.ant-table-row').allTextContents()).every(
        (t) => !t.startsWith('方山镇人民政府'),
      ),
    );
    expect(findUnitByName(h.ctx, '方山镇人民政府')?.id).toBe(fang.id);
    expect(listPledges(h.ctx, { unitId: fang.id }).rows.map((p) => p.talkeeName)).toEqual(['赵刚']);

    await row('神垕镇').getByTestId('unit-toggle-active').click();
    await page.getByRole('dialog', { name: '停用“神垕镇”？' }).getByRole('button', { name: '停用' }).click();
    await visible(row('神垕镇').getByTestId('unit-disabled-tag'));
    expect(listUnits(h.ctx).find((u) => u.name === '神垕镇')?.active).toBe(false);
    await row('神垕镇').getByTestId('unit-toggle-active').click();
    await until('神垕镇重新启用', () => listUnits(h.ctx).find((u) => u.name === '神垕镇')?.active === true);
    expect(h.errors).toEqual([]);
  });

  it('opens a registered return with its files, corrects it and deletes it to the 回收站', async () => {
    const unit = createUnit(h.ctx, { name: '郭连镇', kind: '乡镇' });
    const n = createNotice(h.ctx, {
      docNo: '禹安办〔2024〕9号',
      title: '关于报送自查报告的通知',
      issuedOn: '2024-01-05',
    });
    const file = await storeScan(h.ctx, path.join(SCANS, 'zicha-baogao-3pages.pdf'));
    const r = registerReturn(h.ctx, {
      noticeId: n.id,
      unitId: unit.id,
      kind: 'selfcheck',
      receivedDate: '2024-01-20',
      title: '郭连镇自查报告',
      attachmentIds: [file.id],
    });
    await h.open('#/returns');
    const page = h.page;
    const row = page.getByTestId('returns-table').locator('tbody tr.ant-table-row').filter({ hasText: '郭连镇' });
    await row.getByTestId('return-open').click();
    const d = await visible(page.getByRole('dialog', { name: /报送记录 · 郭连镇/ }));
    await visible(d.getByTestId('return-files').getByText('zicha-baogao-3pages.pdf'));
    expect(await d.getByTestId('return-detail').textContent()).toContain('郭连镇自查报告');
    await h.screenshot('return-detail');

    await d.getByTestId('return-edit').click();
    await d.getByLabel('材料题名').fill('郭连镇安全生产自查报告（更正）');
    await d.getByText('加盖单位公章').click();
    await d.getByTestId('return-save').click();
    await until('报送记录已修改', () => getReturn(h.ctx, r.id).title === '郭连镇安全生产自查报告（更正）');
    expect(getReturn(h.ctx, r.id)).toMatchObject({ sealed: true, receivedDate: '2024-01-20' });
    await visible(d.getByTestId('return-detail').getByText('已加盖单位公章'));

    await d.getByTestId('return-delete').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await d.waitFor({ state: 'hidden' });
    await until('报送记录移入回收站', () => listReturns(h.ctx).every((x) => x.id !== r.id));
    expect(listTrash(h.ctx).map((t) => [t.entity, t.id])).toContainEqual(['return', r.id]);
    expect(h.errors).toEqual([]);
  });
});
