import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECTIFIED_STATUSES } from '../../core/domain/hazard';
import { hazardStats, type StatsRow } from '../../core/stats/service';
import { createUnit } from '../../core/units/service';
import { makeCtx, type TestCtx } from '../helpers/ctx';

/**
 * hazardStats against the figures of plain GROUP BY queries (the statistics' definition) on varied rows: hazards
 * without a township unit (written name, or none), without industry or date, the same enterprise and day in
 * several townships and industries, deleted hazards.
 */
let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx())); // today 2024-06-01
afterEach(() => ctx.close());

function seed() {
  const units = ['神垕镇', '方山镇', '鸿畅镇'].map((name) => createUnit(ctx, { name, kind: '乡镇' }).id);
  const ins = ctx.sqlite.prepare(
    `insert into hazards (enterprise_name, township_unit_id, township_name, industry, description, found_date, level, status, deadline_date, deleted_at)
     values (?, ?, ?, ?, 'd', ?, ?, ?, ?, ?)`,
  );
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const statuses = ['未整改', '整改中', '已整改', '已验收销号'];
  for (let i = 0; i < 400; i++) {
    const u = rnd(5);
    ins.run(
      `企业${rnd(12)}`,
      u < 3 ? units[u] : null,
      u === 3 ? `村${rnd(2)}` : u < 3 && rnd(4) === 0 ? '旧写法' : null,
      rnd(6) === 0 ? null : ['燃气', '消防', '工贸'][rnd(3)],
      rnd(20) === 0 ? null : `202${3 + rnd(2)}-0${1 + rnd(9)}-0${1 + rnd(3)}`,
      rnd(4) === 0 ? '重大' : '一般',
      statuses[rnd(4)],
      rnd(3) === 0 ? null : `2024-0${1 + rnd(9)}-15`,
      rnd(15) === 0 ? '2024-05-01T00:00:00Z' : null,
    );
  }
}

const RECT = `status in (${RECTIFIED_STATUSES.map((s) => `'${s}'`).join(',')})`;

function reference(key: string | null, where: string): StatsRow[] {
  const k = key ?? `'合计'`;
  return (
    ctx.sqlite
      .prepare(
        `select ${k} as key, count(distinct h.enterprise_name || '|' || coalesce(h.found_date, '')) checked, count(*) total,
          sum(h.level = '重大') major, sum(h.${RECT}) rectified, sum(h.level = '重大' and h.${RECT}) majorRectified,
          sum(not h.${RECT} and h.deadline_date is not null and h.deadline_date < '2024-06-01') overdue
         from hazards h left join units u on u.id = h.township_unit_id
         where h.deleted_at is null ${where} group by 1 order by total desc, key`,
      )
      .all() as Omit<StatsRow, 'rate'>[]
  ).map((r) => ({ ...r, rate: r.total ? Math.round((r.rectified / r.total) * 1000) / 10 : 0 }));
}

describe('statistics', () => {
  it('give the figures of the GROUP BY queries, for a period, all years and a filter', () => {
    seed();
    for (const [q, where] of [
      [{ from: '2024-01-01', to: '2024-12-31' }, `and h.found_date >= '2024-01-01' and h.found_date <= '2024-12-31'`],
      [{}, ''],
      [{ levels: ['重大'] as ('重大' | '一般')[] }, `and h.level = '重大'`],
    ] as const) {
      const s = hazardStats(ctx, q);
      const [all] = reference(null, where);
      const { byTownship, byIndustry, byCategory, byMonth, ...total } = s.hazards;
      expect(total).toEqual(all);
      expect(byTownship).toEqual(reference(`coalesce(u.name, h.township_name, '未填写')`, where));
      expect(byIndustry).toEqual(reference(`coalesce(h.industry, '未填写')`, where));
      expect(byCategory).toEqual(reference(`coalesce(h.category, '未填写')`, where));
      expect(byMonth).toEqual(
        reference(`coalesce(substr(h.found_date, 1, 7), '未填写')`, where).sort((a, b) => a.key.localeCompare(b.key)),
      );
    }
  });
});
