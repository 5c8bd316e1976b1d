/**
 * The ledger's rows, loaded a window at a time: `hazards:list` with offset/limit for the windows the clerk scrolls
 * to, never the whole ledger. The table gets one entry per hazard (total from the server); rows not loaded yet
 * are placeholders, and a placeholder that stays on screen asks for its window.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../api/client';
import { errorMessage } from '../api/errors';
import type { HazardListQuery, HazardRow } from './types';

export const WINDOW_SIZE = 200;

export interface Placeholder {
  placeholder: true;
  index: number;
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

export function useHazardWindows(query: Omit<HazardListQuery, 'offset' | 'limit'>) {
  const key = JSON.stringify(query);
  const [state, setState] = useState<State>({ key, total: null, windows: new Map(), error: null });
  const [generation, setGeneration] = useState(0);
  const inFlight = useRef(new Set<string>());
  const current = useRef({ key, generation });
  current.current = { key, generation };
  const queryRef = useRef(query);
  queryRef.current = query;

  const load = useCallback((w: number) => {
    const { key: k, generation: g } = current.current;
    const tag = `${g}|${k}|${w}`;
    if (inFlight.current.has(tag)) return;
    inFlight.current.add(tag);
    call('hazards:list', { ...queryRef.current, offset: w * WINDOW_SIZE, limit: WINDOW_SIZE }).then(
      (res) => {
        if (current.current.key !== k || current.current.generation !== g) return;
        setState((s) => {
          if (s.key !== k) return s;
          const windows = new Map(s.windows);
          windows.set(w, res.rows);
          // Someone changed the ledger meanwhile: the other windows no longer line up.
          if (s.total !== null && s.total !== res.total) for (const other of [...windows.keys()]) if (other !== w) windows.delete(other);
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
  useEffect(() => {
    inFlight.current.clear();
    setState((s) => ({ key, total: s.key === key ? s.total : null, windows: new Map(), error: null }));
    load(0);
  }, [key, generation, load]);

  const stateForKey = state.key === key ? state : { key, total: null, windows: new Map<number, HazardRow[]>(), error: null };

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
    const out: LedgerRow[] = new Array(total);
    for (let i = 0; i < total; i++) {
      const win = stateForKey.windows.get(Math.floor(i / WINDOW_SIZE));
      out[i] = win?.[i % WINDOW_SIZE] ?? { placeholder: true, index: i };
    }
    return out;
  }, [stateForKey.total, stateForKey.windows]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
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
