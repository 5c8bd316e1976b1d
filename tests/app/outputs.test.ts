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
import { OUTPUT_SCHEMA_DEBT, outputs } from '../../core/ipc/outputs';
import { fillDemo } from '../../core/demo/service';
import { FIXTURES, makeCtx, scan, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
beforeAll(() => {
  ctx = makeCtx();
  fillDemo(ctx, { hazards: 40 });
});
afterAll(() => ctx.close());

const schemaOf = (c: string): z.ZodType | undefined =>
  Object.prototype.hasOwnProperty.call(outputs, c) ? (outputs as Record<string, z.ZodType>)[c] : undefined;

/** Calls a channel through the dispatcher; fails naming the channel when it errs or its output does not parse. */
async function checked<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<unknown> {
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

  it('z.unknown() only for the channels listed as debt', () => {
    const debt = new Set<string>(OUTPUT_SCHEMA_DEBT);
    const vague = CHANNELS.filter((c) => schemaOf(c) instanceof z.ZodUnknown || schemaOf(c) instanceof z.ZodAny);
    expect(
      vague.filter((c) => !debt.has(c)).map((c) => `通道 ${c} 的输出结构是 unknown/any，却不在 OUTPUT_SCHEMA_DEBT 中`),
    ).toEqual([]);
    expect([...debt].filter((c) => !vague.includes(c as Channel))).toEqual([]);
    // the debt may shrink, never grow
    expect(OUTPUT_SCHEMA_DEBT.length).toBeLessThanOrEqual(26);
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
      ctx.ports.queuedFiles = [path.join(FIXTURES, 'returns', '火龙镇_隐患排查治理台账_一季度.xlsx')];
      const picked = (await checked('imports:pickFile', {})) as { token: string };
      const done = await dispatch(ctx, 'imports:commit', { token: picked.token, options: {} });
      const batch = done.ok ? (done.data as { batch: number }).batch : 0;
      expect(batch).toBeGreaterThan(0);
      const list = (await checked('imports:list', {})) as { id: number; counts: Record<string, number> }[];
      expect(list.map((b) => b.id)).toEqual([batch]);
      expect(await checked('imports:undo', { id: batch })).toEqual({ batch, reverted: 30 });
    } finally {
      ctx.close();
      ctx = own;
    }
  });
});
