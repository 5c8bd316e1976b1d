import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport, undoImport } from '../../core/imports/commit';
import { createHazard, deleteHazard, updateHazard } from '../../core/hazards/editing';
import { listHazards, type HazardInput, type HazardQuery } from '../../core/hazards/service';
import { indexHazards, rebuildHazardIndex, shortTermRange } from '../../core/hazards/searchIndex';
import { planSearch } from '../../core/hazards/query';
import { hazardStats } from '../../core/stats/service';
import { restoreFromTrash } from '../../core/trash/service';
import { createUnit } from '../../core/units/service';
import { hazardInput } from '../helpers/hazard';
import { makeCtx, type TestCtx } from '../helpers/ctx';

/**
 * Searches of 1–2 characters answered by the trigram index (hazards_fts_terms) must find exactly the rows the
 * substring test finds: a hazard matches when its description, enterprise, measures, location or number contains
 * the term — as written (instr), or with ASCII letters folded when the term has ASCII letters (LIKE).
 */

let ctx: TestCtx;
let shen: number;
beforeEach(() => {
  ctx = makeCtx();
  shen = createUnit(ctx, { name: '神垕镇', kind: '乡镇' }).id;
});
afterEach(() => ctx.close());

const h = (over: Partial<HazardInput> = {}): HazardInput => hazardInput(shen, over);

/** The substring semantics, computed here from the stored rows. */
function expected(term: string, where: (r: Record<string, unknown>) => boolean = () => true): number[] {
  const rows = ctx.sqlite
    .prepare(
      'select id, description, enterprise_name, measures, location, hazard_no, status from hazards where deleted_at is null',
    )
    .all() as Record<string, unknown>[];
  const fold = /[A-Za-z]/.test(term) ? (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase()) : (s: string) => s;
  const t = fold(term);
  return rows
    .filter(
      (r) =>
        where(r) &&
        ['description', 'enterprise_name', 'measures', 'location', 'hazard_no'].some(
          (c) => typeof r[c] === 'string' && fold(r[c] as string).includes(t),
        ),
    )
    .map((r) => r.id as number)
    .sort((a, b) => a - b);
}

function found(q: HazardQuery): { ids: number[]; total: number } {
  const r = listHazards(ctx, { limit: 1000, ...q });
  return { ids: r.rows.map((x) => x.id).sort((a, b) => a - b), total: r.total };
}

/** Every 1- and 2-character string of the stored text, and a few that are not there. */
function allShortTerms(): string[] {
  const texts = ctx.sqlite
    .prepare(
      `select description || char(10) || enterprise_name || char(10) || coalesce(measures, '') || char(10) || coalesce(location, '') || char(10) || coalesce(hazard_no, '') t from hazards`,
    )
    .pluck()
    .all() as string[];
  const terms = new Set<string>(['垕', '无', '阀门', 'zz', '%', '_', '\\']);
  for (const text of texts)
    for (const part of text.split(/\s+/)) {
      const cs = [...part];
      for (let i = 0; i < cs.length; i++) {
        terms.add(cs[i]!);
        if (i + 1 < cs.length) terms.add(cs[i]! + cs[i + 1]!);
      }
    }
  return [...terms];
}

function expectAllShortTermsExact() {
  const terms = allShortTerms();
  expect(terms.length).toBeGreaterThan(50);
  for (const term of terms) {
    const want = expected(term);
    const got = found({ search: term });
    expect({ term, ...got }).toEqual({ term, ids: want, total: want.length });
  }
}

const ranged = (term: string) => planSearch({ search: term }, ctx).terms[0]!.way;

/** Text stored as given, indexed as the services index it. */
function written(id: number, cols: Record<string, string>): number {
  for (const [c, v] of Object.entries(cols)) ctx.sqlite.prepare(`update hazards set ${c} = ? where id = ?`).run(v, id);
  indexHazards(ctx, [id]);
  return id;
}

