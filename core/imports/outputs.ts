/**
 * Output shapes of the import wizard's channels: imports:preview (the import plan as the wizard shows it),
 * imports:commit (the same plan and what the commit did) and imports:returnLetter (the 退回修改表 written).
 * The batch channels (imports:pickFile/list/undo/template) declare theirs in core/imports/contract.ts.
 */
import { z } from 'zod';
import { IMPORTED_FIELDS } from '../domain/hazard';
import type { Channel } from '../ipc/contract';
import { hazardFields } from '../hazards/contract';
import { rowId as id, str } from '../ipc/primitives';

const count = z.number().int();
const importKind = z.enum(['pledge', 'report', 'worklist', 'hazard']);
const yesNo = z.boolean().nullable();

/** A file's problem as the wizard lists it (core/imports/preview.ts ProblemOut). */
const problemOut = z.object({ row: count.nullable(), column: str, value: z.string(), message: z.string() });
/** A problem of one parsed row (core/imports/parse/types.ts RowProblem). */
const rowProblem = problemOut.extend({ field: str, severity: z.enum(['error', 'warning']) });

/** The values of one parsed row, by kind (core/imports/parse/types.ts *ImportFields, HazardFields). */
const pledgeImportFields = z.object({
  level: count.nullable(),
  talkerName: z.string(),
  talkerTitle: str,
  talkeeName: z.string(),
  talkeeUnitName: str,
  talkeeTitle: str,
  talkDate: str,
  signed: yesNo,
  signedDate: str,
  notes: str,
});
const reportImportFields = z.object({
  unitName: z.string(),
  title: str,
  content: str,
  submittedDate: str,
  sealed: yesNo,
  approved: yesNo,
  notes: str,
});
const worklistImportFields = z.object({
  unitName: str,
  measure: z.string(),
  progress: str,
  progressLength: count,
  overLimit: z.boolean(),
  responsibleDept: str,
  responsiblePerson: str,
  deadlineDate: str,
  deadlineText: str,
  completedDate: str,
  notes: str,
});

/** The hazard fields an import compares with the stored hazard. */
const importedField = z.enum(IMPORTED_FIELDS);

/** What imports:preview returns: the parsed file and what a commit would do with it. */
export const importPreview = z.object({
  file: z.string(),
  kind: importKind,
  sheet: z.string(),
  sheets: z.array(
    z.object({
      name: z.string(),
      hidden: z.boolean(),
      chosen: z.boolean(),
      reason: z.string(),
      kind: importKind.nullable(),
      dataRows: count,
    }),
  ),
  title: str,
  meta: z.object({
    unitName: str,
    township: str,
    townshipSource: z.enum(['title', 'unit', 'fileName', 'filler']).nullable(),
    reportDate: str,
    year: count.nullable(),
    yearSource: z.enum(['title', 'option', 'reportDate']).nullable(),
    period: str,
    lines: z.array(z.string()),
    docNo: z.string().optional(),
  }),
  header: z.object({ rows: z.array(count), texts: z.array(z.string()) }),
  fingerprint: z.string(),
  unit: z.object({ id, name: z.string() }).nullable(),
  noticeId: id.nullable(),
  proposedNoticeId: id.nullable(),
  sample: z.array(
    z.object({
      rowNumber: count,
      values: z.union([z.object(hazardFields), pledgeImportFields, reportImportFields, worklistImportFields]),
      raw: z.array(z.string()),
      problems: z.array(rowProblem),
      importable: z.boolean(),
    }),
  ),
  rows: count,
  importable: count,
  new: count,
  changed: count,
  unchanged: count,
  disappeared: count,
  erroredExisting: count,
  duplicateOf: id.nullable(),
  summary: z.object({
    rows: count,
    importable: count,
    errorRows: count,
    warningRows: count,
    blankRows: count,
    skippedRows: count,
    major: count.optional(),
    done: count.optional(),
    signed: count.optional(),
    overLimitRows: z.array(count).optional(),
  }),
  mappingSource: z.enum(['detected', 'remembered', 'user']),
  filePeriod: z.object({
    period: str,
    source: z.enum(['标题', '填报时间', '发现日期']).nullable(),
    text: z.string(),
  }),
  candidates: z.array(
    z.object({
      noticeId: id,
      docNo: z.string(),
      title: z.string(),
      period: z.enum(['once', 'monthly', 'quarterly']),
      periodKey: str,
      periodLabel: z.string(),
      periods: z.array(z.string()),
      matches: yesNo,
    }),
  ),
  credit: z
    .object({
      text: z.string(),
      noticeId: id,
      docNo: z.string(),
      kind: z.enum(['report', 'worklist', 'ledger']),
      period: str,
    })
    .nullable(),
  creditText: z.string(),
  creditWarning: str,
  creditError: str,
  columns: z.array(
    z.object({
      index: count,
      letter: z.string(),
      header: z.string(),
      field: str,
      confidence: z.enum(['content', 'user', 'synonym', 'none']),
      unit: z.enum(['元', '万元']).optional(),
      lengthLimit: count.optional(),
      note: z.string().optional(),
      alsoAs: z.string().optional(),
    }),
  ),
  errors: z.array(problemOut),
  warnings: z.array(problemOut),
  changes: z.array(
    z.object({
      row: count,
      hazardId: id.nullable(),
      diffs: z.array(z.object({ field: importedField, label: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
  disappearedRows: z.array(
    z.object({ id, hazardNo: str, enterpriseName: z.string(), description: z.string(), status: z.string() }),
  ),
});

/** What only the preview shows (the sheets, header and sample rows); the commit's result leaves them out. */
const PREVIEW_ONLY = {
  sheets: true,
  meta: true,
  header: true,
  fingerprint: true,
  noticeId: true,
  sample: true,
} as const;

export const importsOutputs = {
  'imports:preview': importPreview,
  'imports:commit': importPreview.omit(PREVIEW_ONLY).extend({
    committed: z.boolean(),
    batch: id.nullable(),
    message: z.string(),
    refused: z.boolean().optional(),
  }),
  'imports:returnLetter': z
    .object({
      file: z.string(),
      errors: count,
      warnings: count,
      unitName: str,
      returnId: id.nullable(),
      returnLabel: str,
      reason: z.string(),
    })
    .nullable(),
} satisfies { [C in Channel]?: z.ZodType };
