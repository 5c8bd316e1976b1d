/**
 * The IPC contract's OUTPUT side: for every channel, the zod schema of what its handler returns. The renderer's
 * client takes its result types from here (z.infer), and core/ipc/handlers.ts is checked at compile time against
 * these schemas, so a service change that breaks what the renderer reads fails `npm run typecheck`.
 * Objects are not strict (a handler may return more than the renderer reads), but listed fields are required.
 */
import { z } from 'zod';
import type { Channel } from './contract';

const id = z.number().int();
const unitKind = z.enum(['乡镇', '街道', '开发区', '部门', '企业', '其他']);

/** A handler that returns nothing (the dispatcher sends null). */
const done = z.custom<void>((v) => v === null || v === undefined, '应无返回值');
/** A file written through the save dialog; null when the clerk cancelled. */
const savedFile = z.object({ file: z.string() }).nullable();
/** A PDF held for the print preview pane (services/printPreview.ts). */
const printPreview = z.object({
  token: z.string(),
  title: z.string(),
  defaultName: z.string(),
  base64: z.string(),
  size: z.number(),
  warnings: z.array(z.string()),
});
/** Progress of a long job (core/jobs.ts). */
const jobState = z.object({
  id: z.string(),
  label: z.string(),
  done: z.number(),
  total: z.number(),
  message: z.string(),
  finished: z.boolean(),
  cancelRequested: z.boolean(),
  cancellable: z.boolean(),
});

export const unitRow = z.object({
  id,
  name: z.string(),
  kind: unitKind,
  parentId: id.nullable(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  aliases: z.array(z.string()),
  active: z.boolean(),
});
export const noticeRow = z.object({
  id,
  docNo: z.string(),
  issuer: z.string(),
  year: z.number().int(),
  seq: z.number().int(),
  title: z.string(),
  issuedOn: z.string().nullable(),
  deadline: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
const mergeResult = z.object({
  unit: unitRow,
  moved: z.object({
    pledges: z.number(),
    returns: z.number(),
    hazards: z.number(),
    requirements: z.number(),
    imports: z.number(),
    mappings: z.number(),
    children: z.number(),
    aliases: z.number(),
  }),
});
const dataDirInfo = z.object({
  dataDir: z.string(),
  dbFile: z.string(),
  attachmentsDir: z.string(),
  backupsDir: z.string(),
  tmpDir: z.string(),
  onNetwork: z.boolean(),
  empty: z.boolean(),
});

/**
 * Channels whose output schema is still `z.unknown()`: the renderer keeps reading their type from the handler
 * (renderer/src/api/client.ts) until each gets a real schema here. Shrink this list; never grow it.
 */
export const OUTPUT_SCHEMA_DEBT = [
  'app:loadDemo',
  'settings:get',
  'settings:update',
  'notices:requirements',
  'notices:setRequirements',
  'hazards:list',
  'hazards:get',
  'hazards:create',
  'hazards:update',
  'hazards:changeStatus',
  'returns:list',
  'returns:register',
  'returns:update',
  'returns:sendBack',
  'returns:history',
  'board:get',
  'stats:get',
  'home:summary',
  'imports:pickFile',
  'imports:preview',
  'imports:commit',
  'imports:returnLetter',
  'imports:list',
  'imports:undo',
  'imports:template',
  'trash:list',
  'backup:create',
  'backup:inspect',
  'backup:restore',
  'backup:chooseAutoDir',
  'check:run',
  'pledges:list',
  'pledges:get',
  'pledges:create',
  'pledges:update',
  'pledges:coverage',
  'attachments:pick',
  'attachments:pickDocument',
  'attachments:preview',
  'attachments:rotate',
  'audit:list',
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

  'hazards:export': savedFile,
  'hazards:delete': done,

  'returns:export': savedFile,
  'returns:delete': done,

  'board:export': savedFile,
  'board:printChase': printPreview,
  'board:exportChase': savedFile,

  'stats:exportExcel': savedFile,

  'jobs:progress': jobState.nullable(),
  'jobs:cancel': z.boolean(),

  'trash:restore': done,

  'pledges:export': savedFile,
  'pledges:delete': done,
  'pledges:coverageDefault': z.object({ noticeId: id.nullable() }),
  'pledges:print': printPreview,

  'print:pdf': z.object({ printed: z.boolean() }),
  'print:save': savedFile,

  'attachments:open': done,

  'volumes:delete': done,
  'volumes:printPreview': printPreview,
  'volumes:exportLedger': savedFile,
  'volumes:exportPledgeSummary': savedFile,
  'volumes:exportBoard': savedFile,
} satisfies { [C in Channel]: z.ZodType };

export type Outputs = typeof outputs;
export type ChannelResult<C extends Channel> = z.infer<Outputs[C]>;