function seed() {
  const ids = [
    createHazard(ctx, h()).id,
    createHazard(
      ctx,
      h({
        enterpriseName: '神垕镇老街液化气站',
        description: '液化气钢瓶露天存放',
        location: '库',
        measures: '移入仓库',
        hazardNo: 'SH-001',
        status: '整改中',
      }),
    ).id,
    // A term at the very end of a column, a one-character column, and a number right after the measures.
    createHazard(
      ctx,
      h({
        enterpriseName: '万家超市',
        description: '消防通道被货物堵塞',
        location: '仓',
        measures: '立即清理通道',
        hazardNo: '12',
      }),
    ).id,
    createHazard(
      ctx,
      h({
        enterpriseName: 'ABC 物流',
        description: '叉车司机无证作业 Forklift',
        location: '2号仓库',
        measures: null,
        hazardNo: null,
      }),
    ).id,
    // Letters with case beyond ASCII: the Kelvin sign folds to k in the index, not in the substring test. (The
    // forms fold full-width and compatibility letters before saving; older or imported text may still hold them.)
    written(
      createHazard(ctx, { ...h({ measures: '更换烟感', hazardNo: 'X-9' }), confirmDuplicate: true } as HazardInput).id,
      { enterprise_name: '\u212aTV 练歌房', description: '包间 Ａ区 烟感损坏 100% 覆盖_未达', location: 'ÉCOLE' },
    ),
    createHazard(
      ctx,
      h({
        enterpriseName: '城北污水处理厂',
        description: '有限空间作业未审批，“先通风、再检测、后作业”未落实',
        location: '污水池',
        measures: '',
        hazardNo: 'A1',
      }),
    ).id,
  ];
  return ids;
}

