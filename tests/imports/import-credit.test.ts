/**
 * Imports book the return they are (issue #16): a ledger dated 2024-03-28 imported without a notice credits no
 * return; its period is read from the file and proposed with the notices asking the unit for it; a return is
 * credited only to the notice (and period) named, checked against the notice; the CLI takes --notice/--period.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { commitImport } from '../../core/imports/commit';
import { planImport, planSummary } from '../../core/imports/preview';
import { listHazards } from '../../core/hazards/service';
import { listReturns } from '../../core/returns/service';
import { createUnit } from '../../core/units/service';
import { createNotice, setRequirements } from '../../core/notices/service';
import { returnBoard } from '../../core/returns/board';
import { FIXTURES, makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

const fixture = (f: string) => path.join(FIXTURES, 'periods', f);
const DATED = fixture('方山镇_隐患台账_填报时间.xlsx');
const UNDATED = fixture('方山镇_隐患台账_无日期.xlsx');

let ctx: TestCtx;
let fang: number;
/** Asks 方山镇 for a monthly ledger since 2024-01 (禹安办〔2024〕6号) and once for 2026 (禹安办〔2026〕2号). */
let monthly: number;
let once2026: number;
beforeEach(() => {
  ctx = makeCtx({ now: new Date('2026-12-02T02:00:00Z') });
  fang = createUnit(ctx, { name: '方山镇', kind: '乡镇', aliases: ['方山镇人民政府'] }).id;
  monthly = createNotice(ctx, { docNo: '禹安办〔2024〕6号', title: '隐患月报', issuedOn: '2024-01-05' }).id;
  setRequirements(ctx, monthly, 'ledger', [{ unitId: fang, expectedCount: 1, period: 'monthly', dueDay: 25 }]);
  once2026 = createNotice(ctx, {
    docNo: '禹安办〔2026〕2号',
    title: '重大事故隐患专项排查',
    issuedOn: '2026-11-10',
    deadline: '2026-12-20',
  }).id;
  setRequirements(ctx, once2026, 'ledger', [{ unitId: fang, expectedCount: 1 }]);
});
afterEach(() => ctx.close());

const ledgerCell = (noticeId: number) => returnBoard(ctx, { noticeId }).rows[0]!.cells[`${noticeId}:ledger`]!;

