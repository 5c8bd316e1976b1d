/**
 * The IPC contract's OUTPUT side: for every channel, the zod schema of what its handler returns. The renderer's
 * client takes its result types from here (z.infer), and core/ipc/handlers.ts is checked at compile time against
 * these schemas, so a service change that breaks what the renderer reads fails `npm run typecheck`.
 * Objects are not strict (a handler may return more than the renderer reads), but listed fields are required.
 */
import { z } from 'zod';
import type { Channel } from './contract';
import { HAZARD_LEVELS, HAZARD_STATUSES } from '../domain/hazard';

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

const str = z.string().nullable();
const hazardLevel = z.enum(HAZARD_LEVELS);
const hazardStatus = z.enum(HAZARD_STATUSES);
/** The ledger fields of a hazard (core/domain/hazard.ts HazardFields). */
const hazardFields = {
  hazardNo: str,
  enterpriseName: z.string(),
  townshipName: str,
  village: str,
  industry: str,
  category: str.optional(),
  description: z.string(),
  location: str,
  source: str,
  foundDate: str,
  foundBy: str,
  level: hazardLevel,
  responsibleUnit: str,
  responsiblePerson: str,
  measures: str,
  fundsFen: z.number().int().nullable(),
  deadlineDate: str,
  deadlineText: str,
  emergencyPlan: str,
  interimMeasures: str,
  status: hazardStatus,
  completedDate: str,
  acceptedBy: str,
  acceptedDate: str,
  supervised: z.boolean(),
  supervisingUnit: str.optional(),
  supervisionDeadline: str.optional(),
  notes: str,
};
/** One hazard with its history and scans (hazards:get/create/update). */
export const hazardView = z.object({
  ...hazardFields,
  id,
  category: str,
  supervisingUnit: str,
  supervisionDeadline: str,
  townshipUnitId: id.nullable(),
  noticeId: id.nullable(),
  noticeDocNo: str,
  reportingUnitId: id.nullable(),
  reportingUnitName: str,
  overdue: z.boolean(),
  five: z.object({
    items: z.array(z.object({ key: z.string(), ok: z.boolean() })),
    complete: z.boolean(),
    missing: z.array(z.string()),
  }),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(
    z.object({
      id,
      at: z.string(),
      actor: z.string(),
      fromStatus: hazardStatus.nullable(),
      toStatus: hazardStatus,
      note: str,
      source: z.string(),
    }),
  ),
  attachments: z.array(
    z.object({
      id,
      originalName: z.string(),
      mime: z.string(),
      size: z.number(),
      pageCount: z.number().int().nullable(),
      role: z.enum(['before', 'after', 'report', 'other']),
    }),
  ),
});
export const hazardListRow = z.object({
  id,
  hazardNo: str,
  enterpriseName: z.string(),
  townshipName: str,
  industry: str,
  category: str,
  description: z.string(),
  level: hazardLevel,
  status: hazardStatus,
  foundDate: str,
  deadlineDate: str,
  deadlineText: str,
  responsiblePerson: str,
  supervised: z.boolean(),
  overdue: z.boolean(),
  fiveComplete: z.boolean(),
  fiveMissing: z.array(z.string()),
});
/** A page of a list: its rows and how many match in all. */
const page = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), total: z.number().int() });

const scanView = {
  id,
  originalName: z.string(),
  mime: z.string(),
  size: z.number(),
  pageCount: z.number().int().nullable(),
};
/** One 明白书 (pledges:get/create/update and the list's rows). */
export const pledgeView = z.object({
  id,
  noticeId: id.nullable(),
  noticeDocNo: str,
  level: z.number().int(),
  talkerName: z.string(),
  talkerTitle: z.string(),
  talkeeName: z.string(),
  talkeeUnitId: id.nullable(),
  talkeeUnitName: z.string(),
  talkeeTitle: z.string(),
  reportingUnitId: id.nullable(),
  reportingUnitName: str,
  talkDate: str,
  signedDate: str,
  custody: str,
  status: z.enum(['未签订', '已签订', '已归档']),
  notes: str,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  attachments: z.array(z.object(scanView)),
});
const count = z.number().int();
const coverage = z.object({
  noticeId: id,
  docNo: z.string(),
  title: z.string(),
  deadline: str,
  rows: z.array(
    z.object({
      unitId: id,
      unitName: z.string(),
      unitKind: z.string(),
      expected: count,
      registered: count,
      signed: count,
      withScan: count,
      missing: count,
      deadline: str,
    }),
  ),
  totals: z.object({
    expected: count,
    registered: count,
    signed: count,
    signedRequired: count,
    withScan: count,
    missing: count,
    unitsComplete: count,
    unitsRequired: count,
    units: count,
  }),
});

/** One 报送 (a submission of a report, work list, self-check or ledger). */
export const returnView = z.object({
  id,
  noticeId: id.nullable(),
  docNo: z.string(),
  unitId: id.nullable(),
  unitName: z.string(),
  kind: z.enum(['report', 'worklist', 'selfcheck', 'ledger']),
  kindLabel: z.string(),
  period: str,
  title: str,
  receivedDate: z.string(),
  approved: z.boolean(),
  sealed: z.boolean(),
  content: str,
  textLength: count.nullable(),
  lengthLimit: count.nullable(),
  overLimit: z.boolean(),
  status: z.enum(['已接收', '退回修改']),
  returnReason: str,
  returnedAt: str,
  previousId: id.nullable(),
  latest: z.boolean(),
  notes: str,
  attachments: z.array(z.object(scanView)),
});

