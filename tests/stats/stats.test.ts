import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHazard, createHazardThrough } from '../../core/hazards/editing';
import { type HazardInput } from '../../core/hazards/service';
import { reportAttachment } from '../helpers/hazard';
import { hazardStats, statsParagraph } from '../../core/stats/service';
import { createUnit } from '../../core/units/service';
import { makeCtx, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

describe('statistics against hand-counted data', () => {
  it('counts 家次, hazards, 重大, rectified, rate and overdue with breakdowns', () => {
    const a = createUnit(ctx, { name: '神垕镇', kind: '乡镇' }).id;
    const b = createUnit(ctx, { name: '方山镇', kind: '乡镇' }).id;
    const base: HazardInput = {
      hazardNo: null,
      enterpriseName: 'E1',
      townshipUnitId: a,
      village: null,
      industry: '燃气',
      description: 'd',
      location: null,
      source: null,
      foundDate: '2024-03-05',
      foundBy: null,
      responsibleUnit: null,
      responsiblePerson: null,
      measures: null,
      fundsFen: null,
      deadlineDate: null,
      deadlineText: null,
      emergencyPlan: null,
      interimMeasures: null,
      completedDate: null,
      acceptedBy: null,
      acceptedDate: null,
      notes: null,
    };
    // Hand-counted table (today 2024-06-01):
    //  #  town  ind   ent date        level status      deadline    overdue
    //  1  神垕   燃气  E1  2024-03-05  重大  已验收销号  -            no
    //  2  神垕   燃气  E1  2024-03-05  一般  已整改      -            no
    //  3  神垕   消防  E2  2024-03-20  一般  未整改      2024-04-01   yes
    //  4  方山   消防  E3  2024-04-10  重大  整改中      2024-05-01   yes
    //  5  方山   燃气  E3  2024-05-02  一般  未整改      2024-12-31   no
    //  6  方山   燃气  E4  2023-12-30  一般  未整改      2024-01-10   yes (outside the 2024 period)
    // (a closed 重大 hazard carries its whole 五落实 and a report; a rectified one its measures)
    const five = {
      responsiblePerson: 'p',
      measures: 'm',
      fundsFen: 100,
      deadlineText: '立即整改',
      emergencyPlan: '预案',
    };
    const report = reportAttachment(ctx);
    createHazardThrough(ctx, {
      ...base,
      ...five,
      level: '重大',
      status: '已验收销号',
      completedDate: '2024-03-10',
      acceptedBy: 'x',
      acceptedDate: '2024-03-12',
      attachments: [{ attachmentId: report.id, role: 'report' }],
    });
    // The same unit, description and day as #1: registered on purpose (the clerk confirmed it is another hazard).
    createHazardThrough(ctx, {
      ...base,
      measures: 'm',
      status: '已整改',
      completedDate: '2024-03-06',
      confirmDuplicate: true,
    } as HazardInput);
    createHazard(ctx, {
      ...base,
      enterpriseName: 'E2',
      industry: '消防',
      foundDate: '2024-03-20',
      deadlineDate: '2024-04-01',
    });
    createHazard(ctx, {
      ...base,
      enterpriseName: 'E3',
      townshipUnitId: b,
      industry: '消防',
      foundDate: '2024-04-10',
      level: '重大',
      status: '整改中',
      deadlineDate: '2024-05-01',
    });
    createHazard(ctx, {
      ...base,
      enterpriseName: 'E3',
      townshipUnitId: b,
      foundDate: '2024-05-02',
      deadlineDate: '2024-12-31',
    });
    createHazard(ctx, {
      ...base,
      enterpriseName: 'E4',
      townshipUnitId: b,
      foundDate: '2023-12-30',
      deadlineDate: '2024-01-10',
    });

    const s = hazardStats(ctx, { from: '2024-01-01', to: '2024-12-31' });
    expect(s.period).toEqual({ from: '2024-01-01', to: '2024-06-01' });
    expect(s.hazards).toMatchObject({
      checked: 4,
      total: 5,
      major: 2,
      rectified: 2,
      majorRectified: 1,
      overdue: 2,
      rate: 40,
    });
    const t = Object.fromEntries(s.hazards.byTownship.map((r) => [r.key, r]));
    expect(t['神垕镇']).toMatchObject({ total: 3, major: 1, rectified: 2, overdue: 1, checked: 2, rate: 66.7 });
    expect(t['方山镇']).toMatchObject({ total: 2, major: 1, rectified: 0, overdue: 1, checked: 2, rate: 0 });
    expect(s.hazards.byIndustry.map((r) => [r.key, r.total])).toEqual([
      ['燃气', 3],
      ['消防', 2],
    ]);
    expect(s.hazards.byMonth.map((r) => [r.key, r.total])).toEqual([
      ['2024-03', 3],
      ['2024-04', 1],
      ['2024-05', 1],
    ]);
    const all = hazardStats(ctx);
    expect(all.hazards).toMatchObject({ total: 6, overdue: 3 });
    expect(hazardStats(ctx, { levels: ['重大'] }).hazards.total).toBe(2);

    const text = statsParagraph(s);
    expect(text).toBe(
      // A year's filter on 2024-06-01: the period stops at today, never past it.
      '2024年1月1日至2024年6月1日，全市共检查生产经营单位4家次，排查发现安全隐患5处（其中重大事故隐患2处，已整改1处），已整改2处，整改率40%，逾期未整改2处，已督促相关单位限期整改。',
    );

    // The 简报 speaks of what was filtered (issue #16): the township, the industry, the level — hand-counted above.
    const brief = (q: Parameters<typeof hazardStats>[1]) =>
      statsParagraph(hazardStats(ctx, { from: '2024-01-01', to: '2024-12-31', ...q }));
    expect(brief({ townshipUnitIds: [b] })).toBe(
      '2024年1月1日至2024年6月1日，方山镇共检查生产经营单位2家次，排查发现安全隐患2处（其中重大事故隐患1处，已整改0处），已整改0处，整改率0%，逾期未整改1处，已督促相关单位限期整改。',
    );
    expect(brief({ industries: ['燃气'] })).toBe(
      '2024年1月1日至2024年6月1日，全市燃气行业领域共检查生产经营单位2家次，排查发现安全隐患3处（其中重大事故隐患1处，全部整改完毕），已整改2处，整改率66.7%。',
    );
    expect(brief({ townshipUnitIds: [b], industries: ['燃气'] })).toBe(
      '2024年1月1日至2024年6月1日，方山镇燃气行业领域共检查生产经营单位1家次，排查发现安全隐患1处，已整改0处，整改率0%。',
    );
    expect(brief({ levels: ['重大'] })).toBe(
      '2024年1月1日至2024年6月1日，全市共检查生产经营单位2家次，排查发现重大事故隐患2处，已整改1处，整改率50%，逾期未整改1处，已督促相关单位限期整改。',
    );
    expect(brief({ townshipUnitIds: [a, b] })).toMatch(
      /^2024年1月1日至2024年6月1日，神垕镇、方山镇共检查生产经营单位4家次/,
    );
    // a period starting after today names today, never a later day
    expect(statsParagraph(hazardStats(ctx, { from: '2024-07-01', to: '2024-12-31' }))).toMatch(
      /^2024年6月1日至2024年6月1日，全市共检查生产经营单位0家次/,
    );
  });
});
