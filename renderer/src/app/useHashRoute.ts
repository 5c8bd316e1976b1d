/** Hash-based navigation (#/pledges, #/coverage?notice=3): no router dependency, works from file:// too. */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface HashRoute {
  path: string;
  query: URLSearchParams;
}

export function parseHash(hash: string): HashRoute {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', qs = ''] = raw.split('?');
  return { path, query: new URLSearchParams(qs) };
}

export function routeHref(path: string, query?: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return `#/${path}${s ? `?${s}` : ''}`;
}

/** `beforeRender` sees each new address before the page for it renders (to start its first request). */
export function useHashRoute(beforeRender?: (path: string, query: URLSearchParams) => void) {
  const [route, setRoute] = useState<HashRoute>(() => parseHash(window.location.hash));
  const before = useRef(beforeRender);
  before.current = beforeRender;
  useEffect(() => {
    const onChange = () => {
      const r = parseHash(window.location.hash);
      before.current?.(r.path, r.query);
      setRoute(r);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((path: string, query?: Record<string, string | number | undefined>) => {
    window.location.hash = routeHref(path, query);
  }, []);
  return { route, navigate };
}