const boardStatus = z.enum(['未交', '已交', '逾期', '逾期补交', '退回修改']);
const boardCell = z.object({
  columnKey: z.string(),
  status: boardStatus,
  deadline: str,
  period: str,
  periodLabel: z.string(),
  submittedDate: str,
  submissionId: id.nullable(),
  detail: str,
  reason: str,
  missedPeriods: count,
});
/** 报送情况跟踪表: one column per (notice, kind), one row per unit. */
export const board = z.object({
  today: z.string(),
  columns: z.array(
    z.object({
      key: z.string(),
      noticeId: id,
      docNo: z.string(),
      noticeTitle: z.string(),
      kind: z.enum(['pledge', 'report', 'worklist', 'selfcheck', 'ledger']),
      label: z.string(),
    }),
  ),
  rows: z.array(
    z.object({
      unitId: id,
      unitName: z.string(),
      unitKind: z.string(),
      contact: str,
      phone: str,
      cells: z.record(z.string(), boardCell),
      late: count,
    }),
  ),
  totals: z.record(boardStatus, count),
});
const statsRow = z.object({
  key: z.string(),
  checked: count,
  total: count,
  major: count,
  rectified: count,
  majorRectified: count,
  overdue: count,
  rate: z.number(),
});
const stats = z.object({
  period: z.object({ from: str, to: str }),
  scope: z.object({
    townships: z.array(z.string()),
    industries: z.array(z.string()),
    categories: z.array(z.string()),
    levels: z.array(z.string()),
  }),
  hazards: statsRow.extend({
    byTownship: z.array(statsRow),
    byIndustry: z.array(statsRow),
    byCategory: z.array(statsRow),
    byMonth: z.array(statsRow),
  }),
  paragraph: z.string(),
});
const homeItem = z.object({
  unitId: id,
  unitName: z.string(),
  docNo: z.string(),
  what: z.string(),
  deadline: str,
  status: boardStatus,
  detail: str,
});
const homeSummary = z.object({
  today: z.string(),
  dueThisWeek: z.array(homeItem),
  dueThisWeekCount: count,
  late: z.array(homeItem),
  lateCount: count,
  openMajor: z.array(hazardListRow.extend({ supervisingUnit: str, supervisionDeadline: str })),
  openMajorCount: count,
  openMajorOverdueCount: count,
  latestReturns: z.array(returnView),
  pledges: z.object({ total: count, signed: count, withScan: count }),
  yearStats: z.object({ total: count, major: count, rectified: count, rate: z.number(), overdue: count }),
});

const requirement = z.object({
  unitId: id,
  unitName: z.string(),
  kind: z.enum(['pledge', 'report', 'worklist', 'selfcheck', 'ledger']),
  expectedCount: count,
  deadline: str,
  period: z.enum(['once', 'monthly', 'quarterly']),
  dueDay: count.nullable(),
  lengthLimit: count.nullable(),
});
const trashItem = z.object({
  entity: z.enum(['pledge', 'hazard', 'return']),
  label: z.string(),
  id,
  title: z.string(),
  deletedAt: z.string(),
  purgeOn: z.string(),
});
/** One entry of 操作记录 as stored (before/after are JSON text). */
const auditRow = z.object({
  id,
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: id.nullable(),
  summary: str,
  before: str,
  after: str,
});

/** A stored scan or document, as the attachments table holds it. */
const attachmentRow = z.object({
  ...scanView,
  sha256: z.string(),
  pageRotations: str,
  createdAt: z.string(),
});

const tableCounts = z.record(z.string(), count);
const backupMade = z
  .object({ file: z.string(), bytes: z.number(), ms: z.number(), counts: tableCounts, problems: z.array(z.string()) })
  .nullable();
const backupSeen = z
  .object({
    token: z.string(),
    file: z.string(),
    createdAt: z.string(),
    appVersion: z.string(),
    counts: tableCounts,
    attachments: count,
    bytes: z.number(),
    problems: z.array(z.string()),
  })
  .nullable();
const checkReport = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  problems: z.array(z.object({ severity: z.enum(['error', 'warning']), message: z.string(), action: z.string() })),
  stats: z.object({
    attachments: count,
    attachmentBytes: z.number(),
    orphanFiles: count,
    tempFiles: count,
    hazardsIndexed: count,
    hazards: count,
    leftovers: count,
  }),
  repaired: z.object({ tempFilesRemoved: count, leftoversRemoved: count, indexRebuilt: z.boolean() }).nullable(),
});

/** One import batch of 导入记录 (the stored row, counts parsed, unit and notice named). */
const importBatch = z.object({
  id,
  kind: z.enum(['hazard', 'pledge', 'worklist', 'report']),
  fileName: z.string(),
  fileSha256: z.string(),
  sourceAttachmentId: id.nullable(),
  unitId: id.nullable(),
  noticeId: id.nullable(),
  sheet: str,
  fingerprint: str,
  mapping: str,
  options: str,
  counts: z.record(z.string(), z.number()),
  status: z.enum(['committed', 'undone']),
  actor: z.string(),
  createdAt: z.string(),
  undoneAt: str,
  unitName: str,
  noticeDocNo: str,
});

/**
 * Channels whose output schema is still `z.unknown()`: the renderer keeps reading their type from the handler
 * (renderer/src/api/client.ts), which is why the renderer may still type-import core/ipc/handlers.ts. Shrink this
 * list; never grow it (tests/integration/outputs.test.ts caps its length). Left for now:
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
