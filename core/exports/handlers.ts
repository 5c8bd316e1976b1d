/** Handlers of exports:* (core/exports/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { hazardLedgerBytes, pledgeSummaryBytes, saveWorkbookInteractive } from './registers';
import type { contract, outputs } from './contract';

export const handlers = {
  'exports:ledger': (ctx, i) =>
    saveWorkbookInteractive(ctx, `隐患排查治理台账_${ctx.now().toISOString().slice(0, 10)}.xlsx`, () =>
      hazardLedgerBytes(ctx, i),
    ),
  'exports:pledgeSummary': (ctx, i) =>
    saveWorkbookInteractive(ctx, `明白书签订情况汇总表_${ctx.now().toISOString().slice(0, 10)}.xlsx`, () =>
      pledgeSummaryBytes(ctx, i),
    ),
} satisfies HandlerMap<typeof contract, typeof outputs>;