describe('searches of 1–2 characters', () => {
  it('find exactly the rows the substring test finds, through the index', () => {
    seed();
    expectAllShortTermsExact();
    // The index answers Chinese and ASCII terms (ASCII letters: then tested again with LIKE); others are scanned.
    expect(ranged('垕')).toBe('range');
    expect(ranged('燃气')).toBe('range');
    expect(ranged('-0')).toBe('range');
    expect(ranged('k')).toBe('range');
    expect(ranged('Ａ')).toBe('scan');
    expect(ranged('É')).toBe('scan');
    expect(shortTermRange('Fo')).toEqual({ lo: 'fo', hi: 'fp', verify: true });
    expect(shortTermRange('仓库')).toEqual({
      lo: '仓库',
      hi: '仓' + String.fromCodePoint('库'.codePointAt(0)! + 1),
      verify: false,
    });
    // Case as the substring test has it.
    expect(found({ search: 'k' }).ids).toEqual(expected('k'));
    expect(found({ search: 'k' }).ids).toHaveLength(1); // Forklift, not the Kelvin sign
    expect(found({ search: 'FO' }).total).toBe(1);
    expect(found({ search: 'Ａ' }).total).toBe(1);
    expect(found({ search: 'ａ' }).total).toBe(0);
    // The column ends and one-character columns.
    expect(found({ search: '仓' }).total).toBe(3);
    expect(found({ search: '塞' }).total).toBe(1);
    // Measures and the number are separate texts: "道1" is in neither.
    expect(found({ search: '道1' }).total).toBe(0);
    expect(found({ search: '12' }).total).toBe(1);
  });

  it('combine with other terms, filters, sorts and windows', () => {
    seed();
    for (const search of ['燃气 阀', '仓 库', '液化 SH', '作业 未', 'a 仓', '仓 k']) {
      const terms = search.split(' ');
      const want = terms.map((t) => expected(t)).reduce((a, b) => a.filter((x) => b.includes(x)));
      expect({ search, ...found({ search }) }).toEqual({ search, ids: want, total: want.length });
    }
    const want = expected('仓', (r) => r.status === '未整改');
    expect(found({ search: '仓', statuses: ['未整改'] })).toEqual({ ids: want, total: want.length });
    for (const sortField of ['id', 'deadlineDate', 'enterpriseName'] as const)
      for (const sortOrder of ['asc', 'desc'] as const) {
        const all = listHazards(ctx, { search: '仓', sortField, sortOrder, limit: 1000 }).rows.map((r) => r.id);
        const page = [0, 1, 2].flatMap((offset) =>
          listHazards(ctx, { search: '仓', sortField, sortOrder, offset, limit: 1 }).rows.map((r) => r.id),
        );
        expect(page).toEqual(all);
        expect([...all].sort((a, b) => a - b)).toEqual(expected('仓'));
      }
    const idOrder = listHazards(ctx, { search: '仓', limit: 1000 }).rows.map((r) => r.id);
    expect(idOrder).toEqual([...expected('仓')].reverse());
  });

  it('stay exact after updates, deletes, restores and a rebuild of the index', () => {
    const [a, b, c] = seed();
    updateHazard(ctx, a!, { description: '配电箱前堆放杂物', location: '垕' });
    updateHazard(ctx, b!, { measures: '燃气报警器' });
    deleteHazard(ctx, c!);
    expect(found({ search: '仓' }).ids).not.toContain(c);
    expect(found({ search: '垕' }).ids).toContain(a);
    expectAllShortTermsExact();
    restoreFromTrash(ctx, 'hazard', c!);
    expect(found({ search: '仓' }).ids).toContain(c);
    expectAllShortTermsExact();
    rebuildHazardIndex(ctx);
    expectAllShortTermsExact();
    expect(ctx.sqlite.prepare('select count(*) from hazards_fts').pluck().get()).toBe(6);
  });

  it('stay exact after an import (bulk index), a re-sent ledger and undoing both', async () => {
    seed();
    const header = '序号,单位名称,隐患描述,隐患部位,整改措施,隐患编号,隐患等级,排查时间,整改状态';
    const line = (i: number, desc: string) =>
      `${i},禹州市第${i}加油站,${desc},罐区${i % 7},加装${i % 3 ? '阀门' : '报警器'},JY-${i},一般,2024/3/${(i % 27) + 1},未整改`;
    const rows = Array.from({ length: 60 }, (_, i) => line(i + 1, i % 2 ? '油罐区静电接地损坏' : '配电箱未上锁'));
    const file = path.join(ctx.tmp, '加油站隐患台账.csv');
    fs.writeFileSync(file, [header, ...rows].join('\n'));
    const first = await commitImport(ctx, file, { unitName: '神垕镇' });
    expect(first).toMatchObject({ committed: true, new: 60 });
    expectAllShortTermsExact();
    expect(found({ search: '罐' }).total).toBe(60);

    // A re-sent ledger changes some rows' text: the changed rows are indexed again.
    const changed = rows.map((r, i) => (i < 5 ? r.replace('配电箱未上锁', '垕字号仓库漏雨') : r));
    const file2 = path.join(ctx.tmp, '加油站隐患台账_二次.csv');
    fs.writeFileSync(file2, [header, ...changed].join('\n'));
    const second = await commitImport(ctx, file2, { unitName: '神垕镇' });
    expect(second).toMatchObject({ committed: true, new: 0 });
    expect(second.changed).toBeGreaterThan(0);
    expectAllShortTermsExact();

    undoImport(ctx, second.batch!);
    expectAllShortTermsExact();
    undoImport(ctx, first.batch!);
    expectAllShortTermsExact();
    expect(found({ search: '罐' }).total).toBe(0);
  });

  it('a term in most hazards is tested on each row, with the same result', () => {
    seed();
    for (let i = 0; i < 20; i++) createHazard(ctx, h({ description: `第${i}处 燃气管道腐蚀` }));
    expect(ranged('燃')).toBe('scan');
    expect(ranged('垕')).toBe('range');
    expect(found({ search: '燃' })).toEqual({ ids: expected('燃'), total: expected('燃').length });
    expect(found({ search: '燃 垕' }).ids).toEqual(expected('燃').filter((x) => expected('垕').includes(x)));
  });

  it('statistics of a short search count the same rows', () => {
    seed();
    for (const term of ['仓', '燃气', 'k', 'Ａ', '垕']) {
      const s = hazardStats(ctx, { search: term });
      expect({ term, total: s.hazards.total }).toEqual({ term, total: expected(term).length });
      expect(s.hazards.byTownship.reduce((n, r) => n + r.total, 0)).toBe(expected(term).length);
    }
  });
});
