import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch';
import { createVolume } from '../../core/volumes';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { addPledges, baseData } from './seed';

let ctx: TestCtx;
let volumeId: number;
beforeEach(async () => {
  ctx = makeCtx();
  const b = baseData(ctx);
  await addPledges(ctx, b, 40);
  volumeId = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id } }).id;
});
afterEach(() => ctx.close());

/** Starts an export through IPC and polls its progress the way the page does. */
async function exportWithPolling(jobId: string, onState?: (s: { done: number; total: number }) => void) {
  const seen: { done: number; total: number; message: string; finished: boolean }[] = [];
  let finished = false;
  const run = dispatch(ctx, 'volumes:export', { id: volumeId, jobId }).finally(() => (finished = true));
  while (!finished) {
    const p = await dispatch(ctx, 'jobs:progress', { jobId });
    if (p.ok && p.data) {
      const s = p.data as (typeof seen)[number];
      seen.push(s);
      onState?.(s);
    }
    await new Promise((r) => setImmediate(r));
  }
  return { result: await run, seen };
}

describe('export progress and cancel (the progress bar)', () => {
  it('reports progress while the volume is generated', async () => {
    ctx.ports.savePath = path.join(ctx.tmp, 'vol.pdf');
    const { result, seen } = await exportWithPolling('job-progress-1');
    expect(result.ok).toBe(true);
    const midway = seen.filter((s) => !s.finished && s.total > 0 && s.done < s.total);
    expect(midway.length).toBeGreaterThan(0);
    expect(midway.some((s) => /正在/.test(s.message))).toBe(true);
    expect(fs.existsSync(ctx.ports.savePath)).toBe(true);
  });

  it('can be cancelled, leaving no file', async () => {
    ctx.ports.savePath = path.join(ctx.tmp, 'cancelled.pdf');
    let asked = false;
    const { result } = await exportWithPolling('job-cancel-1', () => {
      if (!asked) {
        asked = true;
        void dispatch(ctx, 'jobs:cancel', { jobId: 'job-cancel-1' });
      }
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(fs.existsSync(ctx.ports.savePath)).toBe(false);
  });
});
