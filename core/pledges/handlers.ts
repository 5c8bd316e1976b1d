/** Handlers of pledges:* (core/pledges/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { exportList } from '../exports/lists';
import { previewPledgeForm } from '../print/preview';
import { defaultCoverageNotice, pledgeCoverage } from './coverage';
import { createPledge, deletePledge, updatePledge } from './editing';
import { getPledge, listPledges } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'pledges:list': (ctx, i) => listPledges(ctx, i),
  'pledges:export': (ctx, i) => exportList(ctx, { list: 'pledges', filter: i }),
  'pledges:get': (ctx, i) => getPledge(ctx, i.id),
  'pledges:create': (ctx, i) => createPledge(ctx, i),
  'pledges:update': (ctx, i) => updatePledge(ctx, i.id, i.patch),
  'pledges:delete': (ctx, i) => deletePledge(ctx, i.id),
  'pledges:coverage': (ctx, i) => pledgeCoverage(ctx, i.noticeId),
  'pledges:coverageDefault': (ctx) => ({ noticeId: defaultCoverageNotice(ctx) }),
  'pledges:print': (ctx, i) => previewPledgeForm(ctx, i.id),
} satisfies HandlerMap<typeof contract, typeof outputs>;
