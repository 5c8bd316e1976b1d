import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeScan } from '../../core/attachments/service';
import { listAudit } from '../../core/audit/service';
import { createNotice, setRequirements } from '../../core/notices/service';
import { pledgeCoverage } from '../../core/pledges/coverage';
import { createPledge, deletePledge, updatePledge } from '../../core/pledges/editing';
import { getPledge, listPledges, type PledgeInput } from '../../core/pledges/service';
import { createUnit } from '../../core/units/service';
import { makeCtx, scan, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
let shen: number;
let fang: number;
let dept: number;
let notice: number;
beforeEach(() => {
  ctx = makeCtx();
  shen = createUnit(ctx, { name: '神垕镇', kind: '乡镇' }).id;
  fang = createUnit(ctx, { name: '方山镇', kind: '乡镇' }).id;
  dept = createUnit(ctx, { name: '应急管理局', kind: '部门' }).id;
  notice = createNotice(ctx, {
    docNo: '禹安〔2023〕1号',
    title: '关于开展安全生产对话谈心活动的通知',
    issuedOn: '2023-01-05',
  }).id;
});
afterEach(() => ctx.close());

const base = (over: Partial<PledgeInput> = {}): PledgeInput => ({
  noticeId: notice,
  level: 1,
  talkerName: '张建国',
  talkerTitle: '镇党委书记',
  talkeeName: '李红',
  talkeeUnitId: shen,
  talkeeTitle: '副镇长',
  talkDate: '2023-01-10',
  signed: true,
  signedDate: '2023-01-10',
  ...over,
});

describe('明白书 register', () => {
  it('creates a record with its derived status and default custody, and audits it', () => {
    const p = createPledge(ctx, base());
    expect(p).toMatchObject({ status: '已签订', talkeeUnitName: '神垕镇', noticeDocNo: '禹安〔2023〕1号', version: 1 });
    expect(p.custody).toContain('党委、政府办公室留存');
    const u = createPledge(ctx, base({ signed: false, signedDate: null, level: 3, talkDate: '2023-01-11' }));
    expect(u.status).toBe('未签订');
    expect(u.custody).toContain('部门汇总');
    const log = listAudit(ctx, { entity: 'pledge' }).rows;
    expect(log).toHaveLength(2);
    expect(JSON.parse(log[1]!.after!).talkeeName).toBe('李红');
  });

  it.each([
    [{ level: 5 }, '谈话层级'],
    [{ talkerName: '  ' }, '谈话人不能为空'],
    [{ talkeeTitle: '' }, '谈话对象职务不能为空'],
    [{ talkDate: '2023-02-30' }, '不是有效日期'],
    [{ signedDate: '2023-01-09' }, '签订日期不能早于谈话日期'],
    [{ talkDate: '2030-01-01', signedDate: null }, '晚于今天'],
    [{ signed: false }, '请同时勾选'],
    [{ talkeeUnitId: 999 }, '不在单位名录中'],
    [{ noticeId: 999 }, '找不到编号为 999 的通知'],
    [{ attachmentIds: [999] }, '扫描件'],
  ] as [Partial<PledgeInput>, string][])('rejects %o with a Chinese message and writes nothing', (over, msg) => {
    const before = tableCounts(ctx);
    expect(() => createPledge(ctx, base(over))).toThrow(msg);
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('attaches scans, edits with a new version, and keeps before/after in the log', async () => {
    const a = await storeScan(ctx, scan('mingbaishu-scan.jpg'));
    const b = await storeScan(ctx, scan('zicha-baogao-3pages.pdf'));
    expect(b).toMatchObject({ mime: 'application/pdf', pageCount: 3 });
    const p = createPledge(ctx, base({ attachmentIds: [a.id] }));
    const q = updatePledge(ctx, p.id, { talkeeTitle: '党委副书记', attachmentIds: [b.id, a.id] });
    expect(q.version).toBe(2);
    expect(q.attachments.map((x) => x.id)).toEqual([b.id, a.id]);
    const entry = listAudit(ctx, { entity: 'pledge', entityId: p.id }).rows[0]!;
    expect(JSON.parse(entry.before!).talkeeTitle).toBe('副镇长');
    expect(JSON.parse(entry.after!).talkeeTitle).toBe('党委副书记');
  });

  it('searches, filters, sorts and pages', async () => {
    const s = await storeScan(ctx, scan('mingbaishu-scan.jpg'));
    createPledge(
      ctx,
      base({ talkeeName: '王伟', talkDate: '2023-01-12', signedDate: '2023-01-12', attachmentIds: [s.id] }),
    );
    createPledge(
      ctx,
      base({
        talkeeName: '赵敏',
        talkeeUnitId: fang,
        talkDate: '2023-01-08',
        signedDate: null,
        signed: false,
        level: 2,
      }),
    );
    createPledge(
      ctx,
      base({
        talkeeName: '孙强',
        talkeeUnitId: dept,
        talkDate: '2023-01-20',
        signedDate: '2023-01-21',
        level: 3,
        noticeId: null,
      }),
    );
    const names = (q: Parameters<typeof listPledges>[1]) => listPledges(ctx, q).rows.map((r) => r.talkeeName);
    expect(names({ search: '赵' })).toEqual(['赵敏']);
    expect(names({ search: '方山' })).toEqual(['赵敏']);
    expect(names({ search: '禹安〔2023〕' }).sort()).toEqual(['王伟', '赵敏'].sort());
    expect(names({ signed: 'unsigned' })).toEqual(['赵敏']);
    expect(names({ hasScan: true })).toEqual(['王伟']);
    expect(names({ level: 3 })).toEqual(['孙强']);
    expect(names({ unitId: shen })).toEqual(['王伟']);
    expect(names({ dateFrom: '2023-01-10', dateTo: '2023-01-15' })).toEqual(['王伟']);
    expect(names({ sortField: 'talkDate', sortOrder: 'asc' })).toEqual(['赵敏', '王伟', '孙强']);
    const page2 = listPledges(ctx, { sortField: 'talkDate', sortOrder: 'asc', page: 2, pageSize: 2 });
    expect(page2.total).toBe(3);
    expect(page2.rows.map((r) => r.talkeeName)).toEqual(['孙强']);
    // LIKE wildcards in the search are taken literally
    expect(names({ search: '%' })).toEqual([]);
  });

  it('computes coverage per unit from expected talks and signed 明白书', () => {
    setRequirements(ctx, notice, 'pledge', [
      { unitId: shen, expectedCount: 3 },
      { unitId: fang, expectedCount: 2 },
    ]);
    let c = pledgeCoverage(ctx, notice);
    expect(c.totals).toMatchObject({ expected: 5, signed: 0, missing: 5, units: 2, unitsComplete: 0 });
    createPledge(ctx, base());
    createPledge(ctx, base({ talkeeName: '王伟' }));
    createPledge(ctx, base({ talkeeName: '赵敏', signed: false, signedDate: null }));
    // counted toward 方山镇 through the reporting unit, although the talkee sits elsewhere
    createPledge(ctx, base({ talkeeName: '孙强', talkeeUnitId: dept, reportingUnitId: fang }));
    createPledge(ctx, base({ talkeeName: '周杰', talkeeUnitId: fang }));
    c = pledgeCoverage(ctx, notice);
    const row = (id: number) => c.rows.find((r) => r.unitId === id)!;
    expect(row(shen)).toMatchObject({ expected: 3, registered: 3, signed: 2, missing: 1 });
    expect(row(fang)).toMatchObject({ expected: 2, registered: 2, signed: 2, missing: 0 });
    expect(c.totals).toMatchObject({ expected: 5, signed: 4, missing: 1, unitsComplete: 1 });
    expect(c.rows[0]!.unitId).toBe(shen); // units with something missing come first
  });

  it('deletes into the 回收站: gone from lists and coverage, kept in the table and the log', () => {
    setRequirements(ctx, notice, 'pledge', [{ unitId: shen, expectedCount: 1 }]);
    const p = createPledge(ctx, base());
    deletePledge(ctx, p.id);
    expect(listPledges(ctx).total).toBe(0);
    expect(() => getPledge(ctx, p.id)).toThrow(/找不到/);
    expect(pledgeCoverage(ctx, notice).totals.signed).toBe(0);
    expect(ctx.sqlite.prepare('select deleted_at from pledges where id = ?').get(p.id)).toMatchObject({
      deleted_at: expect.any(String),
    });
    expect(listAudit(ctx, { entity: 'pledge', entityId: p.id }).rows[0]!.action).toBe('delete');
  });
});
