import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chaseList, returnBoard } from '../../core/returns/board';
import { createNotice, setRequirements } from '../../core/notices/service';
import { createPledge } from '../../core/pledges/editing';
import { sendBackReturn } from '../../core/returns/editing';
import { listReturns, registerReturn, returnHistory } from '../../core/returns/service';
import { createUnit, updateUnit } from '../../core/units/service';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
let notice: number;
let u: Record<string, number>;
beforeEach(() => {
  ctx = makeCtx({ now: new Date('2024-02-10T02:00:00Z') }); // today 2024-02-10
  u = {};
  for (const name of ['神垕镇', '方山镇', '火龙镇', '交通运输局'])
    u[name] = createUnit(ctx, { name, kind: name.endsWith('局') ? '部门' : '乡镇' }).id;
  updateUnit(ctx, u['火龙镇']!, { contact: '王安办', phone: '0374-8810076' });
  notice = createNotice(ctx, {
    docNo: '禹安办〔2024〕1号',
    title: '关于开展“回头看”工作的通知',
    issuedOn: '2024-01-10',
    deadline: '2024-01-25',
  }).id;
  setRequirements(
    ctx,
    notice,
    'report',
    Object.values(u).map((unitId) => ({ unitId, expectedCount: 1 })),
  );
});
afterEach(() => ctx.close());

describe('self-inspection returns', () => {
  it('registers, counts characters against the limit, sends back and keeps re-submission history', () => {
    const r1 = registerReturn(ctx, {
      noticeId: notice,
      unitId: u['神垕镇']!,
      kind: 'report',
      receivedDate: '2024-01-20',
      approved: true,
      sealed: true,
      content: '字'.repeat(2001),
    });
    expect(r1).toMatchObject({
      textLength: 2001,
      lengthLimit: 2000,
      overLimit: true,
      latest: true,
      kindLabel: '专题报告',
    });
    sendBackReturn(ctx, r1.id, '超过2000字，请精简');
    const r2 = registerReturn(ctx, {
      noticeId: notice,
      unitId: u['神垕镇']!,
      kind: 'report',
      receivedDate: '2024-01-24',
      approved: true,
      sealed: true,
      content: '字 '.repeat(1500),
    });
    expect(r2).toMatchObject({ previousId: r1.id, textLength: 1500, overLimit: false, latest: true });
    expect(returnHistory(ctx, r2.id).map((r) => [r.id, r.status, r.latest])).toEqual([
      [r1.id, '退回修改', false],
      [r2.id, '已接收', true],
    ]);
    expect(listReturns(ctx, { latestOnly: true }).map((r) => r.id)).toEqual([r2.id]);
    expect(() => sendBackReturn(ctx, r1.id, '再退')).toThrow('只能退回最新一次报送');
  });

  it('rejects bad input and writes nothing', () => {
    const before = tableCounts(ctx);
    expect(() =>
      registerReturn(ctx, { noticeId: notice, unitId: 999, kind: 'report', receivedDate: '2024-01-20' }),
    ).toThrow('不在单位名录中');
    expect(() =>
      registerReturn(ctx, { noticeId: notice, unitId: u['神垕镇']!, kind: 'report', receivedDate: '2024-01-32' }),
    ).toThrow('不是有效日期');
    expect(() =>
      registerReturn(ctx, { noticeId: notice, unitId: u['神垕镇']!, kind: 'report', receivedDate: '2024-03-01' }),
    ).toThrow('晚于今天');
    expect(tableCounts(ctx)).toEqual(before);
  });
});

