/** Handlers of the settings (core/settings/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { getSettings, updateSettings } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'settings:get': (ctx) => getSettings(ctx),
  'settings:update': (ctx, i) => updateSettings(ctx, i.patch),
} satisfies HandlerMap<typeof contract, typeof outputs>;