describe('the return an import is credited as', () => {
  it('credits nothing when no notice is named: the hazards come in, the board is unchanged', async () => {
    const before = [ledgerCell(monthly), ledgerCell(once2026)];
    expect(before.map((c) => c.status)).toEqual(['逾期', '未交']);
    const r = await commitImport(ctx, DATED, {});
    expect(r).toMatchObject({ committed: true, new: 3, unit: { id: fang }, credit: null });
    expect(r.creditText).toBe('不计入任何通知的报送');
    expect(listHazards(ctx, {}).total).toBe(3);
    expect(listReturns(ctx)).toEqual([]);
    expect([ledgerCell(monthly), ledgerCell(once2026)]).toEqual(before);
  });

  it('reads the period from 填报时间 and proposes the notices asking for the ledger', async () => {
    const s = planSummary(await planImport(ctx, DATED, {}));
    expect(s.filePeriod).toEqual({
      period: '2024-03',
      source: '填报时间',
      text: '表中填报时间 2024-03-28 → 2024年3月',
    });
    expect(s.candidates.map((c) => [c.docNo, c.period, c.periodKey, c.matches])).toEqual([
      ['禹安办〔2026〕2号', 'once', null, false],
      ['禹安办〔2024〕6号', 'monthly', '2024-03', true],
    ]);
    // No 填报时间: the month all 发现日期 fall in.
    const u = planSummary(await planImport(ctx, UNDATED, {}));
    expect(u.filePeriod).toMatchObject({ period: '2024-03', source: '发现日期' });
  });

  it('credits the named notice and period: one period fewer missed on the board', async () => {
    const missed = ledgerCell(monthly).missedPeriods;
    const r = await commitImport(ctx, DATED, { noticeId: monthly, period: '2024-03' });
    expect(r.committed).toBe(true);
    expect(r.creditText).toBe('计入 禹安办〔2024〕6号 的隐患台账报送（2024年3月）');
    expect(listReturns(ctx).map((x) => [x.docNo, x.kind, x.period, x.unitName])).toEqual([
      ['禹安办〔2024〕6号', 'ledger', '2024-03', '方山镇'],
    ]);
    // the board's open period (2026年11月) is still owed
    expect(ledgerCell(monthly)).toMatchObject({ status: '逾期', period: '2026-11', missedPeriods: missed - 1 });
    expect(ledgerCell(once2026).status).toBe('未交');
  });

  it('refuses a periodic notice without a period, or with one outside it, and writes nothing', async () => {
    const before = tableCounts(ctx);
    const none = await commitImport(ctx, DATED, { noticeId: monthly });
    expect(none).toMatchObject({ committed: false, refused: true, credit: null });
    expect(none.message).toBe(
      '无法导入：通知 禹安办〔2024〕6号 的隐患台账按月报送，请选择本次报送的期次（表中填报时间 2024-03-28 → 2024年3月）',
    );
    const early = await commitImport(ctx, DATED, { noticeId: monthly, period: '2023-12' });
    expect(early.message).toBe(
      '无法导入：报送期次 2023年12月 不在通知 禹安办〔2024〕6号 的报送期内（2024年1月至2026年12月），请核对（表中填报时间 2024-03-28 → 2024年3月）',
    );
    const future = await commitImport(ctx, DATED, { noticeId: monthly, period: '2027-01' });
    expect(future.refused).toBe(true);
    const quarter = await commitImport(ctx, DATED, { noticeId: monthly, period: '2024-Q1' });
    expect(quarter.creditError).toContain('格式不对');
    // the clerk's choice, not the unit's table: not among the file's errors (nor in a 退回修改表)
    expect(quarter.errors).toEqual([]);
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('credits a once-only notice when named, and says so; a period differing from the file is flagged', async () => {
    const r = await commitImport(ctx, DATED, { noticeId: once2026 });
    expect(r.creditText).toBe('计入 禹安办〔2026〕2号 的隐患台账报送');
    expect(ledgerCell(once2026)).toMatchObject({ status: '已交', submissionId: listReturns(ctx)[0]!.id });
    const other = planSummary(await planImport(ctx, UNDATED, { noticeId: monthly, period: '2024-04' }));
    expect(other.credit).toMatchObject({ docNo: '禹安办〔2024〕6号', period: '2024-04' });
    expect(other.creditWarning).toBe(
      '所选期次 2024年4月 与表中的不一致（发现日期均在 2024年3月（2024-03-04 至 2024-03-25）），请核对',
    );
  });

  it('undo takes the credited return back with the hazards', async () => {
    const { undoImport } = await import('../../core/imports/commit');
    const r = await commitImport(ctx, DATED, { noticeId: once2026 });
    expect(ledgerCell(once2026).status).toBe('已交');
    undoImport(ctx, r.batch!);
    expect(ledgerCell(once2026).status).toBe('未交');
    expect(listReturns(ctx)).toEqual([]);
  });
});

describe('CLI import --notice / --period', () => {
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--data', ctx.dataDir, ...args], {
      out: (s: string) => out.push(s),
      err: (s: string) => err.push(s),
    } as never);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('credits nothing without --notice, refuses a monthly notice without --period, credits with both', async () => {
    const plain = await cli('import', DATED, '--dry-run', '--json');
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.out)).toMatchObject({
      filePeriod: '2024-03',
      credit: null,
      creditText: '不计入任何通知的报送',
    });

    const noPeriod = await cli('import', DATED, '--notice', '禹安办〔2024〕6号');
    expect(noPeriod.code).toBe(1);
    expect(noPeriod.out).toContain('请选择本次报送的期次');
    expect(listHazards(ctx, {}).total).toBe(0);

    const usage = await cli('import', DATED, '--period', '2024-03');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--period 须与 --notice 一起使用');

    const ok = await cli('import', DATED, '--notice', '禹安办〔2024〕6号', '--period', '2024-03', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({
      committed: true,
      credit: { notice: '禹安办〔2024〕6号', period: '2024-03' },
      creditText: '计入 禹安办〔2024〕6号 的隐患台账报送（2024年3月）',
    });
    expect(listReturns(ctx).map((x) => [x.docNo, x.period])).toEqual([['禹安办〔2024〕6号', '2024-03']]);
  });
});
