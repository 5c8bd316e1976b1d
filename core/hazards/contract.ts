/** IPC contract of the hazard ledger (隐患台账): inputs and outputs of hazards:*. */
import { z } from 'zod';
import {
  date,
  done,
  hazardFilter,
  hazardLevel,
  hazardStatus,
  id,
  ids,
  named,
  optText,
  page,
  rowId,
  savedFile,
  str,
  text,
} from '../ipc/primitives';

const hazardInput = z
  .object({
    hazardNo: optText(50),
    enterpriseName: text(200),
    townshipUnitId: id.nullable(),
    village: optText(100),
    industry: optText(50),
    category: optText(50),
    description: text(2000),
    location: optText(500),
    source: optText(50),
    foundDate: date.nullish(),
    foundBy: optText(100),
    level: named('隐患等级', hazardLevel).optional(),
    responsibleUnit: optText(200),
    responsiblePerson: optText(100),
    measures: optText(2000),
    fundsFen: z.number().int().min(0).max(1e13).nullish(),
    deadlineDate: date.nullish(),
    deadlineText: optText(100),
    emergencyPlan: optText(500),
    interimMeasures: optText(2000),
    status: hazardStatus.optional(),
    completedDate: date.nullish(),
    acceptedBy: optText(100),
    acceptedDate: date.nullish(),
    supervised: z.boolean().optional(),
    supervisingUnit: optText(100),
    supervisionDeadline: date.nullish(),
    notes: optText(2000),
    noticeId: id.nullish(),
    reportingUnitId: id.nullish(),
    attachments: z
      .array(z.object({ attachmentId: id, role: z.enum(['before', 'after', 'report', 'other']) }).strict())
      .max(100)
      .optional(),
    statusNote: optText(500),
    confirmDuplicate: named('确认不是重复', z.boolean()).optional(),
  })
  .strict();

export const contract = {
  'hazards:list': z
    .object({
      ...hazardFilter,
      sortField: z
        .enum(['foundDate', 'deadlineDate', 'level', 'status', 'enterpriseName', 'township', 'id'])
        .optional(),
      sortOrder: z.enum(['asc', 'desc']).optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  'hazards:export': z.object(hazardFilter).strict(),
  'hazards:get': z.object({ id }).strict(),
  'hazards:create': hazardInput,
  'hazards:update': z.object({ id, patch: hazardInput.partial().strict() }).strict(),
  'hazards:delete': z.object({ id }).strict(),
  'hazards:changeStatus': z
    .object({
      ids,
      to: named('改为状态', hazardStatus),
      note: optText(500),
      date: date.nullish(),
      acceptedBy: optText(100),
    })
    .strict(),
} as const satisfies Record<string, z.ZodType>;

/** The ledger fields of a hazard (core/domain/hazard.ts HazardFields). */
export const hazardFields = {
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
  id: rowId,
  category: str,
  supervisingUnit: str,
  supervisionDeadline: str,
  townshipUnitId: rowId.nullable(),
  noticeId: rowId.nullable(),
  noticeDocNo: str,
  reportingUnitId: rowId.nullable(),
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
      id: rowId,
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
      id: rowId,
      originalName: z.string(),
      mime: z.string(),
      size: z.number(),
      pageCount: z.number().int().nullable(),
      role: z.enum(['before', 'after', 'report', 'other']),
    }),
  ),
});
/** A row of the ledger list (hazards:list; the 工作台's open major hazards too). */
export const hazardListRow = z.object({
  id: rowId,
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

export const outputs = {
  'hazards:list': page(hazardListRow),
  'hazards:export': savedFile,
  'hazards:get': hazardView,
  'hazards:create': hazardView,
  'hazards:update': hazardView,
  'hazards:delete': done,
  'hazards:changeStatus': z.object({ changed: z.number().int(), unchanged: z.number().int() }),
} satisfies { [C in keyof typeof contract]: z.ZodType };
