import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch';
import { createHazard } from '../../core/hazards/editing';
import { type HazardInput } from '../../core/hazards/service';
import { createNotice } from '../../core/notices/service';
import { createPledge, updatePledge } from '../../core/pledges/editing';
import type { PledgeInput } from '../../core/pledges/service';
import { createUnit } from '../../core/units/service';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';
import { hazardInput } from '../helpers/hazard';

let ctx: TestCtx;
let shen: number;
let fang: number;
let notice: number;
beforeEach(() => {
  ctx = makeCtx();
  shen = createUnit(ctx, { name: '神垕镇', kind: '乡镇' }).id;
  fang = createUnit(ctx, { name: '方山镇', kind: '乡镇' }).id;
  notice = createNotice(ctx, {
    docNo: '禹安〔2023〕1号',
    title: '关于开展安全生产对话谈心活动的通知',
    issuedOn: '2023-01-05',
  }).id;
});
afterEach(() => ctx.close());

const pledge = (over: Partial<PledgeInput> = {}): PledgeInput => ({
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

describe('duplicate 明白书', () => {
  it('refuses a second identical 明白书 naming the first, writes nothing, and saves it when confirmed', () => {
    const first = createPledge(ctx, pledge());
    const before = tableCounts(ctx);
    let message = '';
    try {
      createPledge(ctx, pledge({ talkerTitle: '党委书记', notes: '第二份' }));
    } catch (e) {
      expect((e as { code: string }).code).toBe('CONFLICT');
      message = (e as Error).message;
    }
    expect(message).toContain('疑似重复');
    expect(message).toContain(`编号 ${first.id}`);
    expect(message).toContain('张建国→李红');
    expect(message).toContain('仍然保存');
    expect(tableCounts(ctx)).toEqual(before);

    const second = createPledge(ctx, pledge({ confirmDuplicate: true }));
    expect(second.id).not.toBe(first.id);
    expect(tableCounts(ctx).pledges).toBe(before.pledges! + 1);
  });

  it('treats another date, talkee unit or notice as a different talk', () => {
    createPledge(ctx, pledge());
    expect(createPledge(ctx, pledge({ talkDate: '2023-01-11', signedDate: '2023-01-11' })).id).toBeGreaterThan(0);
    expect(createPledge(ctx, pledge({ talkeeUnitId: fang })).id).toBeGreaterThan(0);
    expect(createPledge(ctx, pledge({ noticeId: null })).id).toBeGreaterThan(0);
  });

  it('refuses an update that turns a 明白书 into a copy of another, unless confirmed', () => {
    createPledge(ctx, pledge());
    const other = createPledge(ctx, pledge({ talkeeName: '王强' }));
    const before = tableCounts(ctx);
    expect(() => updatePledge(ctx, other.id, { talkeeName: '李红' })).toThrow(/疑似重复/);
    expect(tableCounts(ctx)).toEqual(before);
    expect(updatePledge(ctx, other.id, { talkeeName: '李红', confirmDuplicate: true }).talkeeName).toBe('李红');
    // Editing another field of a confirmed look-alike is not refused again.
    expect(updatePledge(ctx, other.id, { notes: '复核无误' }).notes).toBe('复核无误');
  });

  it('goes through IPC with confirmDuplicate', async () => {
    const input = { ...pledge(), noticeId: notice };
    expect((await dispatch(ctx, 'pledges:create', input)).ok).toBe(true);
    const refused = await dispatch(ctx, 'pledges:create', input);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const saved = await dispatch(ctx, 'pledges:create', { ...input, confirmDuplicate: true });
    expect(saved.ok).toBe(true);
  });
});

describe('已签订 needs a 签订日期', () => {
  it('refuses a signed 明白书 without a signed date, on create and on update, writing nothing', () => {
    const before = tableCounts(ctx);
    expect(() => createPledge(ctx, pledge({ signedDate: null }))).toThrow(/必须填写签订日期/);
    expect(tableCounts(ctx)).toEqual(before);
    const p = createPledge(ctx, pledge({ signed: false, signedDate: null }));
    const mid = tableCounts(ctx);
    expect(() => updatePledge(ctx, p.id, { signed: true })).toThrow(/必须填写签订日期/);
    expect(tableCounts(ctx)).toEqual(mid);
    expect(updatePledge(ctx, p.id, { signed: true, signedDate: '2023-01-12' }).status).toBe('已签订');
  });
});

describe('duplicate hazards', () => {
  const h = (over: Partial<HazardInput> = {}) => hazardInput(shen, over);
  it('refuses the same unit + description + 发现日期, naming the existing hazard; saves when confirmed', () => {
    const first = createHazard(ctx, h());
    const before = tableCounts(ctx);
    let message = '';
    try {
      createHazard(ctx, h({ location: '另一车间' }));
    } catch (e) {
      expect((e as { code: string }).code).toBe('CONFLICT');
      message = (e as Error).message;
    }
    expect(message).toContain(`编号 ${first.id}`);
    expect(message).toContain('禹州市钧瓷文化产业园');
    expect(message).toContain('发现日期 2024-03-05');
    expect(tableCounts(ctx)).toEqual(before);
    const confirmed = createHazard(ctx, { ...h(), confirmDuplicate: true } as HazardInput);
    expect(confirmed.id).not.toBe(first.id);
  });

  it('lets another date, township or description through', () => {
    createHazard(ctx, h());
    expect(createHazard(ctx, h({ foundDate: '2024-03-06' })).id).toBeGreaterThan(0);
    expect(createHazard(ctx, hazardInput(fang)).id).toBeGreaterThan(0);
    expect(createHazard(ctx, h({ description: '配电箱未接地' })).id).toBeGreaterThan(0);
  });

  it('refuses through IPC and accepts confirmDuplicate', async () => {
    const input = {
      enterpriseName: '某陶瓷厂',
      townshipUnitId: shen,
      description: '配电箱未接地',
      foundDate: '2024-03-05',
    };
    expect((await dispatch(ctx, 'hazards:create', input)).ok).toBe(true);
    expect(await dispatch(ctx, 'hazards:create', input)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await dispatch(ctx, 'hazards:create', { ...input, confirmDuplicate: true })).ok).toBe(true);
  });
});

describe('CLI pledges add refuses a duplicate', () => {
  it('exits 1 naming the first, and saves with --confirm-duplicate', async () => {
    const { buildCli, cli } = await import('../helpers/cli');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    buildCli();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-dup-'));
    try {
      expect(cli(dir, 'units', 'add', '神垕镇', '--kind', '乡镇').code).toBe(0);
      const args = [
        'pledges',
        'add',
        '--level',
        '1',
        '--talker',
        '张建国',
        '--talker-title',
        '镇党委书记',
        '--talkee',
        '李红',
        '--talkee-unit',
        '神垕镇',
        '--talkee-title',
        '副镇长',
        '--date',
        '2023-01-10',
      ];
      expect(cli(dir, ...args).code).toBe(0);
      const again = cli(dir, ...args);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('疑似重复');
      expect(again.stderr).toContain('--confirm-duplicate');
      expect(cli(dir, ...args, '--confirm-duplicate').code).toBe(0);
      expect(cli(dir, 'pledges', 'list', '--json').json<{ rows: unknown[] } | unknown[]>()).toSatisfy(
        (r: unknown) => (Array.isArray(r) ? r.length : (r as { rows: unknown[] }).rows.length) === 2,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
