/**
 * A large import reports its progress (read → parse → reconcile → write) through jobs:progress while it runs,
 * and the clerk can cancel it until the writing starts: then nothing is written at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TOWNSHIPS, writeLedger } from '../../bench/generate';
import { runCli } from '../../core/cli/main';
import { dispatch } from '../../core/ipc/dispatch';
import { cancelJob, jobProgress, startJob, type JobState } from '../../core/platform/jobs';
import { trackImport } from '../../core/imports/progress';
import { createUnit } from '../../core/units/service';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
let file: string;
let unitId: number;
const ROWS = 24_000;

beforeAll(() => {
  // The generated ledger's 发现日期 run into 2025: a clock after them (a future 发现日期 is refused).
  ctx = makeCtx({ now: new Date('2026-06-01T02:00:00Z') });
  unitId = createUnit(ctx, { name: '应急管理局', kind: '部门' }).id;
  for (const t of TOWNSHIPS) createUnit(ctx, { name: t, kind: t.endsWith('街道') ? '街道' : '乡镇' });
  file = path.join(ctx.tmp, '全市隐患台账.xlsx');
  writeLedger(file, { rows: ROWS, changedShare: 0, seed: 7 });
});

afterAll(() => ctx?.close());

/** Every file in the data directory but the database's own. */
function storedFiles(): string[] {
  return fs
    .readdirSync(ctx.dataDir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !/anwei\.db/.test(d.name))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

async function pick(): Promise<string> {
  ctx.ports.queuedFiles = [file];
  const r = await dispatch(ctx, 'imports:pickFile', {});
  if (!r.ok || !r.data) throw new Error(`pick failed: ${JSON.stringify(r)}`);
  return (r.data as { token: string }).token;
}

/** Runs `work` while sampling the job's progress as often as the event loop lets us. */
async function sampled<T>(jobId: string, work: Promise<T>, onSample?: (s: JobState) => void) {
  const seen: JobState[] = [];
  let running = true;
  const sample = () => {
    const s = jobProgress(jobId);
    if (
      s &&
      (seen.length === 0 || seen[seen.length - 1]!.message !== s.message || seen[seen.length - 1]!.done !== s.done)
    ) {
      seen.push({ ...s });
      onSample?.(s);
    }
    if (running) setImmediate(sample);
  };
  setImmediate(sample);
  try {
    return { result: await work, seen };
  } finally {
    running = false;
  }
}

describe('import progress', () => {
  test('a preview reports reading, then parsing row by row, then reconciling, each step further along', async () => {
    const token = await pick();
    const jobId = 'preview-progress-1';
    const { result, seen } = await sampled(
      jobId,
      dispatch(ctx, 'imports:preview', { token, options: { unitId }, jobId }),
    );
    expect(result.ok).toBe(true);
    expect((result as { data: { rows: number } }).data.rows).toBe(ROWS);
    const messages = seen.map((s) => s.message);
    expect(messages.some((m) => m.startsWith('正在读取表格'))).toBe(true);
    // Several samples inside the parse, each naming the rows done so far.
    const parsing = messages.filter((m) => m.startsWith('正在逐行解析数据'));
    expect(parsing.length).toBeGreaterThanOrEqual(3);
    expect(parsing.some((m) => m.includes(`/ ${ROWS.toLocaleString('zh-CN')} 行`))).toBe(true);
    // Reconciling is one synchronous step after the parse: the job's last state.
    expect(jobProgress(jobId)?.message).toMatch(/^正在与已登记的数据核对/);
    // The bar only moves forward, and stays within its total.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(seen.every((s) => s.total === 1000 && s.done <= 1000)).toBe(true);
    expect(jobProgress(jobId)?.finished).toBe(true);
    // A preview writes nothing.
    expect(tableCounts(ctx).hazards).toBe(0);
  });

  test('cancelling a commit while it parses stops it with a Chinese message and writes nothing', async () => {
    const token = await pick();
    const before = tableCounts(ctx);
    const filesBefore = storedFiles();
    const jobId = 'commit-cancel-1';
    let asked = false;
    let cancelAnswer: unknown;
    const { result } = await sampled(
      jobId,
      dispatch(ctx, 'imports:commit', { token, options: { unitId }, jobId }),
      (s) => {
        if (!asked && s.message.startsWith('正在逐行解析数据') && s.done > 0) {
          asked = true;
          void dispatch(ctx, 'jobs:cancel', { jobId }).then((r) => (cancelAnswer = r));
        }
      },
    );
    expect(asked).toBe(true);
    expect(cancelAnswer).toEqual({ ok: true, data: true });
    expect(result).toEqual({ ok: false, error: { code: 'CANCELLED', message: '已取消导入，未写入任何数据' } });
    expect(tableCounts(ctx)).toEqual(before);
    expect(storedFiles()).toEqual(filesBefore);
    expect(jobProgress(jobId)).toMatchObject({ finished: true, cancelRequested: true });
  });

  test('a commit with progress imports everything; once writing has begun it cannot be cancelled', async () => {
    const token = await pick();
    const jobId = 'commit-progress-1';
    const { result, seen } = await sampled(
      jobId,
      dispatch(ctx, 'imports:commit', { token, options: { unitId }, jobId }),
    );
    expect(result).toMatchObject({ ok: true, data: { committed: true, new: ROWS } });
    expect(seen.some((s) => s.message.startsWith('正在逐行解析数据'))).toBe(true);
    // The write runs as one synchronous transaction: its stage is the job's last state, not cancellable.
    expect(jobProgress(jobId)).toMatchObject({ finished: true, cancellable: false, done: 510 });
    expect(jobProgress(jobId)?.message).toMatch(/^正在写入数据库/);
    expect(tableCounts(ctx).hazards).toBe(ROWS);

    const job = startJob('write-stage-1', '导入');
    const run = trackImport(job, 'commit');
    run.stage('parse', 10, 100);
    expect(jobProgress('write-stage-1')).toMatchObject({ done: 227, cancellable: true });
    run.stage('write');
    expect(jobProgress('write-stage-1')).toMatchObject({ done: 510, cancellable: false });
    expect(cancelJob('write-stage-1')).toBe(false);
    run.finish();
  });

  test('a job id that is not an id is refused before anything runs', async () => {
    const token = await pick();
    const r = await dispatch(ctx, 'imports:preview', { token, options: {}, jobId: '../../x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  test('the CLI shows the same progress on a terminal, and ends the line', async () => {
    const lines: (string | null)[] = [];
    const out: string[] = [];
    const code = await runCli(['--data', ctx.dataDir, 'import', file, '--unit', '应急管理局', '--dry-run'], {
      out: (s) => out.push(s),
      err: () => {},
      progress: (s) => lines.push(s),
    });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^\d+% 正在读取表格/);
    expect(lines[lines.length - 1]).toBeNull();
    expect(out.join('\n')).toContain(`数据 ${ROWS} 行`);
  });
});
