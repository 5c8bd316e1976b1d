/** App-wide state every page may need: the settings (office name in the header) and navigation. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Settings } from '../api/types';

export interface AppState {
  settings: Settings | undefined;
  reloadSettings: () => void;
  navigate: (path: string, query?: Record<string, string | number | undefined>) => void;
}

const Ctx = createContext<AppState | null>(null);

export function AppStateProvider({ value, children }: { value: AppState; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAppState(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAppState outside AppStateProvider');
  return v;
}
