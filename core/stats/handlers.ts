/** Handlers of stats:* and home:* (core/stats/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { exportStats } from '../exports/service';
import { homeSummary } from './home';
import { hazardStats, statsParagraph } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'stats:get': (ctx, i) => {
    const stats = hazardStats(ctx, i);
    return { ...stats, paragraph: statsParagraph(stats) };
  },
  'stats:exportExcel': (ctx, i) => exportStats(ctx, i),

  'home:summary': (ctx) => homeSummary(ctx),
} satisfies HandlerMap<typeof contract, typeof outputs>;
