/** Hash-based navigation (#/pledges, #/coverage?notice=3): no router dependency, works from file:// too. */
import { useCallback, useEffect, useState } from 'react';

export interface HashRoute {
  path: string;
  query: URLSearchParams;
}

function parse(hash: string): HashRoute {
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

export function useHashRoute() {
  const [route, setRoute] = useState<HashRoute>(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((path: string, query?: Record<string, string | number | undefined>) => {
    window.location.hash = routeHref(path, query);
  }, []);
  return { route, navigate };
}
