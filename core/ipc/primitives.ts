/**
 * The zod vocabulary every feature contract (core/<feature>/contract.ts) is written in: the input primitives
 * (ids, bounded text, dates, the hazard filter …) and the output shapes several features share (row ids,
 * nullable text, a page of rows, a saved file, a print preview). It imports only zod and core/domain, so the
 * renderer's type check of the contract stops here and never reaches a service.
 */
import { z } from 'zod';
import { HAZARD_LEVELS, HAZARD_STATUSES } from '../domain/hazard';

// ---- inputs ----

export const id = z.number().int().positive().max(2_147_483_647);
export const text = (max = 200) => z.string().max(max, `不能超过 ${max} 个字`);
export const optText = (max = 200) => text(max).nullish();
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const unitKind = z.enum(['乡镇', '街道', '开发区', '部门', '企业', '其他']);
export const empty = z.object({}).strict();
export const hazardLevel = z.enum(HAZARD_LEVELS);
export const hazardStatus = z.enum(HAZARD_STATUSES);
export const ids = z.array(id).max(100_000);
/** A field's Chinese name where it differs from the common one in labels.ts (see fieldLabel.ts). */
export const named = <T extends z.ZodType>(title: string, schema: T): T => schema.meta({ title }) as T;
export const jobId = z.string().regex(/^[0-9a-zA-Z-]{8,64}$/, '无效的任务标识');

/** The hazard ledger's filter: the list, its export, the statistics and a volume's ledger item use it. */
export const hazardFilter = {
  search: text(100).optional(),
  townshipUnitIds: z.array(id).max(500).optional(),
  industries: z.array(text(50)).max(100).optional(),
  categories: z.array(text(50)).max(100).optional(),
  levels: z.array(hazardLevel).max(2).optional(),
  statuses: z.array(hazardStatus).max(4).optional(),
  overdue: z.boolean().optional(),
  supervised: z.boolean().optional(),
  fiveIncomplete: z.boolean().optional(),
  foundFrom: date.optional(),
  foundTo: date.optional(),
  deadlineFrom: date.optional(),
  deadlineTo: date.optional(),
  noticeId: id.optional(),
  reportingUnitId: id.optional(),
};

// ---- outputs ----
// Objects are not strict (a handler may return more than the renderer reads), but listed fields are required.

/** A stored row's id, as the renderer reads it. */
export const rowId = z.number().int();
export const str = z.string().nullable();
export const count = z.number().int();
/** A handler that returns nothing (the dispatcher sends null). */
export const done = z.custom<void>((v) => v === null || v === undefined, '应无返回值');
/** A file written through the save dialog; null when the clerk cancelled. */
export const savedFile = z.object({ file: z.string() }).nullable();
/** A PDF held for the print preview pane (core/print/preview.ts). */
export const printPreview = z.object({
  token: z.string(),
  title: z.string(),
  defaultName: z.string(),
  base64: z.string(),
  size: z.number(),
  warnings: z.array(z.string()),
});
/** A page of a list: its rows and how many match in all. */
export const page = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), total: z.number().int() });
/** A scan or document as a record lists it (明白书, 报送 and the attachments themselves). */
export const scanView = {
  id: rowId,
  originalName: z.string(),
  mime: z.string(),
  size: z.number(),
  pageCount: z.number().int().nullable(),
};
