import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HAZARD_STATUSES } from '../../core/domain/hazard';
import { homeSummary } from '../../core/stats/home';
import { fillDemo } from '../../core/demo/service';
import { closureRefusal, importedStatus, type ClosureFacts } from '../../core/domain/closure';
import { changeHazardStatus } from '../../core/hazards/closure';
import { createHazard, createHazardThrough, updateHazard } from '../../core/hazards/editing';
import { getHazard, type HazardInput } from '../../core/hazards/service';
import { hazardStats } from '../../core/stats/service';
import { createUnit } from '../../core/units/service';
import { hazardInput, reportAttachment } from '../helpers/hazard';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
let shen: number;
beforeEach(() => {
  ctx = makeCtx(); // today is 2024-06-01
  shen = createUnit(ctx, { name: '神垕镇', kind: '乡镇' }).id;
});
afterEach(() => ctx.close());

const h = (over: Partial<HazardInput> = {}): HazardInput => hazardInput(shen, over);
/** A 重大 hazard as the issue found it: nothing of the 五落实 filled in. */
const bareMajor = () =>
  h({
    level: '重大',
    responsiblePerson: null,
    measures: null,
    fundsFen: null,
    deadlineDate: null,
    emergencyPlan: null,
    description: '液化气储罐区未设置可燃气体报警装置',
  });

const facts = (over: Partial<ClosureFacts> = {}): ClosureFacts => ({
  level: '一般',
  measures: '加装切断阀',
  completedDate: '2024-05-01',
  acceptedBy: '李科长',
  acceptedDate: '2024-05-02',
  responsibleUnit: null,
  responsiblePerson: '刘厂长',
  fundsFen: 1000,
  deadlineDate: '2024-05-30',
  deadlineText: null,
  emergencyPlan: '专项预案',
  hasReport: true,
  ...over,
});

describe('closure rules (domain)', () => {
  it('allows one step forward, any step back with a reason, and says what is missing', () => {
    expect(closureRefusal({ from: '未整改', to: '整改中', after: facts() })).toBeNull();
    expect(closureRefusal({ from: '未整改', to: '已验收销号', after: facts() })).toBe(
      '不能直接改为“已验收销号”：须先经过“整改中”“已整改”',
    );
    expect(closureRefusal({ from: '整改中', to: '已验收销号', after: facts() })).toBe(
      '不能直接改为“已验收销号”：须先经过“已整改”',
    );
    expect(closureRefusal({ from: '已整改', to: '整改中', after: facts() })).toBe(
      '从“已整改”退回“整改中”须填写原因（如复查不合格）',
    );
    expect(closureRefusal({ from: '已整改', to: '整改中', after: facts(), note: '复查不合格' })).toBeNull();
    expect(closureRefusal({ from: '整改中', to: '已整改', after: facts({ completedDate: null, measures: ' ' }) })).toBe(
      '改为“已整改”须填写整改完成日期、整改措施',
    );
    expect(
      closureRefusal({ from: '已整改', to: '已验收销号', after: facts({ acceptedBy: null, acceptedDate: null }) }),
    ).toBe('验收销号须填写验收人、验收日期');
    expect(
      closureRefusal({
        from: '已整改',
        to: '已验收销号',
        after: facts({ level: '重大', fundsFen: null, emergencyPlan: null, hasReport: false }),
      }),
    ).toBe('重大隐患销号前须补齐五落实：整改资金、应急预案；并上传整改报告或验收材料');
    expect(
      closureRefusal({ from: '已整改', to: '已验收销号', after: facts({ level: '重大', hasReport: false }) }),
    ).toBe('重大隐患销号前须上传整改报告或验收材料');
    // an 一般 hazard needs neither the whole 五落实 nor a report
    expect(
      closureRefusal({ from: '已整改', to: '已验收销号', after: facts({ emergencyPlan: null, hasReport: false }) }),
    ).toBeNull();
    // a new hazard starts at 未整改 or 整改中
    expect(closureRefusal({ from: null, to: '整改中', after: facts() })).toBeNull();
    expect(closureRefusal({ from: null, to: '已验收销号', after: facts() })).toMatch(
      /^新登记的隐患不能直接改为“已验收销号”：须先经过“整改中”“已整改”/,
    );
  });

  it('an edit keeping the status is refused only for what it takes away', () => {
    const was = facts({ level: '重大', hasReport: false });
    expect(closureRefusal({ from: '已验收销号', to: '已验收销号', before: was, after: was })).toBeNull();
    expect(
      closureRefusal({ from: '已验收销号', to: '已验收销号', before: was, after: { ...was, emergencyPlan: null } }),
    ).toBe('重大隐患销号前须补齐五落实：应急预案');
  });

  it('an imported 销号 stands only with what 销号 needs, else 已整改; an imported 已整改 is taken as written', () => {
    expect(importedStatus('已验收销号', facts())).toEqual({ status: '已验收销号', missing: null });
    expect(importedStatus('已验收销号', facts({ acceptedBy: null }))).toEqual({
      status: '已整改',
      missing: '验收销号须填写验收人',
    });
    expect(importedStatus('已验收销号', facts({ completedDate: null, acceptedDate: null }))).toEqual({
      status: '已整改',
      missing: '验收销号须填写整改完成日期、验收日期',
    });
    expect(importedStatus('已验收销号', facts({ level: '重大', hasReport: false }))).toEqual({
      status: '已整改',
      missing: '重大隐患销号前须上传整改报告或验收材料',
    });
    expect(importedStatus('已整改', facts({ measures: null, completedDate: null }))).toEqual({
      status: '已整改',
      missing: null,
    });
  });
});

