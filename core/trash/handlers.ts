/** Handlers of trash:* (core/trash/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { listTrash, restoreFromTrash } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'trash:list': (ctx) => listTrash(ctx),
  'trash:restore': (ctx, i) => restoreFromTrash(ctx, i.entity, i.id),
} satisfies HandlerMap<typeof contract, typeof outputs>;
