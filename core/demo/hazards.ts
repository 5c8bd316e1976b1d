/**
 * The demo's hazards: a year of inspections at the demo enterprises, in every state of the closure path. A 重大
 * hazard is 销号 only with its whole 五落实 and a generated 整改验收报告; the same hazard twice on one day at one
 * unit becomes another spot, as the duplicate check requires.
 */
import type dayjs from 'dayjs';
import type { AppContext } from '../platform/context';
import type { Rng } from '../platform/seededRandom';
import { fiveImplementations, type HazardFields, type HazardLevel, type HazardStatus } from '../domain/hazard';
import { createHazardThrough } from '../hazards/editing';
import type { HazardInput } from '../hazards/service';
import { findDuplicateHazard } from '../hazards/duplicates';
import { DEPARTMENTS, HAZARD_TEXTS, person } from './vocabulary';
import { demoPledgeScan } from './scan';

export interface DemoEnterprise {
  industry: string;
  town: { id: number; name: string };
  unit: { id: number; name: string };
}

/**
 * Creates `n` hazards from the record stream `r` (the scans of 整改验收报告 from `scanRng`), stored through
 * `storeScan`; part of fillDemo's one transaction.
 */
export function addDemoHazards(
  ctx: AppContext,
  o: {
    n: number;
    r: Rng;
    scanRng: Rng;
    today: dayjs.Dayjs;
    enterprises: DemoEnterprise[];
    ledgerNoticeId: number;
    storeScan: (png: Buffer, name: string) => { id: number };
  },
): void {
  const { n, r, scanRng, today, enterprises, ledgerNoticeId, storeScan } = o;
  const iso = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
  let nos = 0;
  for (let i = 0; i < n; i++) {
    const e = r.pick(enterprises);
    const [description, measures] = r.pick(HAZARD_TEXTS[e.industry] ?? HAZARD_TEXTS['工贸']!);
    const found = today.subtract(r.int(0, 330), 'day');
    const level: HazardLevel = r.chance(0.05) ? '重大' : '一般';
    const age = today.diff(found, 'day');
    const status: HazardStatus =
      age < 10
        ? r.pick(['未整改', '整改中'] as const)
        : age < 40
          ? r.pick(['整改中', '已整改', '已整改', '未整改'] as const)
          : r.pick(['已整改', '已验收销号', '已验收销号', '整改中'] as const);
    const worded = r.chance(0.1);
    const deadline = found.add(r.int(7, 45), 'day');
    const completed =
      status === '已整改' || status === '已验收销号'
        ? found.add(r.int(1, Math.max(1, Math.min(age, 40))), 'day')
        : null;
    const completedIso = completed && completed.isAfter(today) ? iso(today) : completed ? iso(completed) : null;
    const input: HazardInput = {
      hazardNo: `${e.town.name.slice(0, 2)}-${String(++nos).padStart(4, '0')}`,
      enterpriseName: e.unit.name,
      townshipUnitId: e.town.id,
      village: r.chance(0.5)
        ? `${r.pick(['东', '西', '南', '北', '前', '后'])}${r.pick(['李', '王', '张', '刘'])}村`
        : null,
      industry: e.industry,
      description,
      location: r.pick(['生产车间', '仓库', '厨房', '配电室', '办公楼', '施工现场', '储罐区']),
      source: r.pick(['自查', '部门检查', '部门检查', '暗访暗查', '回头看']),
      foundDate: iso(found),
      foundBy: `${r.pick(DEPARTMENTS)} ${person(r)}`,
      level,
      responsibleUnit: e.unit.name,
      responsiblePerson: person(r),
      measures,
      fundsFen: r.chance(0.85) ? r.int(2, 500) * 10000 : null,
      deadlineDate: worded ? null : iso(deadline),
      deadlineText: worded ? '立即整改' : null,
      emergencyPlan: level === '重大' && r.chance(0.7) ? '已制定专项应急预案' : null,
      interimMeasures: level === '重大' ? '停止相关区域作业，设置警戒' : null,
      status,
      completedDate: completedIso,
      acceptedBy: status === '已验收销号' ? `${r.pick(DEPARTMENTS)} ${person(r)}` : null,
      acceptedDate: status === '已验收销号' ? completedIso : null,
      supervised: level === '重大' && r.chance(0.5),
      // 重大 hazards are 挂牌督办 by the 安委办, due by their rectification deadline.
      supervisingUnit: level === '重大' ? '禹州市安全生产委员会办公室' : null,
      supervisionDeadline: level === '重大' ? iso(deadline) : null,
      noticeId: r.chance(0.5) ? ledgerNoticeId : null,
      reportingUnitId: e.town.id,
      statusNote: '演示数据',
    };
    // The closure rules: a 重大 hazard is 销号 with its whole 五落实 and a 整改验收报告 (a generated page, from the
    // scans' own random stream); one whose 五落实 is incomplete stays at 已整改, waiting for it.
    if (input.level === '重大' && input.status === '已验收销号') {
      if (fiveImplementations(input as HazardFields).complete) {
        const report = storeScan(demoPledgeScan(scanRng), `整改验收报告_${e.unit.name}.png`);
        input.attachments = [{ attachmentId: report.id, role: 'report' }];
      } else Object.assign(input, { status: '已整改', acceptedBy: null, acceptedDate: null });
    }
    // The same hazard twice on one day at one unit would be refused as a duplicate: it is another spot.
    const text = input.description;
    for (
      let k = 2;
      findDuplicateHazard(ctx, {
        enterpriseName: input.enterpriseName,
        description: input.description,
        foundDate: input.foundDate ?? null,
        townshipUnitId: input.townshipUnitId,
      });
      k++
    ) {
      input.description = `${text}（第 ${k} 处）`;
    }
    // Created and moved step by step along the closure path, as the clerk would have.
    createHazardThrough(ctx, input);
  }
}
