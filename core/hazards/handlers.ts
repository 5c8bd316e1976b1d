/** Handlers of hazards:* (core/hazards/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { exportList } from '../exports/lists';
import { changeHazardStatus } from './closure';
import { createHazard, deleteHazard, updateHazard } from './editing';
import { getHazard, listHazards } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'hazards:list': (ctx, i) => listHazards(ctx, i),
  'hazards:export': (ctx, i) => exportList(ctx, { list: 'hazards', filter: i }),
  'hazards:get': (ctx, i) => getHazard(ctx, i.id),
  'hazards:create': (ctx, i) => createHazard(ctx, i),
  'hazards:update': (ctx, i) => updateHazard(ctx, i.id, i.patch),
  'hazards:delete': (ctx, i) => deleteHazard(ctx, i.id),
  'hazards:changeStatus': (ctx, i) => changeHazardStatus(ctx, i),
} satisfies HandlerMap<typeof contract, typeof outputs>;
