/** IPC contract of the 报送 (returns:*) and the board that tracks them (board:*, 报送情况). */
import { z } from 'zod';
import {
  count,
  date,
  done,
  id,
  named,
  optText,
  printPreview,
  rowId,
  savedFile,
  scanView,
  str,
  text,
} from '../ipc/primitives';

const returnKind = z.enum(['report', 'worklist', 'selfcheck', 'ledger']);
const returnQuery = z
  .object({
    noticeId: id.optional(),
    unitId: id.optional(),
    kind: named('报送类别', returnKind).optional(),
    status: named('报送状态', z.enum(['已接收', '退回修改'])).optional(),
    latestOnly: z.boolean().optional(),
  })
  .strict();
const boardQuery = z.object({ noticeId: id.optional(), onlyLate: z.boolean().optional() }).strict();

export const contract = {
  'returns:list': returnQuery,
  'returns:export': returnQuery,
  'returns:register': z
    .object({
      noticeId: id,
      unitId: id,
      kind: named('报送类别', returnKind),
      period: text(10).nullish(),
      title: named('材料题名', optText(300)),
      ownDocNo: named('文号', optText(100)),
      receivedDate: named('收到日期', date),
      approved: z.boolean().optional(),
      sealed: z.boolean().optional(),
      content: optText(200_000),
      textLength: z.number().int().min(0).max(10_000_000).nullish(),
      attachmentIds: z.array(id).max(50).optional(),
      notes: optText(2000),
    })
    .strict(),
  'returns:update': z
    .object({
      id,
      patch: z
        .object({
          title: named('材料题名', optText(300)),
          ownDocNo: named('文号', optText(100)),
          receivedDate: named('收到日期', date).optional(),
          approved: z.boolean().optional(),
          sealed: z.boolean().optional(),
          notes: optText(2000),
          attachmentIds: named('附件', z.array(id).max(50)).optional(),
        })
        .strict(),
    })
    .strict(),
  'returns:delete': z.object({ id }).strict(),
  'returns:sendBack': z.object({ id, reason: text(500) }).strict(),
  'returns:history': z.object({ id }).strict(),

  'board:get': boardQuery,
  /** 导出 of the board page; also the 材料报送情况跟踪表 of the volumes page (导出台账 Excel). */
  'board:export': boardQuery,
  /** The 催报通知 PDF for the print preview (打印 / 另存为 through print:pdf / print:save). */
  'board:printChase': boardQuery,
  'board:exportChase': z
    .object({ noticeId: id.optional(), onlyLate: z.boolean().optional(), format: z.enum(['xlsx', 'pdf']) })
    .strict(),
} as const satisfies Record<string, z.ZodType>;

/** One 报送 (a submission of a report, work list, self-check or ledger). */
export const returnView = z.object({
  id: rowId,
  noticeId: rowId.nullable(),
  /** The notice's 文号; the report's own is ownDocNo. */
  docNo: z.string(),
  ownDocNo: str,
  unitId: rowId.nullable(),
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
  previousId: rowId.nullable(),
  latest: z.boolean(),
  notes: str,
  attachments: z.array(z.object(scanView)),
});

export const boardStatus = z.enum(['未交', '已交', '逾期', '逾期补交', '退回修改']);
export const boardCell = z.object({
  columnKey: z.string(),
  status: boardStatus,
  deadline: str,
  period: str,
  periodLabel: z.string(),
  submittedDate: str,
  submissionId: rowId.nullable(),
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
      noticeId: rowId,
      docNo: z.string(),
      noticeTitle: z.string(),
      kind: z.enum(['pledge', 'report', 'worklist', 'selfcheck', 'ledger']),
      label: z.string(),
    }),
  ),
  rows: z.array(
    z.object({
      unitId: rowId,
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

export const outputs = {
  'returns:list': z.array(returnView),
  'returns:export': savedFile,
  'returns:register': returnView,
  'returns:update': returnView,
  'returns:delete': done,
  'returns:sendBack': returnView,
  'returns:history': z.array(returnView),

  'board:get': board,
  'board:export': savedFile,
  'board:printChase': printPreview,
  'board:exportChase': savedFile,
} satisfies { [C in keyof typeof contract]: z.ZodType };
