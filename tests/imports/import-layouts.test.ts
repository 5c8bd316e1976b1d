/**
 * The layouts real offices send (issue #13), through the import service: unmerged and three-row headers, report
 * details in one row, 责任单位 as the only unit column, status spread over several columns, 隐患类别 beside 行业领域,
 * a task list that is no 工作清单, a chosen township unit, phone numbers in date columns.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INDUSTRIES } from '../../core/domain/hazard';
import { isAccidentType } from '../../core/imports/parse/words';
import { listHazards } from '../../core/hazards/service';
import { commitImport } from '../../core/imports/commit';
import { planImport, planSummary } from '../../core/imports/preview';
import { hazardStats } from '../../core/stats/service';
import { createUnit } from '../../core/units/service';
import { buildCli, cli } from '../helpers/cli';
import { FIXTURES, makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

const returns = (f: string) => path.join(FIXTURES, 'returns', f);
interface Entry {
  kind: string;
  rows?: number;
  major?: number;
  done?: number;
  closed?: number;
  layout?: string;
}
const manifest = JSON.parse(fs.readFileSync(returns('manifest.json'), 'utf8')) as Record<string, Entry>;
/** The fixtures of make-layouts.mjs (they say which layout they are). */
const layouts = Object.entries(manifest).filter(([, m]) => m.layout && m.kind === 'hazard');

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx({ now: new Date('2024-06-01T02:00:00Z') })));
afterEach(() => ctx.close());

const all = () => listHazards(ctx, { limit: 1000 }).rows;
const full = () =>
  ctx.sqlite.prepare('select * from hazards where deleted_at is null order by id').all() as Record<string, unknown>[];

