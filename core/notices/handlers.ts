/** Handlers of notices:* (core/notices/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { createNotice, listNotices, listRequirements, setRequirements, updateNotice } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'notices:list': (ctx, i) => listNotices(ctx, i),
  'notices:create': (ctx, i) => createNotice(ctx, i),
  'notices:update': (ctx, i) => updateNotice(ctx, i.id, i.patch),
  'notices:requirements': (ctx, i) => listRequirements(ctx, i.noticeId),
  'notices:setRequirements': (ctx, i) => setRequirements(ctx, i.noticeId, i.kind, i.items),
} satisfies HandlerMap<typeof contract, typeof outputs>;
