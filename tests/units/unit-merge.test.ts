import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../core/ipc/dispatch';
import { listAudit } from '../../core/audit/service';
import { returnBoard } from '../../core/returns/board';
import { createHazard } from '../../core/hazards/editing';
import { getHazard } from '../../core/hazards/service';
import { createNotice, listRequirements, setRequirements } from '../../core/notices/service';
import { createPledge } from '../../core/pledges/editing';
import { getPledge } from '../../core/pledges/service';
import { listReturns, registerReturn } from '../../core/returns/service';
import { createUnit, findUnitByName, getUnit, listUnits, mergeUnits, setUnitActive } from '../../core/units/service';
import { buildCli, cli } from '../helpers/cli';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';
import { hazardInput } from '../helpers/hazard';

let ctx: TestCtx;
let fang: number;
let wrong: number;
let shen: number;
let notice: number;
beforeEach(() => {
  ctx = makeCtx();
  fang = createUnit(ctx, { name: '方山镇', kind: '乡镇', aliases: ['方山'] }).id;
  wrong = createUnit(ctx, { name: '方山镇人民政府', kind: '乡镇', aliases: ['方山镇政府'] }).id;
  shen = createUnit(ctx, { name: '神垕镇', kind: '乡镇' }).id;
  notice = createNotice(ctx, {
    docNo: '禹安办〔2024〕1号',
    title: '关于开展安全生产大检查“回头看”的通知',
    issuedOn: '2024-01-05',
    deadline: '2024-01-25',
  }).id;
});
afterEach(() => ctx.close());

function seedOnWrong() {
  const enterprise = createUnit(ctx, { name: '方山镇某陶瓷厂', kind: '企业', parentId: wrong });
  const pledge = createPledge(ctx, {
    noticeId: notice,
    level: 1,
    talkerName: '王建国',
    talkerTitle: '党委书记',
    talkeeName: '李红',
    talkeeUnitId: wrong,
    talkeeTitle: '镇长',
    talkDate: '2024-01-10',
    signed: true,
    signedDate: '2024-01-10',
  });
  const reported = createPledge(ctx, {
    noticeId: notice,
    level: 2,
    talkerName: '王建国',
    talkerTitle: '党委书记',
    talkeeName: '赵刚',
    talkeeUnitId: shen,
    talkeeTitle: '所长',
    reportingUnitId: wrong,
    talkDate: '2024-01-11',
    signed: false,
  });
  const ret = registerReturn(ctx, {
    noticeId: notice,
    unitId: wrong,
    kind: 'report',
    receivedDate: '2024-01-20',
    title: '方山镇专题报告',
  });
  const hazard = createHazard(ctx, hazardInput(wrong, { reportingUnitId: wrong }));
  setRequirements(ctx, notice, 'pledge', [
    { unitId: fang, expectedCount: 2 },
    { unitId: wrong, expectedCount: 5 },
  ]);
  setRequirements(ctx, notice, 'report', [{ unitId: wrong, expectedCount: 1 }]);
  return { enterprise, pledge, reported, ret, hazard };
}

describe('合并单位', () => {
  it('moves every record to the target in one step, keeps the old name as an alias, and audits it', () => {
    const s = seedOnWrong();
    const r = mergeUnits(ctx, wrong, fang);
    expect(r.moved).toMatchObject({ pledges: 2, returns: 1, hazards: 2, requirements: 2, children: 1 });
    expect(r.unit.aliases).toEqual(expect.arrayContaining(['方山', '方山镇人民政府', '方山镇政府']));

    expect(getPledge(ctx, s.pledge.id)).toMatchObject({ talkeeUnitId: fang, talkeeUnitName: '方山镇' });
    expect(getPledge(ctx, s.reported.id).reportingUnitId).toBe(fang);
    expect(listReturns(ctx, { unitId: fang }).map((x) => x.id)).toEqual([s.ret.id]);
    expect(getHazard(ctx, s.hazard.id)).toMatchObject({ townshipUnitId: fang, reportingUnitId: fang });
    expect(getUnit(ctx, s.enterprise.id).parentId).toBe(fang);
    // Both were asked for 明白书: the target keeps one requirement with the larger count.
    expect(listRequirements(ctx, notice, 'pledge').map((q) => [q.unitId, q.expectedCount])).toEqual([[fang, 5]]);
    expect(listRequirements(ctx, notice, 'report').map((q) => q.unitId)).toEqual([fang]);

    expect(() => getUnit(ctx, wrong)).toThrow(/找不到/);
    expect(listUnits(ctx).map((u) => u.name)).not.toContain('方山镇人民政府');
    expect(findUnitByName(ctx, '方山镇人民政府')?.id).toBe(fang);
    expect(findUnitByName(ctx, '方山镇政府')?.id).toBe(fang);

    const log = listAudit(ctx, { entity: 'unit' }).rows[0]!;
    expect(log.summary).toContain('“方山镇人民政府”并入“方山镇”');
    expect(log.entityId).toBe(fang);
  });

  it('refuses merging a unit into itself or into / from a missing unit, changing nothing', () => {
    seedOnWrong();
    const before = tableCounts(ctx);
    expect(() => mergeUnits(ctx, fang, fang)).toThrow(/不能把单位合并到它自己/);
    expect(() => mergeUnits(ctx, wrong, 9999)).toThrow(/找不到编号为 9999 的单位/);
    expect(() => mergeUnits(ctx, 9999, fang)).toThrow(/找不到编号为 9999 的单位/);
    expect(tableCounts(ctx)).toEqual(before);
    expect(getUnit(ctx, wrong).name).toBe('方山镇人民政府');
  });

  it('goes through IPC with Chinese refusals', async () => {
    seedOnWrong();
    const self = await dispatch(ctx, 'units:merge', { fromId: fang, intoId: fang });
    expect(self).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const ok = await dispatch(ctx, 'units:merge', { fromId: wrong, intoId: fang });
    expect(ok.ok).toBe(true);
  });
});

