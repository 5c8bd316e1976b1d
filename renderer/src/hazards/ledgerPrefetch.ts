/**
 * The ledger's first window, asked for before the page has rendered: at start-up when the address is the ledger,
 * when the menu or a link opens it, and in the filter bar's event handlers. The page's own request for the same
 * query then takes this one instead of starting after its render — the query and the render overlap.
 */
import { call, type ChannelOutput } from '../api/client';
import { hazardFiltersFromQuery, ledgerQuery } from './hazardFilterModel';
import type { HazardListQuery } from './types';

/** Rows per `hazards:list` call; the table asks for the windows on screen. */
export const WINDOW_SIZE = 200;

export type LedgerQuery = Omit<HazardListQuery, 'offset' | 'limit'>;
export type LedgerPage = ChannelOutput<'hazards:list'>;

interface Early {
  at: number;
  promise: Promise<LedgerPage>;
  value?: LedgerPage;
}

/** Taken within this many ms or dropped: an answer older than that may predate a change. */
const MAX_AGE = 2000;
const early = new Map<string, Early>();

export const ledgerKey = (q: LedgerQuery): string => JSON.stringify(q);

/** Starts the first window of `q` now (once per query); resolves when it is in (never rejects). */
export function prefetchLedger(q: LedgerQuery): Promise<unknown> {
  const key = ledgerKey(q);
  const now = performance.now();
  const had = early.get(key);
  if (had && now - had.at < MAX_AGE) return had.promise.catch(() => {});
  const e: Early = { at: now, promise: call('hazards:list', { ...q, offset: 0, limit: WINDOW_SIZE }) };
  e.promise.then(
    (v) => (e.value = v),
    () => early.delete(key),
  );
  early.set(key, e);
  return e.promise.catch(() => {});
}

/** The early request for `key`, if one is fresh; it is handed out once. */
export function takeLedger(key: string): { promise: Promise<LedgerPage>; value?: LedgerPage } | undefined {
  const e = early.get(key);
  early.delete(key);
  return e && performance.now() - e.at < MAX_AGE ? e : undefined;
}

/** Forget every early answer (after a write). */
export function dropPrefetched(): void {
  early.clear();
}

/**
 * Called with the address before the page for it renders (start-up, hash changes); returns the request started,
 * if any.
 */
export function prefetchRoute(path: string, query: URLSearchParams): Promise<unknown> | undefined {
  if (path === 'hazards') return prefetchLedger(ledgerQuery(hazardFiltersFromQuery(query), {}));
  return undefined;
}