describe('closure loop in the service', () => {
  it('the issue’s case: a bare 重大 hazard cannot be 销号 in one step (batch), nothing written, not counted', () => {
    const x = createHazard(ctx, bareMajor());
    const before = tableCounts(ctx);
    expect(() =>
      changeHazardStatus(ctx, { ids: [x.id], to: '已验收销号', acceptedBy: '应急局 李科长', date: '2024-05-20' }),
    ).toThrow(
      '有 1 条隐患不能改为“已验收销号”，全部未修改：禹州市钧瓷文化产业园：液化气储罐区未设置可燃气体报警装置（不能直接改为“已验收销号”：须先经过“整改中”“已整改”）',
    );
    expect(tableCounts(ctx)).toEqual(before);
    expect(getHazard(ctx, x.id)).toMatchObject({ status: '未整改', acceptedBy: null });
    expect(hazardStats(ctx, { from: '2024-01-01', to: '2024-12-31' }).hazards.rectified).toBe(0);
  });

  it('walks a 重大 hazard to 销号 only with measures, dates, people, the whole 五落实 and a report', () => {
    const x = createHazard(ctx, bareMajor());
    changeHazardStatus(ctx, { ids: [x.id], to: '整改中' });
    expect(() => changeHazardStatus(ctx, { ids: [x.id], to: '已整改', date: '2024-05-10' })).toThrow(
      '改为“已整改”须填写整改措施',
    );
    updateHazard(ctx, x.id, { measures: '安装可燃气体报警器并联动切断' });
    changeHazardStatus(ctx, { ids: [x.id], to: '已整改', date: '2024-05-10' });
    const before = tableCounts(ctx);
    expect(() => changeHazardStatus(ctx, { ids: [x.id], to: '已验收销号', date: '2024-05-20' })).toThrow(
      /验收销号须填写验收人；重大隐患销号前须补齐五落实：整改责任人（责任单位）、整改资金、整改时限、应急预案；并上传整改报告或验收材料/,
    );
    expect(() =>
      changeHazardStatus(ctx, { ids: [x.id], to: '已验收销号', acceptedBy: '李科长', date: '2024-05-20' }),
    ).toThrow(
      '重大隐患销号前须补齐五落实：整改责任人（责任单位）、整改资金、整改时限、应急预案；并上传整改报告或验收材料',
    );
    expect(tableCounts(ctx)).toEqual(before);
    // the form refuses the same, and writes nothing
    expect(() =>
      updateHazard(ctx, x.id, { status: '已验收销号', acceptedBy: '李科长', acceptedDate: '2024-05-20' }),
    ).toThrow(
      '重大隐患销号前须补齐五落实：整改责任人（责任单位）、整改资金、整改时限、应急预案；并上传整改报告或验收材料',
    );
    expect(tableCounts(ctx)).toEqual(before);
    updateHazard(ctx, x.id, {
      responsiblePerson: '王站长',
      fundsFen: 800000,
      deadlineDate: '2024-05-31',
      emergencyPlan: '燃气泄漏专项应急预案',
    });
    expect(() =>
      changeHazardStatus(ctx, { ids: [x.id], to: '已验收销号', acceptedBy: '李科长', date: '2024-05-20' }),
    ).toThrow('重大隐患销号前须上传整改报告或验收材料');
    const report = reportAttachment(ctx);
    updateHazard(ctx, x.id, { attachments: [{ attachmentId: report.id, role: 'report' }] });
    changeHazardStatus(ctx, { ids: [x.id], to: '已验收销号', acceptedBy: '李科长', date: '2024-05-20' });
    const v = getHazard(ctx, x.id);
    expect(v).toMatchObject({
      status: '已验收销号',
      completedDate: '2024-05-10',
      acceptedBy: '李科长',
      acceptedDate: '2024-05-20',
    });
    expect(v.events.map((e) => e.toStatus)).toEqual(['未整改', '整改中', '已整改', '已验收销号']);
    // once closed, the report cannot be taken away nor the 五落实 emptied
    expect(() => updateHazard(ctx, x.id, { attachments: [] })).toThrow('重大隐患销号前须上传整改报告或验收材料');
    expect(() => updateHazard(ctx, x.id, { fundsFen: null })).toThrow('重大隐患销号前须补齐五落实：整改资金');
    expect(getHazard(ctx, x.id).attachments).toHaveLength(1);
  });

  it('the form: no final status at creation, no skipped step on edit, back only with a reason', () => {
    const before = tableCounts(ctx);
    expect(() =>
      createHazard(
        ctx,
        h({ status: '已验收销号', completedDate: '2024-05-01', acceptedBy: '李科长', acceptedDate: '2024-05-02' }),
      ),
    ).toThrow('新登记的隐患不能直接改为“已验收销号”：须先经过“整改中”“已整改”');
    expect(tableCounts(ctx)).toEqual(before);
    const x = createHazard(ctx, h({ status: '整改中' }));
    expect(() =>
      updateHazard(ctx, x.id, {
        status: '已验收销号',
        completedDate: '2024-05-01',
        acceptedBy: '李科长',
        acceptedDate: '2024-05-02',
      }),
    ).toThrow('不能直接改为“已验收销号”：须先经过“已整改”');
    expect(() => updateHazard(ctx, x.id, { status: '已整改' })).toThrow('改为“已整改”须填写整改完成日期');
    updateHazard(ctx, x.id, { status: '已整改', completedDate: '2024-05-01' });
    expect(() => updateHazard(ctx, x.id, { status: '整改中' })).toThrow('从“已整改”退回“整改中”须填写原因');
    const back = updateHazard(ctx, x.id, {
      status: '整改中',
      completedDate: null,
      statusNote: '复查不合格：切断阀未接线',
    });
    expect(back.events.at(-1)).toMatchObject({
      fromStatus: '已整改',
      toStatus: '整改中',
      note: '复查不合格：切断阀未接线',
    });
  });

  it('the batch is all or nothing and names every hazard refused', () => {
    const a = createHazardThrough(ctx, h({ hazardNo: 'SH-01', status: '已整改', completedDate: '2024-05-01' }));
    const b = createHazard(ctx, h({ hazardNo: 'SH-02', description: '配电箱未接地' }));
    const c = createHazardThrough(
      ctx,
      h({
        hazardNo: 'SH-03',
        description: '消防通道堵塞',
        status: '已整改',
        completedDate: '2024-05-01',
        level: '重大',
        emergencyPlan: '预案',
      }),
    );
    const before = tableCounts(ctx);
    let message = '';
    try {
      changeHazardStatus(ctx, { ids: [a.id, b.id, c.id], to: '已验收销号', acceptedBy: '李科长', date: '2024-05-20' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      '有 2 条隐患不能改为“已验收销号”，全部未修改：SH-02 禹州市钧瓷文化产业园：配电箱未接地（不能直接改为“已验收销号”：须先经过“整改中”“已整改”）；SH-03 禹州市钧瓷文化产业园：消防通道堵塞（重大隐患销号前须上传整改报告或验收材料）',
    );
    expect(tableCounts(ctx)).toEqual(before);
    expect(getHazard(ctx, a.id).status).toBe('已整改');
  });

  it('createHazardThrough walks each step into the history and refuses a step that lacks data', () => {
    const x = createHazardThrough(
      ctx,
      h({ status: '已验收销号', completedDate: '2024-05-01', acceptedBy: '李科长', acceptedDate: '2024-05-02' }),
    );
    expect(x.events.map((e) => e.toStatus)).toEqual(['整改中', '已整改', '已验收销号']);
    const before = tableCounts(ctx);
    // another hazard (not a duplicate of the first), closed without a 验收人
    expect(() =>
      createHazardThrough(
        ctx,
        h({
          description: '配电箱未接地',
          status: '已验收销号',
          completedDate: '2024-05-01',
          acceptedDate: '2024-05-02',
        }),
      ),
    ).toThrow('验收销号须填写验收人');
    expect(tableCounts(ctx)).toEqual(before);
  });
});

describe('demo data obeys the closure rules', () => {
  it('every hazard walked its path one step at a time; every closed 重大 hazard has its 五落实 and a report', () => {
    const c = makeCtx();
    try {
      fillDemo(c, { hazards: 120 });
      const ids = (c.sqlite.prepare('select id from hazards where deleted_at is null').all() as { id: number }[]).map(
        (r) => r.id,
      );
      expect(ids.length).toBe(120);
      let closedMajor = 0;
      for (const id of ids) {
        const v = getHazard(c, id);
        const path = v.events.map((e) => HAZARD_STATUSES.indexOf(e.toStatus));
        expect(path[0]).toBeLessThanOrEqual(1);
        path.slice(1).forEach((s, i) => expect(s).toBe(path[i]! + 1));
        expect(v.events.at(-1)!.toStatus).toBe(v.status);
        if (v.status === '已整改' || v.status === '已验收销号') expect(v.completedDate && v.measures).toBeTruthy();
        if (v.level === '重大' && v.status === '已验收销号') {
          closedMajor++;
          expect(v.five.complete).toBe(true);
          expect(v.attachments.map((a) => a.role)).toContain('report');
        }
      }
      expect(closedMajor).toBeGreaterThan(0);
    } finally {
      c.close();
    }
  });
});

describe('挂牌督办 and the 工作台', () => {
  it('a 重大 hazard is supervised, carries 督办单位 and 督办期限, and stays on the 工作台 until 销号', () => {
    const before = tableCounts(ctx);
    expect(() => createHazard(ctx, h({ level: '重大', supervisionDeadline: '2024-13-01' }))).toThrow(
      '督办期限“2024-13-01”不是有效日期',
    );
    expect(tableCounts(ctx)).toEqual(before);
    const x = createHazard(
      ctx,
      h({
        level: '重大',
        emergencyPlan: '专项预案',
        supervisingUnit: '禹州市安委办',
        supervisionDeadline: '2024-06-30',
      }),
    );
    expect(getHazard(ctx, x.id)).toMatchObject({
      supervised: true,
      supervisingUnit: '禹州市安委办',
      supervisionDeadline: '2024-06-30',
    });
    expect(createHazard(ctx, h({ description: '一般隐患' })).supervised).toBe(false);
    const onBoard = () =>
      homeSummary(ctx).openMajor.map((r) => [r.id, r.status, r.supervisingUnit, r.supervisionDeadline]);
    expect(onBoard()).toEqual([[x.id, '未整改', '禹州市安委办', '2024-06-30']]);
    changeHazardStatus(ctx, { ids: [x.id], to: '整改中' });
    changeHazardStatus(ctx, { ids: [x.id], to: '已整改', date: '2024-05-10' });
    expect(onBoard()).toEqual([[x.id, '已整改', '禹州市安委办', '2024-06-30']]);
    updateHazard(ctx, x.id, { attachments: [{ attachmentId: reportAttachment(ctx).id, role: 'report' }] });
    changeHazardStatus(ctx, { ids: [x.id], to: '已验收销号', acceptedBy: '李科长', date: '2024-05-20' });
    expect(onBoard()).toEqual([]);
    expect(homeSummary(ctx).openMajorCount).toBe(0);
  });
});
