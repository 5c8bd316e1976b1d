import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../core/ipc/contract';
import { dispatch } from '../../core/ipc/dispatch';
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
