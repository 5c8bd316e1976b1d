/** Handlers of print:* (core/print/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { printHeld, saveHeld } from './preview';
import type { contract, outputs } from './contract';

export const handlers = {
  'print:pdf': (ctx, i) => printHeld(ctx, i.token),
  'print:save': (ctx, i) => saveHeld(ctx, i.token),
} satisfies HandlerMap<typeof contract, typeof outputs>;
