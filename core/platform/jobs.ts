/**
 * Progress of long jobs (volume exports, imports) for the progress bar: the page names a job id when it starts
 * the work, polls `jobs:progress` while it waits, and may ask `jobs:cancel`. One process, kept in memory.
 */
export interface JobState {
  id: string;
  label: string;
  done: number;
  total: number;
  message: string;
  finished: boolean;
  cancelRequested: boolean;
  /** False while the job is at a step that cannot stop halfway (e.g. the one transaction of an import). */
  cancellable: boolean;
}

const jobs = new Map<string, JobState & { controller: AbortController; endedAt: number | null }>();

export interface Job {
  signal: AbortSignal;
  report(done: number, total: number, message: string, cancellable?: boolean): void;
  finish(): void;
}

const noop: Job = { signal: new AbortController().signal, report() {}, finish() {} };

/** Starts tracking a job; without an id (CLI, tests) it is a no-op. */
export function startJob(id: string | undefined, label: string): Job {
  if (!id) return noop;
  for (const [k, j] of jobs) if (j.endedAt && Date.now() - j.endedAt > 60_000) jobs.delete(k);
  const controller = new AbortController();
  const state = {
    id,
    label,
    done: 0,
    total: 0,
    message: label,
    finished: false,
    cancelRequested: false,
    cancellable: true,
    controller,
    endedAt: null as number | null,
  };
  jobs.set(id, state);
  return {
    signal: controller.signal,
    report(done, total, message, cancellable = true) {
      state.done = done;
      state.total = total;
      state.message = message;
      state.cancellable = cancellable;
    },
    finish() {
      state.finished = true;
      state.endedAt = Date.now();
    },
  };
}

export function jobProgress(id: string): JobState | null {
  const j = jobs.get(id);
  if (!j) return null;
  const { controller: _c, endedAt: _e, ...state } = j;
  return state;
}

export function cancelJob(id: string): boolean {
  const j = jobs.get(id);
  if (!j || j.finished || !j.cancellable) return false;
  j.cancelRequested = true;
  j.controller.abort();
  return true;
}

/** Lets pending I/O and other IPC calls (the progress polls) run between chunks of synchronous work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
