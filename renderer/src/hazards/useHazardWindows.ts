/**
 * The ledger's rows, loaded a window at a time: `hazards:list` with offset/limit for the windows the clerk scrolls
 * to, never the whole ledger. The page shows a range of row indexes (the rows on screen and a few around them);
 * rows of the range not loaded yet are placeholders, and a placeholder that stays on screen asks for its window.
 * The first window of a query may have been asked for already (ledgerPrefetch): then that answer is used, at
 * once if it is in.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../api/client';
import { errorMessage } from '../api/errors';
import {
  dropPrefetched,
  ledgerKey,
  takeLedger,
  WINDOW_SIZE,
  type LedgerPage,
  type LedgerQuery,
} from './ledgerPrefetch';
import type { HazardRow } from './types';

export { WINDOW_SIZE };

export interface Placeholder {
  placeholder: true;
  index: number;
  /** The row key: negative, so it never meets a hazard's id. */
  id: number;
}

export type LedgerRow = HazardRow | Placeholder;

export function isPlaceholder(r: LedgerRow): r is Placeholder {
  return 'placeholder' in r;
}

interface State {
  key: string;
  total: number | null;
  windows: Map<number, HazardRow[]>;
  error: string | null;
}

/** The state for `key` with its first window, when that answer is already in. */
function initial(key: string, first: LedgerPage | undefined, total: number | null = null): State {
  return first
    ? { key, total: first.total, windows: new Map([[0, first.rows]]), error: null }
    : { key, total, windows: new Map(), error: null };
}

/** `range`: the row indexes [start, end) the page shows. */
export function useHazardWindows(query: LedgerQuery, range: { start: number; end: number }) {
  const key = ledgerKey(query);
  // A first window asked for before this render, kept for the effect below (or used right away when it is in).
  const pending = useRef<{ key: string; promise: Promise<LedgerPage> } | null>(null);
  const [state, setState] = useState<State>(() => {
    const e = takeLedger(key);
    if (e && !e.value) pending.current = { key, promise: e.promise };
    return initial(key, e?.value);
  });
  const [generation, setGeneration] = useState(0);
  const inFlight = useRef(new Set<string>());
  const current = useRef({ key, generation });
  current.current = { key, generation };
  const queryRef = useRef(query);
  queryRef.current = query;

  const load = useCallback((w: number, early?: Promise<LedgerPage>) => {
    const { key: k, generation: g } = current.current;
    const tag = `${g}|${k}|${w}`;
    if (inFlight.current.has(tag)) return;
    inFlight.current.add(tag);
    (early ?? call('hazards:list', { ...queryRef.current, offset: w * WINDOW_SIZE, limit: WINDOW_SIZE })).then(
      (res) => {
        if (current.current.key !== k || current.current.generation !== g) return;
        setState((s) => {
          if (s.key !== k) return s;
          const windows = new Map(s.windows);
          windows.set(w, res.rows);
          // Someone changed the ledger meanwhile: the other windows no longer line up.
          if (s.total !== null && s.total !== res.total)
            for (const other of [...windows.keys()]) if (other !== w) windows.delete(other);
          return { key: k, total: res.total, windows, error: null };
        });
      },
      (e: unknown) => {
        inFlight.current.delete(tag);
        if (current.current.key === k) setState((s) => ({ ...s, error: errorMessage(e) }));
      },
    );
  }, []);

  // A new query (filters or sort) or a reload: start again from the first window.
  const started = useRef(false);
  useEffect(() => {
    const first = !started.current;
    started.current = true;
    inFlight.current.clear();
    if (first && state.key === key && state.windows.has(0)) return; // the first window came with the first render
    const early = takeEarly(key);
    if (early?.value) {
      setState(initial(key, early.value));
      return;
    }
    setState((s) => ({ key, total: s.key === key ? s.total : null, windows: new Map(), error: null }));
    load(0, early?.promise);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation, load]);

  /** The early request for `key`: the one taken at the first render, or one started since (a filter change). */
  function takeEarly(k: string) {
    const p = pending.current;
    pending.current = null;
    if (p?.key === k) return { promise: p.promise, value: undefined };
    return takeLedger(k);
  }

  const stateForKey =
    state.key === key ? state : { key, total: null, windows: new Map<number, HazardRow[]>(), error: null };

  /** Called by a placeholder row that is on screen. */
  const need = useCallback(
    (index: number) => {
      const w = Math.floor(index / WINDOW_SIZE);
      if (!stateForKeyRef.current.windows.has(w)) load(w);
    },
    [load],
  );
  const stateForKeyRef = useRef(stateForKey);
  stateForKeyRef.current = stateForKey;

  const rows = useMemo<LedgerRow[]>(() => {
    const total = stateForKey.total ?? 0;
    const end = Math.min(total, range.end);
    const out: LedgerRow[] = [];
    for (let i = Math.max(0, range.start); i < end; i++) {
      out.push(
        stateForKey.windows.get(Math.floor(i / WINDOW_SIZE))?.[i % WINDOW_SIZE] ?? {
          placeholder: true,
          index: i,
          id: -1 - i,
        },
      );
    }
    return out;
  }, [stateForKey.total, stateForKey.windows, range.start, range.end]);

  const reload = useCallback(() => {
    dropPrefetched();
    pending.current = null;
    setGeneration((g) => g + 1);
  }, []);
  const loadedRows = useMemo(() => [...stateForKey.windows.values()].flat(), [stateForKey.windows]);

  return {
    rows,
    loadedRows,
    total: stateForKey.total,
    loading: stateForKey.total === null && !stateForKey.error,
    error: stateForKey.error,
    need,
    reload,
  };
}
