/** Handlers of units:* (core/units/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { exportList } from '../exports/lists';
import { createUnit, listUnits, mergeUnits, setUnitActive, updateUnit } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'units:list': (ctx, i) => listUnits(ctx, i),
  'units:export': (ctx, i) => exportList(ctx, { list: 'units', filter: i }),
  'units:create': (ctx, i) => createUnit(ctx, i),
  'units:update': (ctx, i) => updateUnit(ctx, i.id, i.patch),
  'units:merge': (ctx, i) => mergeUnits(ctx, i.fromId, i.intoId),
  'units:setActive': (ctx, i) => setUnitActive(ctx, i.id, i.active),
} satisfies HandlerMap<typeof contract, typeof outputs>;
