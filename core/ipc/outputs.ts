/**
 * The IPC contract's OUTPUT side: for every channel, the zod schema of what its handler returns. The renderer's
 * client takes its result types from here (z.infer), and core/ipc/handlers.ts is checked at compile time against
 * these schemas, so a service change that breaks what the renderer reads fails `npm run typecheck`.
 * Objects are not strict (a handler may return more than the renderer reads), but listed fields are required.
 */
import { z } from 'zod';
import type { Channel } from './contract';
import {
  id,
  done,
  savedFile,
  printPreview,
  jobState,
  unitRow,
  noticeRow,
  mergeResult,
  dataDirInfo,
  str,
  hazardView,
  hazardListRow,
  page,
  pledgeView,
  count,
  coverage,
  returnView,
} from './outputs/records';
import {
  board,
  stats,
  homeSummary,
  requirement,
  trashItem,
  auditRow,
  attachmentRow,
  backupMade,
  backupSeen,
  checkReport,
  importBatch,
} from './outputs/reports';

/**
 * Channels whose output schema is still `z.unknown()`: the renderer keeps reading their type from the handler
 * (renderer/src/api/client.ts), which is why the renderer may still type-import core/ipc/handlers.ts. Shrink this
 * list; never grow it (tests/app/outputs.test.ts caps its length). Left for now:
 * - settings:get/update, backup:chooseAutoDir (returns the settings): settings keys are being added in parallel;
 * - volumes:*: the volume structures change with the archive package and seal work in progress;
 * - imports:preview/commit/returnLetter: the import plan and its per-row report, large and internal;
 * - app:loadDemo: a summary of what the demo filled in, shown once.
 */
export const OUTPUT_SCHEMA_DEBT = [
  'app:loadDemo',
  'settings:get',
  'settings:update',
  'imports:preview',
  'imports:commit',
  'imports:returnLetter',
  'backup:chooseAutoDir',
  'volumes:list',
  'volumes:get',
  'volumes:preview',
  'volumes:create',
  'volumes:update',
  'volumes:check',
  'volumes:status',
  'volumes:export',
  'volumes:seal',
  'volumes:supplement',
  'volumes:newEdition',
  'volumes:history',
  // arrived with the 卷脊, 归档信息包 and 四性检测 work, merged after this list was made
  'volumes:spine',
  'volumes:exportPackage',
  'volumes:checkPackage',
  'volumes:openCheckReport',
  'volumes:exportedPackages',
  'volumes:recheckArchives',
  'volumes:recheckState',
] as const satisfies readonly Channel[];
export type OutputDebtChannel = (typeof OUTPUT_SCHEMA_DEBT)[number];

const debt = Object.fromEntries(OUTPUT_SCHEMA_DEBT.map((c) => [c, z.unknown()])) as {
  [C in OutputDebtChannel]: z.ZodUnknown;
};

export const outputs = {
  ...debt,
  'app:info': dataDirInfo.extend({ version: z.string() }),
  'app:chooseDataDir': z.object({ dataDir: z.string(), restarting: z.boolean() }).nullable(),
  'app:showDataDir': done,

  'units:list': z.array(unitRow),
  'units:export': savedFile,
  'units:create': unitRow,
  'units:update': unitRow,
  'units:merge': mergeResult,
  'units:setActive': unitRow,

  'notices:list': z.array(noticeRow),
  'notices:create': noticeRow,
  'notices:update': noticeRow,
  'notices:requirements': z.array(requirement),
  'notices:setRequirements': z.array(requirement),

  'hazards:list': page(hazardListRow),
  'hazards:get': hazardView,
  'hazards:create': hazardView,
  'hazards:update': hazardView,
  'hazards:changeStatus': z.object({ changed: z.number().int(), unchanged: z.number().int() }),
  'hazards:export': savedFile,
  'hazards:delete': done,

  'returns:list': z.array(returnView),
  'returns:register': returnView,
  'returns:update': returnView,
  'returns:sendBack': returnView,
  'returns:history': z.array(returnView),
  'returns:export': savedFile,
  'returns:delete': done,

  'board:get': board,
  'board:export': savedFile,
  'board:printChase': printPreview,
  'board:exportChase': savedFile,

  'stats:get': stats,
  'stats:exportExcel': savedFile,

  'home:summary': homeSummary,

  'imports:pickFile': z.object({ token: z.string(), fileName: z.string(), size: z.number() }).nullable(),
  'imports:list': z.array(importBatch),
  'imports:undo': z.object({ batch: id, reverted: count }),
  'imports:template': savedFile,

  'jobs:progress': jobState.nullable(),
  'jobs:cancel': z.boolean(),

  'trash:list': z.array(trashItem),
  'trash:restore': done,

  'pledges:list': page(pledgeView),
  'pledges:get': pledgeView,
  'pledges:create': pledgeView,
  'pledges:update': pledgeView,
  'pledges:coverage': coverage,
  'backup:create': backupMade,
  'backup:inspect': backupSeen,
  'backup:restore': z.object({ safetyBackup: str, restarting: z.boolean() }),
  'check:run': checkReport,

  'pledges:export': savedFile,
  'pledges:delete': done,
  'pledges:coverageDefault': z.object({ noticeId: id.nullable() }),
  'pledges:print': printPreview,

  'print:pdf': z.object({ printed: z.boolean() }),
  'print:save': savedFile,

  'attachments:pick': z.array(attachmentRow),
  'attachments:pickDocument': z.array(attachmentRow.extend({ textLength: count.nullable() })),
  'attachments:preview': z.object({ attachment: attachmentRow, base64: z.string() }),
  'attachments:open': done,
  'attachments:rotate': attachmentRow,

  'audit:list': page(auditRow),

  'volumes:delete': done,
  'volumes:printPreview': printPreview,
  'volumes:exportLedger': savedFile,
  'volumes:exportPledgeSummary': savedFile,
  'volumes:exportBoard': savedFile,
} satisfies { [C in Channel]: z.ZodType };

export type Outputs = typeof outputs;
export type ChannelResult<C extends Channel> = z.infer<Outputs[C]>;
