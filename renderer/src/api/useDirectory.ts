/** The reference lists most forms need: the unit directory and the notices. */
import { useMemo } from 'react';
import { call } from './client';
import type { Notice, Unit } from './types';
import { useRequest } from './useRequest';

export function useUnits() {
  const req = useRequest(() => call('units:list', {}), []);
  const units: Unit[] = useMemo(() => req.data ?? [], [req.data]);
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  return { ...req, units, byId };
}

export function useNotices() {
  const req = useRequest(() => call('notices:list', {}), []);
  const notices: Notice[] = req.data ?? [];
  return { ...req, notices };
}
