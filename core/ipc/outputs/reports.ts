/** Output shapes of the summary channels: board, stats, 工作台, requirements, trash, audit, backup, imports. */
import { z } from 'zod';
import { id, str, hazardListRow, scanView, count, returnView } from './records';

export const boardStatus = z.enum(['未交', '已交', '逾期', '逾期补交', '退回修改']);
export const boardCell = z.object({
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
export const statsRow = z.object({
  key: z.string(),
  checked: count,
  total: count,
  major: count,
  rectified: count,
  majorRectified: count,
  overdue: count,
  rate: z.number(),
});
export const stats = z.object({
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
export const homeItem = z.object({
  unitId: id,
  unitName: z.string(),
  docNo: z.string(),
  what: z.string(),
  deadline: str,
  status: boardStatus,
  detail: str,
});
export const homeSummary = z.object({
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
  /** The start-up re-check of sealed volumes, boxes and exported packages (core/archivePackage/checkRecheck.ts). */
  archives: z.object({
    running: z.boolean(),
    scope: z.enum(['digests', 'full']).nullable(),
    startedAt: str,
    checkedAt: str,
    volumes: count,
    packages: count,
    changes: z.array(
      z.object({
        kind: z.enum(['volume', 'box', 'package']),
        id,
        title: z.string(),
        where: z.string(),
        state: z.enum(['changed', 'missing']),
        changes: z.array(z.string()),
      }),
    ),
    error: str,
  }),
});

export const requirement = z.object({
  unitId: id,
  unitName: z.string(),
  kind: z.enum(['pledge', 'report', 'worklist', 'selfcheck', 'ledger']),
  expectedCount: count,
  deadline: str,
  period: z.enum(['once', 'monthly', 'quarterly']),
  dueDay: count.nullable(),
  lengthLimit: count.nullable(),
});
export const trashItem = z.object({
  entity: z.enum(['pledge', 'hazard', 'return']),
  label: z.string(),
  id,
  title: z.string(),
  deletedAt: z.string(),
  purgeOn: z.string(),
});
/** One entry of 操作记录 as stored (before/after are JSON text). */
export const auditRow = z.object({
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
export const attachmentRow = z.object({
  ...scanView,
  sha256: z.string(),
  pageRotations: str,
  createdAt: z.string(),
});

export const tableCounts = z.record(z.string(), count);
export const backupMade = z
  .object({ file: z.string(), bytes: z.number(), ms: z.number(), counts: tableCounts, problems: z.array(z.string()) })
  .nullable();
export const backupSeen = z
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
export const checkReport = z.object({
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
export const importBatch = z.object({
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
