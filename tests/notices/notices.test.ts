import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createNotice,
  findNoticeByDocNo,
  listRequirements,
  setRequirements,
  updateNotice,
} from '../../core/notices/service';
import { createUnit } from '../../core/units/service';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

describe('notices', () => {
  it('stores the normalised 文号 and its parts', () => {
    const n = createNotice(ctx, {
      docNo: '禹安[2023]1号',
      title: '关于开展安全生产对话谈心活动的通知',
      issuedOn: '2023-01-05',
      deadline: '2023-01-30',
    });
    expect(n).toMatchObject({ docNo: '禹安〔2023〕1号', issuer: '禹安', year: 2023, seq: 1 });
    expect(findNoticeByDocNo(ctx, '禹安（2023）1号')?.id).toBe(n.id);
  });

  it('rejects bad input with Chinese messages and writes nothing', () => {
    createNotice(ctx, { docNo: '禹安〔2023〕1号', title: '通知' });
    const before = tableCounts(ctx);
    expect(() => createNotice(ctx, { docNo: '禹安〔2023〕1号', title: '又一个' })).toThrow(/已登记/);
    expect(() => createNotice(ctx, { docNo: '禹安2023-1', title: 'x' })).toThrow(/格式不对/);
    expect(() => createNotice(ctx, { docNo: '禹安〔2024〕1号', title: '  ' })).toThrow(/标题不能为空/);
    expect(() => createNotice(ctx, { docNo: '禹安〔2024〕1号', title: 'x', issuedOn: '2024-02-30' })).toThrow(
      /不是有效日期/,
    );
    expect(() =>
      createNotice(ctx, { docNo: '禹安〔2024〕1号', title: 'x', issuedOn: '2024-03-01', deadline: '2024-02-01' }),
    ).toThrow(/不能早于/);
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('updates and refuses to take another notice’s 文号', () => {
    const a = createNotice(ctx, { docNo: '禹安〔2023〕1号', title: 'A' });
    createNotice(ctx, { docNo: '禹安办〔2024〕1号', title: 'B' });
    expect(updateNotice(ctx, a.id, { title: 'A2' }).title).toBe('A2');
    expect(() => updateNotice(ctx, a.id, { docNo: '禹安办〔2024〕1号' })).toThrow(/已登记/);
  });

  it('sets what a notice requires per unit, replacing the previous list', () => {
    const n = createNotice(ctx, { docNo: '禹安〔2023〕1号', title: 'A' });
    const u1 = createUnit(ctx, { name: '神垕镇', kind: '乡镇' });
    const u2 = createUnit(ctx, { name: '方山镇', kind: '乡镇' });
    setRequirements(ctx, n.id, 'pledge', [
      { unitId: u1.id, expectedCount: 5 },
      { unitId: u2.id, expectedCount: 3 },
    ]);
    setRequirements(ctx, n.id, 'pledge', [{ unitId: u2.id, expectedCount: 4, deadline: '2023-01-30' }]);
    expect(listRequirements(ctx, n.id, 'pledge')).toEqual([
      {
        unitId: u2.id,
        unitName: '方山镇',
        kind: 'pledge',
        expectedCount: 4,
        deadline: '2023-01-30',
        period: 'once',
        dueDay: null,
        lengthLimit: null,
      },
    ]);
    expect(() => setRequirements(ctx, n.id, 'pledge', [{ unitId: 999, expectedCount: 1 }])).toThrow(
      /找不到编号为 999 的单位/,
    );
    expect(listRequirements(ctx, n.id, 'pledge')).toHaveLength(1);
  });
});
