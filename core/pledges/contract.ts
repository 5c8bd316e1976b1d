/** IPC contract of the 明白书 (pledges:*): the register, its coverage of the units and the printed form. */
import { z } from 'zod';
import {
  count,
  date,
  done,
  empty,
  id,
  named,
  optText,
  page,
  printPreview,
  rowId,
  savedFile,
  scanView,
  str,
  text,
} from '../ipc/primitives';

const pledgeFilter = {
  search: text(100).optional(),
  noticeId: id.optional(),
  level: z.number().int().min(1).max(4).optional(),
  unitId: id.optional(),
  signed: z.enum(['signed', 'unsigned']).optional(),
  hasScan: z.boolean().optional(),
  dateFrom: date.optional(),
  dateTo: date.optional(),
  sortField: z.enum(['talkDate', 'signedDate', 'level', 'talkeeName', 'talkeeUnit', 'createdAt']).optional(),
  sortOrder: z.enum(['asc', 'desc']).optional(),
};

const pledgeInput = z
  .object({
    noticeId: id.nullish(),
    level: z.number().int().min(1, '谈话层级为 1–4').max(4, '谈话层级为 1–4'),
    talkerName: text(100),
    talkerTitle: text(100),
    talkeeName: text(100),
    talkeeUnitId: id,
    talkeeTitle: text(100),
    reportingUnitId: id.nullish(),
    talkDate: date.nullish(),
    signed: z.boolean(),
    signedDate: date.nullish(),
    custody: optText(200),
    notes: optText(2000),
    attachmentIds: z.array(id).max(50).optional(),
    confirmDuplicate: named('确认不是重复', z.boolean()).optional(),
  })
  .strict();

export const contract = {
  'pledges:list': z
    .object({
      ...pledgeFilter,
      page: z.number().int().min(1).max(1_000_000).optional(),
      pageSize: z.number().int().min(1).max(500).optional(),
    })
    .strict(),
  'pledges:export': z.object(pledgeFilter).strict(),
  'pledges:get': z.object({ id }).strict(),
  'pledges:create': pledgeInput,
  'pledges:update': z.object({ id, patch: pledgeInput.partial().strict() }).strict(),
  'pledges:delete': z.object({ id }).strict(),
  'pledges:coverage': z.object({ noticeId: id }).strict(),
  'pledges:coverageDefault': empty,
  /** The pre-filled form for the print preview. */
  'pledges:print': z.object({ id }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** One 明白书 (pledges:get/create/update and the list's rows). */
export const pledgeView = z.object({
  id: rowId,
  noticeId: rowId.nullable(),
  noticeDocNo: str,
  level: z.number().int(),
  talkerName: z.string(),
  talkerTitle: z.string(),
  talkeeName: z.string(),
  talkeeUnitId: rowId.nullable(),
  talkeeUnitName: z.string(),
  talkeeTitle: z.string(),
  reportingUnitId: rowId.nullable(),
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
export const coverage = z.object({
  noticeId: rowId,
  docNo: z.string(),
  title: z.string(),
  deadline: str,
  rows: z.array(
    z.object({
      unitId: rowId,
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

export const outputs = {
  'pledges:list': page(pledgeView),
  'pledges:export': savedFile,
  'pledges:get': pledgeView,
  'pledges:create': pledgeView,
  'pledges:update': pledgeView,
  'pledges:delete': done,
  'pledges:coverage': coverage,
  'pledges:coverageDefault': z.object({ noticeId: rowId.nullable() }),
  'pledges:print': printPreview,
} satisfies { [C in keyof typeof contract]: z.ZodType };
