/**
 * Small data-loading hooks over the typed client: loading/error state for reads, and a runner for writes that
 * shows the server's Chinese message when a call fails.
 */
import { App } from 'antd';
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { errorMessage } from './errors';

export interface RequestState<T> {
  data: T | undefined;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

/** Runs `fn` whenever `deps` change (or reload() is called); keeps the previous data while reloading. */
export function useRequest<T>(
  fn: () => Promise<T>,
  deps: DependencyList,
  opts: { enabled?: boolean } = {},
): RequestState<T> {
  const enabled = opts.enabled ?? true;
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    let cancelled = false;
    setLoading(true);
    fnRef.current().then(
      (d) => {
        if (cancelled) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (cancelled) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, enabled]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, reload };
}

/**
 * Wraps a write: tracks `pending`, shows message.error with the server's message on failure and returns
 * undefined, so callers can simply `const r = await run(...); if (!r) return;`.
 */
export function useAction() {
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const run = useCallback(
    async <T>(
      fn: () => Promise<T>,
      opts: { success?: string | ((r: T) => string | null); silentError?: boolean } = {},
    ) => {
      setPending(true);
      try {
        const r = await fn();
        const text = typeof opts.success === 'function' ? opts.success(r) : opts.success;
        if (text) message.success(text);
        return { ok: true as const, value: r };
      } catch (e) {
        if (!opts.silentError) message.error(errorMessage(e), 6);
        return { ok: false as const, error: errorMessage(e) };
      } finally {
        setPending(false);
      }
    },
    [message],
  );
  return { run, pending };
}