describe('ledgers laid out the way real offices lay them out', () => {
  it('covers the layouts of the issue', () => {
    expect(layouts.map(([f]) => f).sort()).toEqual([
      '梨园镇_安全隐患排查整改台账_取消合并.xlsx',
      '梨园镇_安全隐患排查整改台账_导出.csv',
      '浅井镇_建筑施工隐患排查台账_责任单位.xlsx',
      '花石镇_隐患排查治理台账_三行表头.xlsx',
      '花石镇_隐患排查治理台账_三行表头_取消合并.xlsx',
    ]);
  });

  it.each(layouts)('%s imports with zero errors to its counts, and again is a no-op', async (file, m) => {
    const r = await commitImport(ctx, returns(file));
    expect(r).toMatchObject({ committed: true, kind: 'hazard', rows: m.rows, new: m.rows, errors: [] });
    const rows = full();
    expect(rows).toHaveLength(m.rows!);
    expect(rows.filter((h) => h.level === '重大')).toHaveLength(m.major!);
    expect(rows.filter((h) => h.status === '已整改' || h.status === '已验收销号')).toHaveLength(m.done!);
    // The ledger's 销号 rows (m.closed) are stored closed only with what 销号 needs (验收人, 验收日期, for 重大 the
    // 五落实 and a report); the others are stored 已整改 with a warning on the status cell saying what is missing.
    const closedWarnings = r.warnings.filter((w) => /整改状态为“已验收销号”，但.*按“已整改”导入/.test(w.message));
    expect(rows.filter((h) => h.status === '已验收销号').length + closedWarnings.length).toBe(m.closed!);
    // No accident type in 行业领域; every one of these ledgers has a 隐患类别 column, stored on each hazard.
    expect(rows.filter((h) => h.industry !== null && isAccidentType(h.industry as string))).toEqual([]);
    expect(rows.every((h) => typeof h.category === 'string' && (h.category as string).length > 0)).toBe(true);
    expect(rows.every((h) => h.township_name && h.enterprise_name && h.description)).toBe(true);

    const before = tableCounts(ctx);
    const again = await commitImport(ctx, returns(file));
    expect(again).toMatchObject({ committed: false, new: 0, changed: 0 });
    expect(again.refused).toBeUndefined();
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('reads the unmerged two-row header: 五落实 columns, 3月5日 in the year of 填报时间, accident types as 隐患类别', async () => {
    const plan = await planImport(ctx, returns('梨园镇_安全隐患排查整改台账_取消合并.xlsx'));
    expect(plan.parsed.header.rows).toEqual([3, 4]);
    expect(plan.parsed.meta).toMatchObject({
      reportDate: '2019-06-25',
      year: 2019,
      period: '2019-06',
      township: '梨园镇',
      unitName: '梨园镇人民政府',
    });
    const fields = Object.fromEntries(plan.parsed.columns.map((c) => [c.letter, c.field]));
    expect(fields).toMatchObject({
      C: 'industry',
      D: 'category',
      H: 'responsiblePerson',
      I: 'measures',
      J: 'fundsFen',
      K: 'deadlineDate',
      L: 'emergencyPlan',
      M: 'status',
    });
    await commitImport(ctx, returns('梨园镇_安全隐患排查整改台账_取消合并.xlsx'));
    const first = full()[0]!;
    expect(first).toMatchObject({
      enterprise_name: '梨园镇鑫达陶瓷厂',
      industry: '工贸',
      category: '机械伤害',
      found_date: '2019-03-05',
      funds_fen: 300000,
      responsible_person: '韩卫东',
      status: '已整改',
    });
    expect(full().every((h) => (INDUSTRIES as readonly string[]).includes(h.industry as string))).toBe(true);
  });

  it('gives the same hazards from the CSV export as from the workbook', async () => {
    const a = await planImport(ctx, returns('梨园镇_安全隐患排查整改台账_取消合并.xlsx'));
    const b = await planImport(ctx, returns('梨园镇_安全隐患排查整改台账_导出.csv'));
    expect(b.parsed.rows.map((r) => r.values)).toEqual(a.parsed.rows.map((r) => r.values));
  });

  it('takes 责任单位 for the 隐患单位 with a visible note, and reads 开放/关闭 with 复查结果', async () => {
    const plan = await planImport(ctx, returns('浅井镇_建筑施工隐患排查台账_责任单位.xlsx'));
    const r = await commitImport(ctx, returns('浅井镇_建筑施工隐患排查台账_责任单位.xlsx'));
    expect(r.committed).toBe(true);
    expect(r.warnings.some((w) => w.column === 'B' && w.message.includes('按“责任单位”列作为隐患单位'))).toBe(true);
    expect(r.columns.find((c) => c.letter === 'B')!.note).toContain('表中没有“隐患单位”列');
    const rows = full();
    expect(rows.every((h) => h.enterprise_name === h.responsible_unit)).toBe(true);
    // 开放 + 复查结果 已整改 → 已整改; 开放 + 未整改 → 未整改; 关闭 → 已验收销号; 开放 + 正在整改 → 整改中.
    const read = [
      '已验收销号',
      '已验收销号',
      '已整改',
      '未整改',
      '未整改',
      '已验收销号',
      '整改中',
      '未整改',
      '已验收销号',
      '已验收销号',
      '已整改',
      '未整改',
    ];
    expect(plan.parsed.rows.map((x) => (x.values as { status: string }).status)).toEqual(read);
    // stored under the closure rules: this ledger has no 验收人, so its 销号 rows are stored 已整改
    expect(rows.map((h) => h.status)).toEqual(read.map((x) => (x === '已验收销号' ? '已整改' : x)));
  });

  it('a re-sent 责任单位 ledger with one hazard closed updates that one only', async () => {
    await commitImport(ctx, returns('浅井镇_建筑施工隐患排查台账_责任单位.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(returns('浅井镇_建筑施工隐患排查台账_责任单位.xlsx'));
    // Row 7 (the 5th hazard): 开放 with no 复查 → 关闭, 复查结果 已整改.
    const ws = wb.worksheets[0]!;
    ws.getCell('J7').value = '关闭';
    ws.getCell('K7').value = '已整改';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'layouts-')), '浅井镇_建筑施工隐患排查台账_五月.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await commitImport(ctx, file);
    expect(r).toMatchObject({ committed: true, new: 0, changed: 1, unchanged: 11, errors: [] });
    const rows = full();
    // 关闭 without a 复查日期 or 验收人: the closure rules keep it at 已整改 and say on the cell what 销号 lacks.
    expect(rows[4]).toMatchObject({
      status: '已整改',
      enterprise_name: '禹州市建工集团第三项目部',
      responsible_unit: '禹州市建工集团第三项目部',
    });
    expect(r.warnings.some((w) => w.row === 7 && /销号/.test(w.message))).toBe(true);
    expect(rows.filter((h) => h.status === '已验收销号')).toHaveLength(0); // this ledger names no 验收人 anywhere
  });

  it('merged and unmerged three-row headers give the same hazards', async () => {
    const a = await planImport(ctx, returns('花石镇_隐患排查治理台账_三行表头.xlsx'));
    const b = await planImport(ctx, returns('花石镇_隐患排查治理台账_三行表头_取消合并.xlsx'));
    expect(a.parsed.header.rows).toEqual([3, 4, 5]);
    expect(b.parsed.header.rows).toEqual([3, 4, 5]);
    expect(b.parsed.columns.map((c) => c.field)).toEqual(a.parsed.columns.map((c) => c.field));
    expect(b.parsed.rows.map((r) => r.values)).toEqual(a.parsed.rows.map((r) => r.values));
    // The title's quarter wins over the month of 填报时间.
    expect(a.parsed.meta).toMatchObject({ reportDate: '2024-04-10', township: '花石镇', period: '2024-Q1' });
  });
});

async function ledger(name: string, rows: unknown[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  rows.forEach((r, i) =>
    r.forEach((v, j) => v !== null && v !== '' && (ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue)),
  );
  build?.(ws);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layouts-'));
  const p = path.join(dir, name);
  await wb.xlsx.writeFile(p);
  return p;
}

describe('status from several columns', () => {
  it('marks a contradiction between columns as a warning on the overruled cell, not an error', async () => {
    const file = await ledger('郭连镇_隐患台账.xlsx', [
      ['郭连镇隐患台账'],
      ['隐患单位', '隐患描述', '隐患等级', '整改情况', '是否整改完成', '验收结果'],
      ['郭连镇华安砖厂', '窑顶无护栏', '一般', '已销号', '否', '合格'],
      ['郭连镇华安砖厂', '配电柜无门', '一般', '正在整改', '否', ''],
      ['郭连镇华安砖厂', '叉车无证驾驶', '一般', '', '是', '未验收'],
    ]);
    const r = await commitImport(ctx, file);
    expect(r).toMatchObject({ committed: true, errors: [] });
    const conflict = r.warnings.find((w) => w.row === 3 && w.column === 'E');
    expect(conflict?.message).toBe('第3行 E列 “否” 与D列“已销号”矛盾，按“已验收销号”导入，请核对');
    // read as 已验收销号, stored 已整改: no 完成日期, 验收人, 验收日期 (the closure rules)
    expect(r.warnings.find((w) => w.row === 3 && w.column === 'D')?.message).toBe(
      '第3行 D列 整改状态为“已验收销号”，但验收销号须填写整改完成日期、整改措施、验收人、验收日期：按“已整改”导入，补齐后在台账中验收销号',
    );
    expect(full().map((h) => h.status)).toEqual(['已整改', '整改中', '已整改']);
  });

  it('accepts 关闭 and 开放 in a column mapped by hand to 整改状态', async () => {
    const file = await ledger('鸿畅镇_隐患台账.xlsx', [
      ['鸿畅镇隐患台账'],
      ['隐患单位', '隐患描述', '隐患等级', '处置'],
      ['鸿畅镇福利纸厂', '原料库无喷淋', '重大', '关闭'],
      ['鸿畅镇福利纸厂', '锅炉房无报警', '一般', '开放'],
    ]);
    const r = await commitImport(ctx, file, {
      mapping: { 0: 'enterpriseName', 1: 'description', 2: 'level', 3: 'status' },
    });
    expect(r).toMatchObject({ committed: true, errors: [], rows: 2 });
    // 关闭 reads as 已验收销号; a 重大 hazard with nothing of its 五落实 is stored 已整改, saying so on the cell
    expect(r.warnings.find((w) => w.row === 3 && w.column === 'D')?.message).toMatch(
      /^第3行 D列 整改状态为“已验收销号”，但验收销号须填写.*按“已整改”导入/,
    );
    expect(full().map((h) => h.status)).toEqual(['已整改', '未整改']);
  });
});

describe('refusals that say what is wrong', () => {
  it('does not take a software task list for a 工作清单; a real one still imports', async () => {
    const before = tableCounts(ctx);
    await expect(commitImport(ctx, returns('研发中心_迭代任务清单.xlsx'))).rejects.toThrow(
      /无法判断文件“研发中心_迭代任务清单\.xlsx”.*贯彻落实措施、工作进展情况/,
    );
    expect(tableCounts(ctx)).toEqual(before);
    const r = await commitImport(ctx, returns('方岗镇_回头看工作清单.xlsx'));
    expect(r).toMatchObject({ committed: true, kind: 'worklist', rows: 5, errors: [] });
  });

  it('a phone number in a date column is an error naming the cell, never a RangeError; nothing is written', async () => {
    const file = await ledger('张得镇_隐患台账.xlsx', [
      ['张得镇隐患台账'],
      ['隐患单位', '隐患描述', '隐患等级', '检查日期', '整改时限'],
      ['张得镇兴业商店', '灭火器过期', '一般', 13800138000, '13900139000'],
      ['张得镇兴业商店', '电线老化', '一般', new Date(Date.UTC(2024, 2, 5)), '2024-03-20'],
    ]);
    const before = tableCounts(ctx);
    const r = await commitImport(ctx, file);
    expect(r.committed).toBe(false);
    expect(r.refused).toBe(true);
    expect(r.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'D', message: '第3行 D列 “13800138000” 不是有效日期（像是手机号码）' }),
    ]);
    expect(r.warnings.some((w) => w.row === 3 && w.column === 'E')).toBe(true);
    expect(tableCounts(ctx)).toEqual(before);
    // With the bad row left out, the good one goes in.
    const skip = await commitImport(ctx, file, { skipErrors: true });
    expect(skip).toMatchObject({ committed: true, new: 1 });
    expect(full().map((h) => h.found_date)).toEqual(['2024-03-05']);
  });

  it('the same number in a cell formatted as a date is an error naming the cell too', async () => {
    const file = await ledger(
      '张得镇_隐患台账_日期格式.xlsx',
      [
        ['张得镇隐患台账'],
        ['隐患单位', '隐患描述', '隐患等级', '检查日期'],
        ['张得镇兴业商店', '灭火器过期', '一般', 13800138000],
      ],
      (ws) => {
        ws.getColumn(4).numFmt = 'yyyy-mm-dd';
      },
    );
    const r = await commitImport(ctx, file);
    expect(r).toMatchObject({ committed: false, refused: true });
    expect(r.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'D', message: expect.stringMatching(/^第3行 D列 /) }),
    ]);
  });
});

