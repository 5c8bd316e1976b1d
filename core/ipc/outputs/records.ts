/** Output shapes of the record channels: units, notices, hazards, 明白书, 报送, attachments, jobs, files. */
import { z } from 'zod';
import { HAZARD_LEVELS, HAZARD_STATUSES } from '../../domain/hazard';

export const id = z.number().int();
export const unitKind = z.enum(['乡镇', '街道', '开发区', '部门', '企业', '其他']);

/** A handler that returns nothing (the dispatcher sends null). */
export const done = z.custom<void>((v) => v === null || v === undefined, '应无返回值');
/** A file written through the save dialog; null when the clerk cancelled. */
export const savedFile = z.object({ file: z.string() }).nullable();
/** A PDF held for the print preview pane (services/printPreview.ts). */
export const printPreview = z.object({
  token: z.string(),
  title: z.string(),
  defaultName: z.string(),
  base64: z.string(),
  size: z.number(),
  warnings: z.array(z.string()),
});
/** Progress of a long job (core/platform/jobs.ts). */
export const jobState = z.object({
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
export const mergeResult = z.object({
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
export const dataDirInfo = z.object({
  dataDir: z.string(),
  dbFile: z.string(),
  attachmentsDir: z.string(),
  backupsDir: z.string(),
  tmpDir: z.string(),
  onNetwork: z.boolean(),
  empty: z.boolean(),
});

export const str = z.string().nullable();
export const hazardLevel = z.enum(HAZARD_LEVELS);
export const hazardStatus = z.enum(HAZARD_STATUSES);
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
export const page = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), total: z.number().int() });

export const scanView = {
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
export const count = z.number().int();
export const coverage = z.object({
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
  /** The notice's 文号; the report's own is ownDocNo. */
  docNo: z.string(),
  ownDocNo: str,
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
