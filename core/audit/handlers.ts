/** Handlers of audit:* (core/audit/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { listAudit } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'audit:list': (ctx, i) => listAudit(ctx, i),
} satisfies HandlerMap<typeof contract, typeof outputs>;
