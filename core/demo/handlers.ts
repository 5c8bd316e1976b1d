/** Handlers of the demo data (core/demo/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { fillDemo } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'app:loadDemo': (ctx) => fillDemo(ctx),
} satisfies HandlerMap<typeof contract, typeof outputs>;
