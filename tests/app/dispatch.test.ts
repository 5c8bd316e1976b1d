import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../core/ipc/contract';
import { z } from 'zod';
import { describeZodError, dispatch } from '../../core/ipc/dispatch';
import { fieldLabel } from '../../core/ipc/fieldLabel';
import { handlers } from '../../core/ipc/handlers';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

const HAN = /[\u4e00-\u9fff]/;

describe('IPC dispatcher', () => {
  it('has a handler for exactly the contract’s channels, all named domain:action', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
    for (const c of CHANNELS) expect(c).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it('returns data in an ok envelope', async () => {
    const r = await dispatch(ctx, 'units:create', { name: '神垕镇', kind: '乡镇' });
    expect(r).toMatchObject({ ok: true, data: { name: '神垕镇', kind: '乡镇' } });
    const l = await dispatch(ctx, 'units:list', {});
    expect(l.ok && (l.data as unknown[]).length).toBe(1);
  });

  it('turns service errors into a typed envelope with a Chinese message', async () => {
    await dispatch(ctx, 'units:create', { name: '神垕镇' });
    const r = await dispatch(ctx, 'units:create', { name: '神垕镇' });
    expect(r).toEqual({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/不能重复/) } });
    const nf = await dispatch(ctx, 'pledges:get', { id: 42 });
    expect(nf).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses unknown channels and prototype keys', async () => {
    for (const c of ['pledges:drop', '__proto__', 'constructor', 'toString', 42, null]) {
      const r = await dispatch(ctx, c, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  const hostile: unknown[] = [
    null,
    'x',
    42,
    [],
    { id: '1' },
    { id: -1 },
    { id: 1.5 },
    { id: 1, extra: true },
    { name: 'x'.repeat(1_000_000) },
    { search: '../../etc/passwd'.repeat(20) },
    { patch: { __proto__: { admin: true } } },
    { noticeId: 1e20 },
  ];

  it('validates every channel against wrong types, extra fields and huge strings without touching data', async () => {
    await dispatch(ctx, 'units:create', { name: '方山镇' });
    const before = tableCounts(ctx);
    for (const channel of CHANNELS) {
      for (const input of hostile) {
        const schema = contract[channel];
        if (schema.safeParse(input).success) continue; // a harmless input this channel accepts
        const r = await dispatch(ctx, channel, input);
        expect(r.ok, `${channel} ${JSON.stringify(input)?.slice(0, 60)}`).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('VALIDATION');
          expect(r.error.message).toMatch(HAN);
          expect(r.error.message.length).toBeLessThan(1000);
        }
      }
    }
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('names the field in Chinese', async () => {
    const r = await dispatch(ctx, 'pledges:create', { level: 9 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('谈话层级');
      expect(r.error.message).toContain('谈话人');
    }
    const x = await dispatch(ctx, 'units:list', { hack: 1 });
    expect(!x.ok && x.error.message).toContain('不认识的字段：hack');
  });
});

describe('every refusal names the field of its own schema', () => {
  it('the same key means different things in different channels', async () => {
    const level = await dispatch(ctx, 'hazards:create', {
      enterpriseName: '某厂',
      townshipUnitId: null,
      description: '漏电',
      level: '特大',
    });
    expect(!level.ok && level.error.message).toMatch(/^输入有误：隐患等级：/);
    expect(!level.ok && level.error.message).not.toContain('谈话层级');
    const pledge = await dispatch(ctx, 'pledges:create', { level: 9 });
    expect(!pledge.ok && pledge.error.message).toContain('谈话层级');
    const kind = await dispatch(ctx, 'returns:list', { kind: 'nonsense' });
    expect(!kind.ok && kind.error.message).toMatch(/^输入有误：报送类别：/);
    expect(!kind.ok && kind.error.message).not.toContain('单位类别');
    const unitKind = await dispatch(ctx, 'units:list', { kind: 'nonsense' });
    expect(!unitKind.ok && unitKind.error.message).toMatch(/^输入有误：单位类别：/);
    const to = await dispatch(ctx, 'hazards:changeStatus', { ids: [1], to: '已关闭' });
    expect(!to.ok && to.error.message).toMatch(/^输入有误：改为状态：/);
    const item = await dispatch(ctx, 'notices:setRequirements', {
      noticeId: 1,
      kind: 'ledger',
      items: [
        { unitId: 1, expectedCount: 1 },
        { unitId: 'x', expectedCount: 1 },
      ],
    });
    expect(!item.ok && item.error.message).toMatch(/单位（第 2 项）/);
  });

  it('every field of every channel has a Chinese name, and a wrong value is refused under that name', async () => {
    const unnamed: string[] = [];
    for (const channel of CHANNELS) {
      const schema = contract[channel] as unknown as { shape?: Record<string, unknown> };
      for (const key of Object.keys(schema.shape ?? {})) {
        const label = fieldLabel(contract[channel], [key]);
        if (!HAN.test(label)) unnamed.push(`${channel}.${key} → ${label}`);
        // A value no field accepts (a nested object several levels deep) is refused under that field's name.
        const parsed = contract[channel].safeParse({ [key]: { a: { b: { c: 1 } } } });
        const mine = parsed.error?.issues.filter((i) => i.path[0] === key) ?? [];
        expect(mine.length, `${channel}.${key} accepted a nested object`).toBeGreaterThan(0);
        expect(describeZodError(new z.ZodError(mine), contract[channel]), `${channel}.${key}`).toContain(label);
      }
    }
    expect(unnamed).toEqual([]);
  });
});
