/** Handlers of returns:* and board:* (core/returns/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { exportChase } from '../exports/service';
import { exportList } from '../exports/lists';
import { previewChaseNotice } from '../print/preview';
import { returnBoard } from './board';
import { deleteReturn, sendBackReturn, updateReturn } from './editing';
import { listReturns, registerReturn, returnHistory } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'returns:list': (ctx, i) => listReturns(ctx, i),
  'returns:export': (ctx, i) => exportList(ctx, { list: 'returns', filter: i }),
  'returns:register': (ctx, i) => registerReturn(ctx, i),
  'returns:update': (ctx, i) => updateReturn(ctx, i.id, i.patch),
  'returns:delete': (ctx, i) => deleteReturn(ctx, i.id),
  'returns:sendBack': (ctx, i) => sendBackReturn(ctx, i.id, i.reason),
  'returns:history': (ctx, i) => returnHistory(ctx, i.id),

  'board:get': (ctx, i) => returnBoard(ctx, i),
  'board:export': (ctx, i) => exportList(ctx, { list: 'board', filter: i }),
  'board:printChase': (ctx, i) => previewChaseNotice(ctx, i),
  'board:exportChase': (ctx, i) => exportChase(ctx, i),
} satisfies HandlerMap<typeof contract, typeof outputs>;
