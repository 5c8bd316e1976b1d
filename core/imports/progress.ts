/**
 * Progress of one import (preview or commit) for the wizard's progress bar, and its cancellation. The stages
 * and their share of the bar follow where the time goes on a large ledger: reading the file, parsing its rows,
 * reconciling with the register and — for a commit — the one transaction that writes it all.
 */
import { AppError } from '../platform/errors';
import { startJob, type Job } from '../platform/jobs';

/** Where an import's progress goes: a job the page polls, or the CLI's progress line (no cancelling there). */
export type ProgressSink = Pick<Job, 'report'> & Partial<Pick<Job, 'signal' | 'finish'>>;

export type ImportStage = 'read' | 'parse' | 'reconcile' | 'write';

const LABELS: Record<ImportStage, string> = {
  read: '正在读取表格',
  parse: '正在逐行解析数据',
  reconcile: '正在与已登记的数据核对',
  write: '正在写入数据库，请稍候',
};

/** Each stage's share of the bar (measured on a 100,000-row ledger). */
const SHARES: Record<'preview' | 'commit', Partial<Record<ImportStage, number>>> = {
  preview: { read: 0.4, parse: 0.52, reconcile: 0.08 },
  commit: { read: 0.2, parse: 0.27, reconcile: 0.04, write: 0.49 },
};

export interface ImportRun {
  /** Reports `done` of `total` within a stage; throws CANCELLED when the clerk has cancelled. */
  stage(stage: ImportStage, done?: number, total?: number): void;
  /** Ends the job (after success or failure). */
  finish(): void;
}

export function importCancelled(): AppError {
  return new AppError('CANCELLED', '已取消导入，未写入任何数据');
}

const nothing: ImportRun = { stage() {}, finish() {} };

/** The run of an import the page follows by `jobId` (jobs:progress / jobs:cancel); without one, a no-op. */
export function importRun(jobId: string | undefined, kind: 'preview' | 'commit'): ImportRun {
  if (!jobId) return nothing;
  return trackImport(startJob(jobId, LABELS.read), kind);
}

export function trackImport(job: ProgressSink, kind: 'preview' | 'commit'): ImportRun {
  const shares = SHARES[kind];
  const order = Object.keys(shares) as ImportStage[];
  const SCALE = 1000;
  return {
    stage(stage, done = 0, total = 0) {
      if (job.signal?.aborted) throw importCancelled();
      let before = 0;
      for (const s of order) {
        if (s === stage) break;
        before += shares[s] ?? 0;
      }
      const within = total > 0 ? Math.min(1, done / total) : 0;
      const rows =
        stage === 'parse' && total > 0
          ? `（${done.toLocaleString('zh-CN')} / ${total.toLocaleString('zh-CN')} 行）`
          : '';
      job.report(
        Math.round((before + within * (shares[stage] ?? 0)) * SCALE),
        SCALE,
        `${LABELS[stage]}…${rows}`,
        stage !== 'write',
      );
    },
    finish() {
      job.finish?.();
    },
  };
}