describe('the reporting unit chosen', () => {
  it('is the 乡镇 of rows without a 乡镇 column when it is a township: no "no 乡镇 column" warning', async () => {
    const file = await ledger('排查台账.xlsx', [
      ['隐患排查台账'],
      ['隐患单位', '隐患描述', '隐患等级', '事故类型'],
      ['某某建材厂', '行车钢丝绳断丝', '一般', '起重伤害'],
    ]);
    const without = planSummary(await planImport(ctx, file));
    expect(without.warnings.some((w) => w.message.includes('没有乡镇列'))).toBe(true);
    const town = createUnit(ctx, { name: '测试镇', kind: '乡镇' });
    const r = await commitImport(ctx, file, { unitId: town.id });
    expect(r.committed).toBe(true);
    expect(r.warnings.some((w) => w.message.includes('没有乡镇列'))).toBe(false);
    expect(all().map((h) => [h.townshipName, h.category, h.industry])).toEqual([['测试镇', '起重伤害', null]]);
    expect(ctx.sqlite.prepare('select township_unit_id from hazards').get()).toEqual({ township_unit_id: town.id });
  });
});

describe('隐患类别 in the list and the statistics', () => {
  it('filters and counts by category', async () => {
    await commitImport(ctx, returns('梨园镇_安全隐患排查整改台账_取消合并.xlsx'));
    const fire = listHazards(ctx, { categories: ['火灾'], limit: 100 });
    expect(fire.total).toBe(4);
    expect(fire.rows.every((h) => h.category === '火灾')).toBe(true);
    const s = hazardStats(ctx, {});
    expect(s.hazards.byCategory.find((r) => r.key === '火灾')?.total).toBe(4);
    expect(s.hazards.byCategory.reduce((a, r) => a + r.total, 0)).toBe(16);
    expect(s.hazards.byIndustry.some((r) => isAccidentType(r.key))).toBe(false);
  });
});