describe('停用 / 启用', () => {
  it('hides a disabled unit from pickers and the board, keeps its records, and enables it again', () => {
    setRequirements(ctx, notice, 'report', [
      { unitId: fang, expectedCount: 1 },
      { unitId: shen, expectedCount: 1 },
    ]);
    const ret = registerReturn(ctx, { noticeId: notice, unitId: shen, kind: 'report', receivedDate: '2024-01-20' });
    const before = tableCounts(ctx);
    const u = setUnitActive(ctx, shen, false);
    expect(u.active).toBe(false);
    expect(tableCounts(ctx).return_submissions).toBe(before.return_submissions);
    expect(listUnits(ctx, { activeOnly: true }).map((x) => x.name)).toEqual(['方山镇', '方山镇人民政府']);
    expect(listUnits(ctx).find((x) => x.id === shen)?.active).toBe(false);
    expect(returnBoard(ctx, { noticeId: notice }).rows.map((r) => r.unitName)).toEqual(['方山镇']);
    expect(listReturns(ctx, { unitId: shen }).map((x) => [x.id, x.unitName])).toEqual([[ret.id, '神垕镇']]);
    expect(listAudit(ctx, { entity: 'unit' }).rows[0]!.summary).toContain('停用单位“神垕镇”');

    expect(setUnitActive(ctx, shen, true).active).toBe(true);
    expect(
      returnBoard(ctx, { noticeId: notice })
        .rows.map((r) => r.unitName)
        .sort(),
    ).toEqual(['方山镇', '神垕镇'].sort());
  });
});

describe('CLI units merge / disable', () => {
  let dir: string;
  beforeAll(() => {
    buildCli();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-merge-'));
  }, 300_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('merges by name, refuses a merge into itself, disables and enables', () => {
    expect(cli(dir, 'units', 'add', '方山镇', '--kind', '乡镇').code).toBe(0);
    expect(cli(dir, 'units', 'add', '方山镇人民政府', '--kind', '乡镇').code).toBe(0);
    const self = cli(dir, 'units', 'merge', '方山镇', '--into', '方山镇');
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('不能把单位合并到它自己');
    const missing = cli(dir, 'units', 'merge', '方山镇人民政府', '--into', '不存在镇');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('不在单位名录中');
    const ok = cli(dir, 'units', 'merge', '方山镇人民政府', '--into', '方山镇');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('已把“方山镇人民政府”合并到“方山镇”');
    const list = cli(dir, 'units', 'list', '--json').json<{ name: string; aliases: string[]; active: boolean }[]>();
    expect(list).toEqual([expect.objectContaining({ name: '方山镇', aliases: ['方山镇人民政府'], active: true })]);
    expect(cli(dir, 'units', 'disable', '方山镇人民政府').code).toBe(0);
    expect(cli(dir, 'units', 'list').stdout).toContain('方山镇（已停用）');
    expect(cli(dir, 'units', 'enable', '方山镇').code).toBe(0);
    expect(cli(dir, 'units', 'list').stdout).not.toContain('已停用');
  }, 120_000);
});
