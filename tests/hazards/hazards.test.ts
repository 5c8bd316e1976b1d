import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../core/audit/service';
import { changeHazardStatus } from '../../core/hazards/closure';
import { createHazard, deleteHazard, updateHazard } from '../../core/hazards/editing';
import { getHazard, listHazards, type HazardInput } from '../../core/hazards/service';
import { createUnit } from '../../core/units/service';
import { hazardInput } from '../helpers/hazard';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
let shen: number;
let fang: number;
beforeEach(() => {
  ctx = makeCtx(); // today is 2024-06-01
  shen = createUnit(ctx, { name: '神垕镇', kind: '乡镇' }).id;
  fang = createUnit(ctx, { name: '方山镇', kind: '乡镇' }).id;
});
afterEach(() => ctx.close());

const h = (over: Partial<HazardInput> = {}): HazardInput => hazardInput(shen, over);

describe('hazard ledger', () => {
  it('creates a hazard with its first history entry; overdue is derived from the deadline', () => {
    const x = createHazard(ctx, h());
    expect(x).toMatchObject({ townshipName: '神垕镇', status: '未整改', overdue: true, fundsFen: 500000 });
    expect(x.events).toEqual([expect.objectContaining({ fromStatus: null, toStatus: '未整改', actor: '测试员' })]);
    const y = createHazard(ctx, h({ foundDate: '2024-03-06', deadlineDate: null, deadlineText: '立即整改' }));
    expect(y.overdue).toBe(false);
    expect(y.deadlineText).toBe('立即整改');
  });

  it('shows whether a 重大 hazard has all five 落实', () => {
    const x = createHazard(ctx, h({ level: '重大' }));
    expect(x.five.complete).toBe(false);
    expect(x.five.missing).toEqual(['预案']);
    const y = updateHazard(ctx, x.id, { emergencyPlan: '燃气泄漏专项应急预案' });
    expect(y.five.complete).toBe(true);
    expect(listHazards(ctx, { fiveIncomplete: true }).total).toBe(0);
    createHazard(ctx, h({ level: '重大', fundsFen: null, foundDate: '2024-03-06' }));
    expect(listHazards(ctx, { fiveIncomplete: true }).rows.map((r) => r.fiveComplete)).toEqual([false]);
  });

  it('walks the closure path and keeps every status change in the history', () => {
    const x = createHazard(ctx, h());
    changeHazardStatus(ctx, { ids: [x.id], to: '整改中', note: '已采购切断阀' });
    changeHazardStatus(ctx, { ids: [x.id], to: '已整改', date: '2024-05-10' });
    expect(() => changeHazardStatus(ctx, { ids: [x.id], to: '已验收销号' })).toThrow(/验收人/);
    changeHazardStatus(ctx, { ids: [x.id], to: '已验收销号', acceptedBy: '应急局 李科长', date: '2024-05-20' });
    const v = getHazard(ctx, x.id);
    expect(v).toMatchObject({
      status: '已验收销号',
      completedDate: '2024-05-10',
      acceptedDate: '2024-05-20',
      acceptedBy: '应急局 李科长',
      overdue: false,
    });
    expect(v.events.map((e) => `${e.fromStatus ?? ''}→${e.toStatus}`)).toEqual([
      '→未整改',
      '未整改→整改中',
      '整改中→已整改',
      '已整改→已验收销号',
    ]);
    expect(v.events[1]!.note).toBe('已采购切断阀');
    // going back needs a reason, and clears the closure data
    expect(() => changeHazardStatus(ctx, { ids: [x.id], to: '整改中' })).toThrow(
      '从“已验收销号”退回“整改中”须填写原因',
    );
    changeHazardStatus(ctx, { ids: [x.id], to: '整改中', note: '复查发现切断阀未接线' });
    expect(getHazard(ctx, x.id)).toMatchObject({
      status: '整改中',
      completedDate: null,
      acceptedDate: null,
      acceptedBy: null,
    });
  });

  it('changes status in bulk, all or nothing', () => {
    const a = createHazard(ctx, h());
    const b = createHazard(ctx, h({ description: '配电箱未接地', foundDate: '2024-05-20' }));
    const before = tableCounts(ctx);
    // no step skipped: neither can go from 未整改 to 已整改
    expect(() => changeHazardStatus(ctx, { ids: [a.id, b.id], to: '已整改', date: '2024-05-20' })).toThrow(
      /有 2 条隐患不能改为“已整改”，全部未修改/,
    );
    expect(tableCounts(ctx)).toEqual(before);
    expect(changeHazardStatus(ctx, { ids: [a.id, b.id], to: '整改中', note: '批量督办' })).toEqual({
      changed: 2,
      unchanged: 0,
    });
    expect(getHazard(ctx, b.id).events.at(-1)).toMatchObject({ source: 'bulk', note: '批量督办' });
    expect(listAudit(ctx, { entity: 'hazard' }).rows.filter((r) => r.summary?.includes('→ 整改中'))).toHaveLength(2);
    // b was found after the completion date asked for: nothing changes
    const mid = tableCounts(ctx);
    expect(() => changeHazardStatus(ctx, { ids: [a.id, b.id], to: '已整改', date: '2024-05-01' })).toThrow(
      /有 1 条隐患不能改为“已整改”，全部未修改/,
    );
    expect(tableCounts(ctx)).toEqual(mid);
  });

  it('rejects bad input with Chinese messages and writes nothing', () => {
    const before = tableCounts(ctx);
    expect(() => createHazard(ctx, h({ description: ' ' }))).toThrow('隐患描述不能为空');
    expect(() => createHazard(ctx, h({ foundDate: '2024-13-05' }))).toThrow('不是有效日期');
    expect(() => createHazard(ctx, h({ status: '已整改' }))).toThrow('须先经过“整改中”');
    expect(() => createHazard(ctx, h({ status: '整改中', foundDate: '2024-06-02' }))).toThrow('晚于今天');
    expect(() => createHazard(ctx, h({ fundsFen: -1 }))).toThrow('整改资金');
    expect(() => createHazard(ctx, h({ townshipUnitId: 999 }))).toThrow('不在单位名录中');
    expect(() => createHazard(ctx, h({ level: '较大' as never }))).toThrow('隐患等级');
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('filters, sorts, pages and searches (trigram for 3+ characters, LIKE for shorter)', () => {
    createHazard(
      ctx,
      h({
        description: '液化石油气钢瓶未固定',
        enterpriseName: '鸿运饭店',
        industry: '燃气',
        townshipUnitId: fang,
        foundDate: '2024-02-01',
      }),
    );
    createHazard(
      ctx,
      h({
        description: '消防通道被堵塞',
        enterpriseName: '万家超市',
        industry: '消防',
        level: '重大',
        foundDate: '2024-04-01',
        deadlineDate: '2024-07-01',
      }),
    );
    createHazard(
      ctx,
      h({
        description: '有限空间作业未审批',
        enterpriseName: '城北污水处理厂',
        industry: '有限空间',
        foundDate: '2024-05-01',
        deadlineText: '立即整改',
        deadlineDate: null,
      }),
    );
    const names = (q: Parameters<typeof listHazards>[1]) => listHazards(ctx, q).rows.map((r) => r.enterpriseName);
    expect(names({ search: '石油气' })).toEqual(['鸿运饭店']);
    expect(names({ search: '超市' })).toEqual(['万家超市']); // two characters: LIKE fallback
    expect(names({ search: '堵' })).toEqual(['万家超市']);
    expect(names({ search: '污水处理 审批' })).toEqual(['城北污水处理厂']);
    expect(names({ search: '"引号' })).toEqual([]);
    expect(names({ townshipUnitIds: [fang] })).toEqual(['鸿运饭店']);
    expect(names({ industries: ['消防', '燃气'], sortField: 'foundDate', sortOrder: 'asc' })).toEqual([
      '鸿运饭店',
      '万家超市',
    ]);
    expect(names({ levels: ['重大'] })).toEqual(['万家超市']);
    expect(names({ overdue: true })).toEqual(['鸿运饭店']);
    expect(names({ foundFrom: '2024-03-01', foundTo: '2024-04-30', sortField: 'foundDate', sortOrder: 'asc' })).toEqual(
      ['万家超市'],
    );
    const page = listHazards(ctx, { sortField: 'foundDate', sortOrder: 'desc', offset: 1, limit: 1 });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.enterpriseName)).toEqual(['万家超市']);
  });

  it('keeps the full-text index in step with edits and deletes', () => {
    const x = createHazard(ctx, h({ description: '液化石油气钢瓶未固定' }));
    expect(listHazards(ctx, { search: '石油气' }).total).toBe(1);
    updateHazard(ctx, x.id, { description: '天然气管道锈蚀' });
    expect(listHazards(ctx, { search: '石油气' }).total).toBe(0);
    expect(listHazards(ctx, { search: '天然气管道' }).total).toBe(1);
    deleteHazard(ctx, x.id);
    expect(listHazards(ctx, { search: '天然气管道' }).total).toBe(0);
    expect(listHazards(ctx).total).toBe(0);
  });
});

describe('finding a hazard by its own number', () => {
  it('matches the number through the index (3+ chars) and LIKE (shorter)', () => {
    const c = makeCtx();
    try {
      const u = createUnit(c, { name: '古城镇', kind: '乡镇' });
      createHazard(c, {
        enterpriseName: '某厂',
        description: '配电箱未接地',
        townshipUnitId: u.id,
        hazardNo: '古城-0012',
      });
      expect(listHazards(c, { search: '古城-0012' }).total).toBe(1);
      expect(listHazards(c, { search: '12' }).total).toBe(1);
      const row = listHazards(c).rows[0]!;
      expect(row.fiveMissing).toEqual([]);
    } finally {
      c.close();
    }
  });
});
