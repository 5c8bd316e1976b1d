/**
 * The contract's output side (each feature's outputs in core/<feature>/contract.ts, gathered by core/ipc/outputs.ts): every channel has an output schema, and what the handlers
 * return on a representative run over demo data parses with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, type Channel, type ChannelInput } from '../../core/ipc/contract';
import { dispatch } from '../../core/ipc/dispatch';
import { outputs } from '../../core/ipc/outputs';
import { fillDemo } from '../../core/demo/service';
import { FIXTURES, makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { addPledges, baseData } from '../volumes/seed';

let ctx: TestCtx;
beforeAll(() => {
  ctx = makeCtx();
  fillDemo(ctx, { hazards: 40 });
});
afterAll(() => ctx.close());

const schemaOf = (c: string): z.ZodType | undefined =>
  Object.prototype.hasOwnProperty.call(outputs, c) ? (outputs as Record<string, z.ZodType>)[c] : undefined;

/** The channels whose real output was parsed here (see the last test). */
const parsedChannels = new Set<Channel>();

/** Calls a channel through the dispatcher; fails naming the channel when it errs or its output does not parse. */
async function checked<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<unknown> {
  parsedChannels.add(channel);
  const r = await dispatch(ctx, channel, input);
  if (!r.ok) throw new Error(`${channel} 调用失败：${r.error.message}`);
  const schema = schemaOf(channel);
  if (!schema) throw new Error(`通道 ${channel} 缺少输出结构（core/<功能>/contract.ts）`);
  const parsed = schema.safeParse(r.data);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`)
      .join('；');
    throw new Error(`通道 ${channel} 的返回值不符合其输出结构：${where}`);
  }
  return r.data;
}

describe('IPC output schemas', () => {
  it('every contract channel has an output schema, and every output schema a channel', () => {
    const missing = CHANNELS.filter((c) => !schemaOf(c));
    expect(
      missing.map((c) => `通道 ${c} 缺少输出结构（在该功能的 core/<功能>/contract.ts 的 outputs 中补上）`),
    ).toEqual([]);
    const stray = Object.keys(outputs).filter((c) => !(CHANNELS as string[]).includes(c));
    expect(stray.map((c) => `输出结构 ${c} 没有对应的通道（core/ipc/contract.ts）`)).toEqual([]);
  });

  it('no channel has a vague output schema (z.unknown() or z.any())', () => {
    const vague = CHANNELS.filter((c) => schemaOf(c) instanceof z.ZodUnknown || schemaOf(c) instanceof z.ZodAny);
    expect(vague.map((c) => `通道 ${c} 的输出结构是 unknown/any，请写出真实的输出结构`)).toEqual([]);
  });

  it('schemas are not vacuous: a row missing a required field, or of the wrong type, is refused', () => {
    const unit = {
      id: 1,
      name: '神垕镇',
      kind: '乡镇',
      parentId: null,
      contact: null,
      phone: null,
      notes: null,
      aliases: [],
      active: true,
    };
    expect(outputs['units:list'].safeParse([unit]).success).toBe(true);
    expect(outputs['units:list'].safeParse([{ ...unit, extra: 1 }]).success).toBe(true); // non-strict
    const { name: _n, ...noName } = unit;
    expect(outputs['units:list'].safeParse([noName]).success).toBe(false);
    expect(outputs['units:list'].safeParse([{ ...unit, active: 'yes' }]).success).toBe(false);
    expect(outputs['print:save'].safeParse(null).success).toBe(true);
    expect(outputs['print:save'].safeParse({}).success).toBe(false);
    expect(outputs['hazards:delete'].safeParse({ id: 1 }).success).toBe(false);
  });

  it('what the read channels return over demo data parses with their schemas', async () => {
    const info = (await checked('app:info', {})) as { empty: boolean; version: string };
    expect(info.empty).toBe(false);
    const units = (await checked('units:list', {})) as { id: number; kind: string }[];
    expect(units.length).toBeGreaterThan(5);
    expect((await checked('units:list', { kind: '乡镇', activeOnly: true })) as unknown[]).not.toHaveLength(0);
    const notices = (await checked('notices:list', {})) as { id: number }[];
    expect(notices.length).toBeGreaterThan(0);
    await checked('jobs:progress', { jobId: 'no-such-job' });
    await checked('jobs:cancel', { jobId: 'no-such-job' });
    const cov = (await checked('pledges:coverageDefault', {})) as { noticeId: number | null };
    expect(cov.noticeId).not.toBeNull();

    const pledges = (await checked('pledges:list', {})) as { rows: { id: number }[]; total: number };
    expect(pledges.total).toBeGreaterThan(0);
    const pledgeId = pledges.rows[0]!.id;
    await checked('pledges:get', { id: pledgeId });
    await checked('pledges:coverage', { noticeId: cov.noticeId! });

    const hazards = (await checked('hazards:list', { limit: 1000 })) as { rows: { id: number }[]; total: number };
    expect(hazards.rows).toHaveLength(hazards.total);
    for (const h of hazards.rows.slice(0, 10)) await checked('hazards:get', { id: h.id });

    const returns = (await checked('returns:list', {})) as { id: number; previousId: number | null }[];
    expect(returns.length).toBeGreaterThan(0);
    const resubmitted = returns.find((r) => r.previousId !== null) ?? returns[0]!;
    expect(((await checked('returns:history', { id: resubmitted.id })) as unknown[]).length).toBeGreaterThan(0);

    const preview = (await checked('pledges:print', { id: pledgeId })) as { token: string; size: number };
    expect(preview.size).toBeGreaterThan(1000);
    await checked('board:printChase', { onlyLate: true });
    await checked('print:pdf', { token: preview.token });
    ctx.ports.savePath = path.join(ctx.tmp, 'preview.pdf');
    expect(await checked('print:save', { token: preview.token })).toEqual({ file: ctx.ports.savePath });

    const b = (await checked('board:get', {})) as { rows: unknown[]; columns: unknown[] };
    expect(b.rows.length * b.columns.length).toBeGreaterThan(0);
    await checked('board:get', { onlyLate: true });
    expect(((await checked('stats:get', {})) as { hazards: { total: number } }).hazards.total).toBe(hazards.total);
    const home = (await checked('home:summary', {})) as { openMajor: unknown[]; latestReturns: unknown[] };
    expect(home.latestReturns.length).toBeGreaterThan(0);

    const reqs = (await checked('notices:requirements', { noticeId: cov.noticeId! })) as unknown[];
    expect(reqs.length).toBeGreaterThan(0);
    expect(((await checked('audit:list', {})) as { total: number }).total).toBeGreaterThan(0);
    await dispatch(ctx, 'pledges:delete', { id: pledgeId });
    expect((await checked('trash:list', {})) as { id: number }[]).toContainEqual(
      expect.objectContaining({ entity: 'pledge', id: pledgeId }),
    );
    await checked('trash:restore', { entity: 'pledge', id: pledgeId });

    ctx.ports.queuedFiles = [scan('mingbaishu-scan-sideways.jpg')];
    const [att] = (await checked('attachments:pick', {})) as { id: number }[];
    await checked('attachments:preview', { id: att!.id });
    await checked('attachments:rotate', { id: att!.id, page: 0, turn: 'right' });
    expect(await checked('attachments:pick', {})).toEqual([]);

    const report = (await checked('check:run', {})) as { ok: boolean; repaired: unknown };
    expect(report.repaired).toBeNull();
    expect(await checked('backup:create', {})).toBeNull(); // folder dialog cancelled
    const backupDir = path.join(ctx.tmp, 'usb');
    fs.mkdirSync(backupDir);
    ctx.ports.pickFolder = async () => backupDir;
    const made = (await checked('backup:create', {})) as { file: string; counts: Record<string, number> };
    expect(made.counts.hazards).toBe(hazards.total);
    ctx.ports.queuedFiles = [made.file];
    expect(await checked('backup:inspect', {})).toMatchObject({ file: made.file, counts: made.counts });

    expect(await checked('imports:pickFile', {})).toBeNull(); // file dialog cancelled
    await checked('imports:list', {});

    // the list exports and workbooks, through the (test) save dialog
    const xlsx = [
      ['units:export', {}],
      ['hazards:export', {}],
      ['returns:export', {}],
      ['pledges:export', {}],
      ['board:export', {}],
      ['stats:exportExcel', {}],
      ['exports:ledger', {}],
      ['exports:pledgeSummary', {}],
      ['imports:template', { noticeId: cov.noticeId! }],
    ] as const;
    for (const [c, input] of xlsx) {
      ctx.ports.savePath = path.join(ctx.tmp, `${c.replace(':', '_')}.xlsx`);
      expect(await checked(c, input)).toEqual({ file: ctx.ports.savePath });
    }
    ctx.ports.savePath = null;
    expect(await checked('units:export', {})).toBeNull();
  });

  it('what the unit and notice edits return parses with their schemas', async () => {
    const a = (await checked('units:create', { name: '输出测试镇', kind: '乡镇' })) as { id: number };
    const b = (await checked('units:create', { name: '输出测试乡', kind: '乡镇' })) as { id: number };
    await checked('units:update', { id: a.id, patch: { contact: '张三' } });
    await checked('units:setActive', { id: b.id, active: false });
    const m = (await checked('units:merge', { fromId: b.id, intoId: a.id })) as { unit: { aliases: string[] } };
    expect(m.unit.aliases).toContain('输出测试乡');
    const n = (await checked('notices:create', { docNo: '禹安〔2024〕99号', title: '输出测试通知' })) as { id: number };
    await checked('notices:update', { id: n.id, patch: { notes: '备注' } });
  });

  it('what the import batch channels return parses with their schemas', async () => {
    const own = ctx;
    ctx = makeCtx();
    try {
      // a 明白书 summary and a 工作清单 previewed: the sample rows of the other kinds parse too
      for (const name of ['住建局_明白书签订情况汇总表.xlsx', '方岗镇_回头看工作清单.xlsx']) {
        ctx.ports.queuedFiles = [path.join(FIXTURES, 'returns', name)];
        const other = (await checked('imports:pickFile', {})) as { token: string };
        const seen = (await checked('imports:preview', { token: other.token, options: {} })) as {
          kind: string;
          sample: unknown[];
        };
        expect(seen.kind).toBe(name.includes('明白书') ? 'pledge' : 'worklist');
        expect(seen.sample.length).toBeGreaterThan(0);
      }
      ctx.ports.queuedFiles = [path.join(FIXTURES, 'returns', '火龙镇_隐患排查治理台账_一季度.xlsx')];
      const picked = (await checked('imports:pickFile', {})) as { token: string };
      const preview = (await checked('imports:preview', { token: picked.token, options: {} })) as {
        kind: string;
        rows: number;
        sample: unknown[];
      };
      expect(preview).toMatchObject({ kind: 'hazard', rows: 30 });
      expect(preview.sample.length).toBeGreaterThan(0);
      ctx.ports.savePath = path.join(ctx.tmp, '退回修改.xlsx');
      const letter = (await checked('imports:returnLetter', { token: picked.token, options: {} })) as { file: string };
      expect(letter.file).toBe(ctx.ports.savePath);
      ctx.ports.savePath = null;
      expect(await checked('imports:returnLetter', { token: picked.token, options: {} })).toBeNull();
      const done = (await checked('imports:commit', { token: picked.token, options: {} })) as {
        committed: boolean;
        batch: number;
      };
      expect(done.committed).toBe(true);
      const batch = done.batch;
      expect(batch).toBeGreaterThan(0);
      const list = (await checked('imports:list', {})) as { id: number; counts: Record<string, number> }[];
      expect(list.map((b) => b.id)).toEqual([batch]);
      expect(await checked('imports:undo', { id: batch })).toEqual({ batch, reverted: 30 });
    } finally {
      ctx.close();
      ctx = own;
    }
  });
  it('what the settings, demo and auto-backup folder channels return parses with their schemas', async () => {
    const settings = (await checked('settings:get', {})) as { fondsCode: string; archiveMode: string };
    expect(settings.fondsCode).toBe('A012');
    expect(await checked('settings:update', { patch: { orgCode: 'aw' } })).toMatchObject({ orgCode: 'AW' });
    ctx.ports.pickFolder = async () => null;
    expect(await checked('backup:chooseAutoDir', {})).toBeNull();
    const autoDir = path.join(ctx.tmp, 'auto');
    ctx.ports.pickFolder = async () => autoDir;
    expect(await checked('backup:chooseAutoDir', {})).toMatchObject({ autoBackupDir: autoDir });

    const own = ctx;
    ctx = makeCtx();
    try {
      const filled = (await checked('app:loadDemo', {})) as { hazards: number; scans: number };
      expect(filled.hazards).toBeGreaterThan(0);
      expect(filled.scans).toBeGreaterThan(0);
    } finally {
      ctx.close();
      ctx = own;
    }
  });

  it('what the volume and archive package channels return parses with their schemas', async () => {
    const own = ctx;
    ctx = makeCtx();
    try {
      const b = baseData(ctx);
      await addPledges(ctx, b, 2);
      const selection = { kinds: ['pledge' as const], noticeId: b.notice.id };
      expect((await checked('volumes:preview', { selection })) as unknown[]).toHaveLength(2);
      const v = (await checked('volumes:create', {
        selection,
        retention: 'Y',
        title: '明白书（永久）',
        checker: '王检查',
      })) as { id: number; items: unknown[] };
      expect(v.items).toHaveLength(2);
      await checked('volumes:update', { id: v.id, patch: { remarks: '输出测试' } });
      await checked('volumes:get', { id: v.id });
      await checked('volumes:check', { id: v.id });
      await checked('volumes:status', { id: v.id });
      ctx.ports.savePath = path.join(ctx.tmp, '草稿.pdf');
      expect(await checked('volumes:export', { id: v.id })).toMatchObject({ sealed: false });
      ctx.ports.savePath = path.join(ctx.tmp, '草稿.ofd');
      await checked('volumes:export', { id: v.id, format: 'ofd' });
      ctx.ports.savePath = path.join(ctx.tmp, '封卷.pdf');
      expect(await checked('volumes:seal', { id: v.id, confirmWarnings: true })).toMatchObject({ sealed: true });
      ctx.ports.savePath = null;
      expect(await checked('volumes:export', { id: v.id })).toBeNull();
      ctx.ports.savePath = path.join(ctx.tmp, '卷脊.pdf');
      expect(await checked('volumes:spine', { id: v.id })).toMatchObject({ file: expect.any(String) });
      const history = (await checked('volumes:history', { id: v.id })) as { kind: string }[];
      expect(history.map((h) => h.kind)).toContain('seal');
      expect(((await checked('volumes:list', {})) as { status: string }[]).map((r) => r.status)).toEqual(['sealed']);
      const edition = (await checked('volumes:newEdition', { id: v.id })) as { relation: string };
      expect(edition.relation).toBe('edition');
      await addPledges(ctx, b, 1, { start: 5 });
      const supplement = (await checked('volumes:supplement', { id: v.id })) as { relation: string };
      expect(supplement.relation).toBe('supplement');

      // the 归档信息包 of the sealed volume, its 四性检测, and the re-check of what was sealed and exported
      ctx.ports.pickFolder = async () => null;
      expect(await checked('volumes:exportPackage', { volumeIds: [v.id] })).toBeNull();
      const dest = path.join(ctx.tmp, '信息包');
      fs.mkdirSync(dest);
      ctx.ports.pickFolder = async () => dest;
      const pkg = (await checked('volumes:exportPackage', { volumeIds: [v.id] })) as { check: { passed: boolean } };
      expect(pkg.check.passed).toBe(true);
      const recorded = (await checked('volumes:exportedPackages', {})) as { id: number }[];
      expect(recorded).toHaveLength(1);
      const checkedPkg = (await checked('volumes:checkPackage', { packageId: recorded[0]!.id })) as {
        reportToken: string | null;
      };
      expect(checkedPkg.reportToken).not.toBeNull();
      await checked('volumes:openCheckReport', { token: checkedPkg.reportToken! });
      await checked('volumes:recheckArchives', { full: true });
      expect(await checked('volumes:recheckState', {})).toMatchObject({ running: false, volumes: 1, packages: 1 });
    } finally {
      ctx.close();
      ctx = own;
    }
  });

  it('a volume schema refuses a wrong shape', () => {
    const row = {
      id: 1,
      status: 'sealed',
      relation: null,
      edition: 1,
      title: '明白书',
      archivalNo: 'A012-WS·2024-Y-0001',
      archiveMode: 'volume',
      year: 2024,
      retention: 'Y',
      volumeNo: 1,
      partCount: 1,
      items: 2,
      pages: 8,
      sealedAt: '2024-02-01T00:00:00.000Z',
      sha256: 'ab',
      outOfDate: false,
      updatedAt: '2024-02-01T00:00:00.000Z',
    };
    const list = outputs['volumes:list'];
    expect(list.safeParse([row]).success).toBe(true);
    expect(list.safeParse([{ ...row, status: '已封卷' }]).success).toBe(false); // not one of the statuses
    expect(list.safeParse([{ ...row, retention: 'D5' }]).success).toBe(false);
    expect(list.safeParse([{ ...row, pages: '8' }]).success).toBe(false);
    const { archivalNo: _a, ...noArchivalNo } = row;
    expect(list.safeParse([noArchivalNo]).success).toBe(false);
    expect(outputs['volumes:check'].safeParse({ checkedAt: 'x', ok: true, errors: 0, warnings: 0 }).success).toBe(
      false,
    ); // problems missing
    expect(outputs['volumes:export'].safeParse(null).success).toBe(true);
    expect(outputs['volumes:export'].safeParse({ file: 'a.pdf' }).success).toBe(false);
  });

  it('the channels whose schemas were written last (the former OUTPUT_SCHEMA_DEBT) are all parsed from real calls', () => {
    const lastWritten: Channel[] = [
      'app:loadDemo',
      'settings:get',
      'settings:update',
      'imports:preview',
      'imports:commit',
      'imports:returnLetter',
      'backup:chooseAutoDir',
      'volumes:list',
      'volumes:get',
      'volumes:preview',
      'volumes:create',
      'volumes:update',
      'volumes:check',
      'volumes:status',
      'volumes:export',
      'volumes:seal',
      'volumes:supplement',
      'volumes:newEdition',
      'volumes:history',
      'volumes:spine',
      'volumes:exportPackage',
      'volumes:checkPackage',
      'volumes:openCheckReport',
      'volumes:exportedPackages',
      'volumes:recheckArchives',
      'volumes:recheckState',
    ];
    expect(lastWritten.filter((c) => !parsedChannels.has(c))).toEqual([]);
  });
});
