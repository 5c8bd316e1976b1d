/** Polls jobs:progress for a running job (null: nothing running) and offers jobs:cancel. */
import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/client';

export interface JobProgressState {
  done: number;
  total: number;
  message: string;
  cancelRequested: boolean;
  cancellable: boolean;
}

export function useJobProgress(jobId: string | null | undefined, intervalMs = 250) {
  const [state, setState] = useState<JobProgressState | null>(null);
  useEffect(() => {
    setState(null);
    if (!jobId) return;
    let stop = false;
    const poll = async () => {
      while (!stop) {
        try {
          const s = await call('jobs:progress', { jobId });
          if (!stop && s) setState(s);
        } catch {
          /* the next poll will tell */
        }
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [jobId, intervalMs]);
  const cancel = useCallback(() => {
    if (!jobId) return;
    void call('jobs:cancel', { jobId });
    setState((s) => (s ? { ...s, cancelRequested: true, message: '正在取消…' } : s));
  }, [jobId]);
  const percent = state && state.total > 0 ? Math.min(99, Math.round((state.done / state.total) * 100)) : 0;
  return { state, percent, cancel };
}
