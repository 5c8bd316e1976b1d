/**
 * A register the size a clerk really has (a county's townships, departments and 50-odd 明白书, seeded through the
 * services): filters, sorting and paging run on the server; coverage lists every unit; the requirements editor
 * loads what was saved. Screenshots show the pages full of data.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UnitKind } from '../../db/schema';
import { storeScan } from '../../core/attachments/service';
import { createNotice, setRequirements } from '../../core/notices/service';
import { pledgeCoverage } from '../../core/pledges/coverage';
import { createPledge } from '../../core/pledges/editing';
import { listPledges } from '../../core/pledges/service';
import { createUnit, type Unit } from '../../core/units/service';
import { chooseOption, SCANS, startHarness, type Harness, visible, until } from '../helpers/browser';

let h: Harness;
let page: Page;

const UNITS: [string, UnitKind, string[]][] = [
  ['神垕镇', '乡镇', ['神垕镇人民政府', '神垕镇安办']],
  ['方山镇', '乡镇', ['方山镇人民政府']],
  ['火龙镇', '乡镇', []],
  ['古城镇', '乡镇', ['古城镇政府']],
  ['鸿畅镇', '乡镇', []],
  ['梁北镇', '乡镇', []],
  ['顺店镇', '乡镇', []],
  ['花石镇', '乡镇', []],
  ['钧台街道', '街道', ['钧台办事处']],
  ['夏都街道', '街道', []],
  ['韩城街道', '街道', []],
  ['禹州市高新技术产业开发区', '开发区', ['高新区']],
  ['禹州市住房和城乡建设局', '部门', ['市住建局', '住建局']],
  ['禹州市交通运输局', '部门', ['市交通运输局']],
  ['禹州市应急管理局', '部门', ['市应急管理局']],
  ['禹州市消防救援大队', '部门', []],
  ['河南神火钧瓷实业有限公司', '企业', []],
];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = [
  '建国',
  '志强',
  '海涛',
  '丽娟',
  '明辉',
  '晓东',
  '红霞',
  '国庆',
  '卫东',
  '春生',
  '秀英',
  '振华',
  '玉兰',
  '学军',
  '德明',
];

function person(i: number): string {
  return SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!;
}

let units: Unit[] = [];
let total = 0;
let unsigned = 0;
let withoutScan = 0;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  const ctx = h.ctx;
  units = UNITS.map(([name, kind, aliases]) => createUnit(ctx, { name, kind, aliases }));
  const n1 = createNotice(ctx, {
    docNo: '禹安〔2023〕1号',
    title: '关于开展安全生产“对话谈心”活动的通知',
    issuedOn: '2023-01-10',
    deadline: '2023-03-31',
  });
  createNotice(ctx, {
    docNo: '禹安办〔2024〕1号',
    title: '关于开展安全生产治本攻坚“回头看”工作的通知',
    issuedOn: '2024-01-08',
    deadline: '2024-01-25',
  });
  const towns = units.filter((u) => u.kind !== '企业' && u.kind !== '部门');
  setRequirements(
    ctx,
    n1.id,
    'pledge',
    towns.map((u, i) => ({ unitId: u.id, expectedCount: 3 + (i % 3), deadline: i === 0 ? '2023-02-28' : null })),
  );
  const jpg = await storeScan(ctx, path.join(SCANS, 'mingbaishu-scan.jpg'));
  const pdf = await storeScan(ctx, path.join(SCANS, 'zicha-baogao-3pages.pdf'));
  for (let i = 0; i < 52; i++) {
    const unit = units[i % units.length]!;
    const level = unit.kind === '企业' ? 4 : unit.kind === '部门' ? (i % 2) + 2 : (i % 2) + 1;
    const day = String((i % 27) + 1).padStart(2, '0');
    const month = String((i % 3) + 1).padStart(2, '0');
    const signed = i % 5 !== 3;
    const scan = signed && i % 4 !== 1 ? [i % 6 === 0 ? pdf.id : jpg.id] : [];
    createPledge(ctx, {
      noticeId: i % 9 === 8 ? null : n1.id,
      level,
      talkerName: person(i + 3),
      talkerTitle: level === 1 ? '党委书记' : level === 2 ? '副镇长' : level === 3 ? '分管副局长' : '总经理',
      talkeeName: person(i),
      talkeeTitle: level === 4 ? '安全科科长' : level === 3 ? '企业负责人' : '镇长',
      talkeeUnitId: unit.id,
      talkDate: `2023-${month}-${day}`,
      signed,
      signedDate: signed ? `2023-${month}-${day}` : null,
      attachmentIds: scan,
    });
    total++;
    if (!signed) unsigned++;
    if (!scan.length) withoutScan++;
  }
});

afterAll(async () => {
  await h?.close();
});

const rows = (testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');
const totalText = () => page.locator('.ant-pagination-total-text').first().textContent();
const filterBar = () => page.locator('.pledge-filters');

async function expectTotal(n: number) {
  await until(`列表显示共 ${n} 份`, async () => (await totalText()) === `共 ${n} 份`);
}

describe('a full register', () => {
  test('filters, sorting and paging run on the server', async () => {
    await h.open('#/pledges');
    await expectTotal(total);
    expect(await rows('pledge-table').count()).toBe(20);
    await h.screenshot('register-list');
    // A common office screen: 1366×768. The filters wrap, the table scrolls sideways with 操作 pinned.
    await page.setViewportSize({ width: 1366, height: 768 });
    await h.screenshot('register-list-1366');
    await page.setViewportSize({ width: 1440, height: 900 });

    // 签订状态 = 未签订: every row says so, and the count is the database's.
    await chooseOption(page, filterBar().locator('.ant-select').filter({ hasText: '签订状态' }), '未签订');
    await expectTotal(unsigned);
    for (const t of await rows('pledge-table').locator('td:nth-child(8)').allTextContents()) expect(t).toBe('未签订');
    await page.getByRole('button', { name: '重置' }).click();
    await expectTotal(total);

    // 扫描件 = 缺扫描件, sorted by 谈话日期 ascending (click the header).
    await chooseOption(page, filterBar().locator('.ant-select').filter({ hasText: '扫描件' }), '缺扫描件');
    await expectTotal(withoutScan);
    await page.getByTestId('pledge-table').locator('th', { hasText: '谈话日期' }).click();
    await until('按谈话日期升序', async () => {
      const dates = await rows('pledge-table').locator('td:nth-child(6)').allTextContents();
      return dates.length > 1 && dates.every((d, i) => i === 0 || dates[i - 1]! <= d);
    });
    for (const t of await rows('pledge-table').locator('td:nth-child(9)').allTextContents())
      expect(t).toContain('缺扫描件');
    await h.screenshot('register-filtered');
    await page.getByRole('button', { name: '重置' }).click();

    // Unit filter finds the unit by its alias; the result matches the service's answer.
    await chooseOption(
      page,
      filterBar().locator('.ant-select').filter({ hasText: '全部单位' }),
      '禹州市住房和城乡建设局',
      { type: '住建' },
    );
    const expected = listPledges(h.ctx, { unitId: units.find((u) => u.name === '禹州市住房和城乡建设局')!.id }).total;
    await expectTotal(expected);

    // Page 2 and page size 50.
    await page.getByRole('button', { name: '重置' }).click();
    await expectTotal(total);
    await page.locator('.ant-pagination-item-2').click();
    await until('第 2 页 20 行', async () => (await page.locator('.ant-pagination-item-active').textContent()) === '2');
    await page.locator('.ant-pagination-options .ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: '50 条/页' }).click();
    await until('每页 50 行', async () => (await rows('pledge-table').count()) === 50);

    // 删除 asks first; the entry leaves the register (it goes to the 回收站, the row stays in the database).
    const victim = rows('pledge-table').first();
    const name = (await victim.locator('td:nth-child(3) .cell-main').textContent())!;
    await victim.getByRole('button', { name: '删除' }).click();
    const confirm = await visible(page.locator('.ant-popconfirm', { hasText: '删除这份明白书？' }));
    await confirm.getByRole('button', { name: '删除' }).click();
    await expectTotal(total - 1);
    const gone = h.ctx.sqlite
      .prepare('SELECT deleted_at FROM pledges WHERE talkee_name = ? AND deleted_at IS NOT NULL')
      .all(name);
    expect(gone.length).toBeGreaterThanOrEqual(1);
    total--;

    expect(h.errors).toEqual([]);
  });

  test('the form offers the 附件2 levels and new units; coverage lists every unit', async () => {
    await h.open('#/pledges');
    await page.getByRole('button', { name: '登记明白书' }).click();
    const d = await visible(page.getByRole('dialog', { name: '登记明白书' }));
    await d.getByLabel('谈话层级').click();
    await visible(page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: '企业主要负责人谈话' }));
    await h.screenshot('register-form-levels');
    await page.keyboard.press('Escape');
    await d.getByLabel('谈话对象单位').click();
    await page.keyboard.type('神垕');
    await visible(page.getByRole('button', { name: '新增单位“神垕”' }));
    await h.screenshot('register-form-units');
    await page.keyboard.press('Escape');
    await d.getByRole('button', { name: '取消' }).click();
    await d.waitFor({ state: 'hidden' });

    // The page opens on the latest notice (the 2024 one, with nothing required yet): its empty state offers
    // to set requirements. Then switch to the 2023 notice.
    await page.locator('.shell-sider').getByRole('menuitem', { name: '签订覆盖情况' }).click();
    await visible(page.getByText('这份通知还没有设置应签单位'));
    await chooseOption(page, page.getByTestId('coverage-notice-select'), '禹安〔2023〕1号');
    const cov = pledgeCoverage(h.ctx, 1);
    await until('覆盖表已加载', async () => (await rows('coverage-table').count()) === cov.rows.length);
    expect(await page.getByTestId('stat-missing').textContent()).toContain(String(cov.totals.missing));
    // Units with something missing come first, in red.
    const first = cov.rows[0]!;
    expect(first.missing).toBeGreaterThan(0);
    expect(await rows('coverage-table').first().textContent()).toContain(`缺 ${first.missing} 份`);
    await h.screenshot('register-coverage');

    await page.getByRole('switch', { name: '只看未完成' }).click();
    await until(
      '只看未完成',
      async () => (await rows('coverage-table').count()) === cov.rows.filter((r) => r.missing > 0).length,
    );

    await page.getByRole('button', { name: '设置应签单位…' }).click();
    const rd = await visible(page.getByRole('dialog', { name: '设置应签单位 · 禹安〔2023〕1号' }));
    await until('应签单位已加载', async () => (await rd.locator('tbody tr.ant-table-row').count()) === 12);
    await h.screenshot('register-requirements');
    await rd.getByRole('button', { name: '取消' }).click();

    await page.locator('.shell-sider').getByRole('menuitem', { name: '单位名录' }).click();
    await until('单位名录已加载', async () => (await rows('unit-table').count()) === UNITS.length);
    await page.getByLabel('搜索单位').fill('住建局');
    await page.getByLabel('搜索单位').press('Enter');
    await until('按别名找到单位', async () => (await rows('unit-table').count()) === 1);
    await rows('unit-table').first().getByRole('button', { name: '编辑' }).click();
    const ud = await visible(page.getByRole('dialog', { name: '编辑单位 · 禹州市住房和城乡建设局' }));
    await ud.getByLabel('单位名称').fill('禹州市住房和城乡建设局（市人防办）');
    await visible(ud.getByText('保存后“禹州市住房和城乡建设局”将作为别名保留'));
    await h.screenshot('register-unit-rename');
    await ud.getByRole('button', { name: '保存' }).click();
    await ud.waitFor({ state: 'hidden' });
    await page.getByLabel('搜索单位').fill('');
    await page.getByLabel('搜索单位').press('Enter');
    await until('单位名录已刷新', async () => (await rows('unit-table').count()) === UNITS.length);
    const renamed = rows('unit-table').filter({ hasText: '市人防办' });
    expect(await renamed.textContent()).toContain('禹州市住房和城乡建设局');
    await h.screenshot('register-units');

    expect(h.errors).toEqual([]);
  });
});