describe('CLI', () => {
  let dir: string;
  beforeAll(() => {
    buildCli();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-layouts-cli-'));
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports every layout fixture with zero errors to its counts; again is a no-op with exit 0', () => {
    // A data directory each: the CSV export and the unmerged copy are the same hazards as their workbooks.
    for (const [i, [file, m]] of layouts.entries()) {
      const data = path.join(dir, `fixtures-data-${i}`);
      expect(cli(data, 'init').code).toBe(0);
      const r = cli(data, 'import', returns(file), '--json');
      expect(r.code, `${file}: ${r.stderr}`).toBe(0);
      expect(r.json()).toMatchObject({
        committed: true,
        rows: m.rows,
        new: m.rows,
        major: m.major,
        done: m.done,
        errors: [],
      });
      const again = cli(data, 'import', returns(file), '--json');
      expect(again.code).toBe(0);
      expect(again.json()).toMatchObject({ committed: false, new: 0, changed: 0 });
      const listed = cli(data, 'hazards', 'list', '--json').json<{ total?: number; rows?: unknown[] } | unknown[]>();
      expect(Array.isArray(listed) ? listed.length : (listed.total ?? listed.rows!.length)).toBe(m.rows);
    }
    const task = cli(path.join(dir, 'fixtures-data-0'), 'import', returns('研发中心_迭代任务清单.xlsx'), '--json');
    expect(task.code).toBe(1);
    expect(task.stderr).toContain('无法判断文件“研发中心_迭代任务清单.xlsx”');
  }, 180_000);

  it('imports with --unit 测试镇 as the 乡镇, lists by --category, and --skip-errors exits 1 when nothing was committed', async () => {
    const data = path.join(dir, 'data');
    expect(cli(data, 'init').code).toBe(0);
    expect(cli(data, 'units', 'add', '测试镇', '--kind', '乡镇').code).toBe(0);
    const file = await ledger('排查台账.xlsx', [
      ['隐患排查台账'],
      ['隐患单位', '隐患描述', '隐患等级', '事故类型', '隐患状态'],
      ['某某建材厂', '行车钢丝绳断丝', '一般', '起重伤害', '关闭'],
      ['某某建材厂', '配电室漏雨', '一般', '触电', '开放'],
    ]);
    const r = cli(data, 'import', file, '--unit', '测试镇', '--json');
    expect(r.code).toBe(0);
    const out = r.json<{ committed: boolean; new: number; warnings: { message: string }[] }>();
    expect(out).toMatchObject({ committed: true, new: 2 });
    expect(out.warnings.some((w) => w.message.includes('没有乡镇列'))).toBe(false);
    const listed = cli(data, 'hazards', 'list', '--category', '触电', '--json').json<
      { rows?: unknown[] } | unknown[]
    >();
    const rows = (Array.isArray(listed) ? listed : listed.rows) as {
      description: string;
      townshipName: string;
      status: string;
    }[];
    expect(rows.map((h) => [h.description, h.townshipName, h.status])).toEqual([['配电室漏雨', '测试镇', '未整改']]);

    const bad = await ledger('全是错误.xlsx', [
      ['隐患排查台账'],
      ['隐患单位', '隐患描述', '隐患等级', '检查日期'],
      ['某某建材厂', '行车钢丝绳断丝', '一般', '2024.13.45'],
    ]);
    const before = cli(data, 'hazards', 'list', '--json').stdout;
    const s = cli(data, 'import', bad, '--unit', '测试镇', '--skip-errors', '--json');
    expect(s.code).toBe(1);
    expect(s.json<{ committed: boolean }>().committed).toBe(false);
    expect(cli(data, 'hazards', 'list', '--json').stdout).toBe(before);
  }, 120_000);
});