describe('return-tracking board', () => {
  it('computes 未交 / 已交 / 逾期 / 逾期补交 / 退回修改 from the register and today', () => {
    registerReturn(ctx, { noticeId: notice, unitId: u['神垕镇']!, kind: 'report', receivedDate: '2024-01-20' }); // on time
    registerReturn(ctx, { noticeId: notice, unitId: u['方山镇']!, kind: 'report', receivedDate: '2024-02-01' }); // late
    const r = registerReturn(ctx, {
      noticeId: notice,
      unitId: u['交通运输局']!,
      kind: 'report',
      receivedDate: '2024-01-22',
    });
    sendBackReturn(ctx, r.id, '未加盖公章');
    const board = returnBoard(ctx, { noticeId: notice });
    const key = `${notice}:report`;
    const status = (name: string) => board.rows.find((x) => x.unitName === name)!.cells[key]!.status;
    expect(status('神垕镇')).toBe('已交');
    expect(status('方山镇')).toBe('逾期补交');
    expect(status('火龙镇')).toBe('逾期');
    expect(status('交通运输局')).toBe('退回修改');
    expect(board.totals).toMatchObject({ 已交: 1, 逾期补交: 1, 逾期: 1, 退回修改: 1, 未交: 0 });
    const late = returnBoard(ctx, { noticeId: notice, onlyLate: true });
    expect(late.rows.map((x) => x.unitName).sort()).toEqual(['交通运输局', '火龙镇'].sort());
    // before the deadline the same gap is only 未交
    const early = makeCtx({ now: new Date('2024-01-15T02:00:00Z') });
    try {
      const n = createNotice(early, {
        docNo: '禹安办〔2024〕1号',
        title: 't',
        issuedOn: '2024-01-10',
        deadline: '2024-01-25',
      }).id;
      const x = createUnit(early, { name: '火龙镇' }).id;
      setRequirements(early, n, 'worklist', [{ unitId: x, expectedCount: 1 }]);
      expect(returnBoard(early).rows[0]!.cells[`${n}:worklist`]!.status).toBe('未交');
    } finally {
      early.close();
    }
  });

  it('tracks 明白书 coverage and monthly ledgers', () => {
    setRequirements(ctx, notice, 'pledge', [{ unitId: u['神垕镇']!, expectedCount: 2 }]);
    setRequirements(ctx, notice, 'ledger', [{ unitId: u['火龙镇']!, expectedCount: 1, period: 'monthly', dueDay: 25 }]);
    createPledge(ctx, {
      noticeId: notice,
      level: 1,
      talkerName: 'a',
      talkerTitle: 'b',
      talkeeName: 'c',
      talkeeUnitId: u['神垕镇']!,
      talkeeTitle: 'd',
      talkDate: '2024-01-15',
      signed: true,
      signedDate: '2024-01-15',
    });
    let b = returnBoard(ctx, { noticeId: notice });
    const shen = () => b.rows.find((x) => x.unitName === '神垕镇')!.cells[`${notice}:pledge`]!;
    expect(shen()).toMatchObject({ status: '逾期', detail: '已签 1/2' });
    createPledge(ctx, {
      noticeId: notice,
      level: 1,
      talkerName: 'a',
      talkerTitle: 'b',
      talkeeName: 'e',
      talkeeUnitId: u['神垕镇']!,
      talkeeTitle: 'd',
      talkDate: '2024-02-01',
      signed: true,
      signedDate: '2024-02-01',
    });
    b = returnBoard(ctx, { noticeId: notice });
    expect(shen()).toMatchObject({ status: '逾期补交', detail: '已签 2/2' });
    // monthly ledger due on the 25th: January's (due 2024-01-25) is missing on 2024-02-10
    const ledger = () => b.rows.find((x) => x.unitName === '火龙镇')!.cells[`${notice}:ledger`]!;
    expect(ledger()).toMatchObject({
      status: '逾期',
      period: '2024-01',
      periodLabel: '2024年1月',
      deadline: '2024-01-25',
    });
    registerReturn(ctx, {
      noticeId: notice,
      unitId: u['火龙镇']!,
      kind: 'ledger',
      period: '2024-01',
      receivedDate: '2024-01-24',
    });
    b = returnBoard(ctx, { noticeId: notice });
    expect(ledger()).toMatchObject({ status: '未交', period: '2024-02', deadline: '2024-02-25' });
  });

  it('gives the 催报 list: what is missing, deadline and contact', () => {
    const list = chaseList(ctx, { noticeId: notice });
    expect(list).toHaveLength(4);
    const huo = list.find((x) => x.unitName === '火龙镇')!;
    expect(huo).toMatchObject({
      what: '专题报告',
      deadline: '2024-01-25',
      status: '逾期',
      contact: '王安办',
      phone: '0374-8810076',
      docNo: '禹安办〔2024〕1号',
    });
  });
});
