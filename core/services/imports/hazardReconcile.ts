import crypto from 'node:crypto';
import type { AppContext } from '../../context';
import { HAZARD_FIELD_LABELS, type HazardFields } from '../../domain/hazard';
import { nameKey } from '../../domain/text';
import type { ParsedReturnOf } from '../../import/types';
import { findUnitByName } from '../units';

/** Fields a hazard import writes, in ledger order (townshipName is handled with the unit link). */
export const IMPORTED_FIELDS = [
  'hazardNo', 'enterpriseName', 'village', 'industry', 'category', 'description', 'location', 'source', 'foundDate', 'foundBy',
  'level', 'responsibleUnit', 'responsiblePerson', 'measures', 'fundsFen', 'deadlineDate', 'deadlineText',
  'emergencyPlan', 'interimMeasures', 'status', 'completedDate', 'acceptedBy', 'acceptedDate', 'supervised', 'notes',
] as const satisfies readonly (keyof HazardFields)[];
export type ImportedField = (typeof IMPORTED_FIELDS)[number];

const COLUMN: Record<ImportedField | 'townshipName', string> = {
  hazardNo: 'hazard_no', enterpriseName: 'enterprise_name', townshipName: 'township_name', village: 'village', industry: 'industry', category: 'category',
  description: 'description', location: 'location', source: 'source', foundDate: 'found_date', foundBy: 'found_by', level: 'level',
  responsibleUnit: 'responsible_unit', responsiblePerson: 'responsible_person', measures: 'measures', fundsFen: 'funds_fen',
  deadlineDate: 'deadline_date', deadlineText: 'deadline_text', emergencyPlan: 'emergency_plan', interimMeasures: 'interim_measures',
  status: 'status', completedDate: 'completed_date', acceptedBy: 'accepted_by', acceptedDate: 'accepted_date', supervised: 'supervised', notes: 'notes',
};
export const columnOf = (f: ImportedField | 'townshipName') => COLUMN[f];

export interface FieldDiff {
  field: ImportedField;
  label: string;
  before: unknown;
  after: unknown;
}

export interface PlannedHazard {
  rowNumber: number;
  rowKey: string;
  values: HazardFields;
  townshipUnitId: number | null;
  /** Existing hazard it updates, if any. */
  existingId: number | null;
  diffs: FieldDiff[];
}

export interface HazardPlan {
  create: PlannedHazard[];
  update: PlannedHazard[];
  unchanged: PlannedHazard[];
  disappeared: { id: number; hazardNo: string | null; enterpriseName: string; description: string; status: string }[];
  /** Stored hazards whose row in this file has an error: kept as they are (neither changed nor disappeared). */
  erroredExisting: number;
  /** Fields present in the file: only these are compared and written on an update. */
  fields: ImportedField[];
  unknownTownships: string[];
}

function norm(v: unknown): unknown {
  if (v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/**
 * The key that recognises a hazard when the same unit sends its ledger again: its own number when the ledger
 * has a real 编号 column, otherwise a hash of enterprise + description + date found (a 序号 is not trusted: units
 * renumber their rows).
 */
export function rowKeyOf(v: HazardFields, useNumber: boolean): string {
  if (useNumber && v.hazardNo) return `no:${nameKey(v.hazardNo)}`;
  const basis = [nameKey(v.enterpriseName), nameKey(v.description), v.foundDate ?? ''].join('|');
  return `k:${crypto.createHash('sha256').update(basis).digest('hex').slice(0, 24)}`;
}

/** Compares a parsed hazard ledger with what the register holds for the same reporting unit. */
export function planHazards(ctx: AppContext, parsed: ParsedReturnOf<'hazard'>, reportingUnitId: number | null, rows: ParsedReturnOf<'hazard'>['rows']): HazardPlan {
  // A 责任单位 column taken for 隐患单位 also fills 整改责任单位 (alsoAs).
  const mapped = new Set(parsed.columns.flatMap((c) => [c.field, c.alsoAs]).filter((f): f is string => !!f));
  const fields = IMPORTED_FIELDS.filter((f) => mapped.has(f) || (f === 'deadlineText' && mapped.has('deadlineDate')) || f === 'level' || f === 'status');
  const numberColumn = parsed.columns.find((c) => c.field === 'hazardNo');
  const useNumber = !!numberColumn && !/序号/.test(numberColumn.header);
  // The stored hazards of this unit: only the columns compared (and those a disappeared hazard is shown with), as
  // arrays — at 100,000 stored hazards, every column of every row as an object was most of a re-import's time.
  const columns = [...new Set(['id', 'row_key', 'hazard_no', 'enterprise_name', 'description', 'status', ...fields.map((f) => COLUMN[f])])];
  const at = (column: string) => columns.indexOf(column);
  const fieldAt = fields.map((f) => at(COLUMN[f]));

  // The file's rows by key first (a key seen again gets #2, #3 …), then the stored hazards of this unit streamed
  // past them one at a time — at 100,000 stored hazards, holding all of them (every compared column) at once was
  // 100 MB more at the peak of a re-import.
  const townCache = new Map<string, number | null>();
  const unknown = new Set<string>();
  const seen = new Map<string, number>();
  const planned: (PlannedHazard | null)[] = [];
  const byKey = new Map<string, PlannedHazard>();
  const erroredKeys = new Set<string>();
  for (const row of rows) {
    const v = row.values;
    let key = rowKeyOf(v, useNumber);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) key = `${key}#${n}`;
    if (!row.importable) {
      // A row with an error is still in the file: its stored hazard has not disappeared, it is left as it is.
      erroredKeys.add(key);
      planned.push(null);
      continue;
    }
    let townshipUnitId: number | null = null;
    if (v.townshipName) {
      if (!townCache.has(v.townshipName)) townCache.set(v.townshipName, findUnitByName(ctx, v.townshipName)?.id ?? null);
      townshipUnitId = townCache.get(v.townshipName) ?? null;
      if (townshipUnitId === null) unknown.add(v.townshipName);
    }
    const p: PlannedHazard = { rowNumber: row.rowNumber, rowKey: key, values: v, townshipUnitId, existingId: null, diffs: [] };
    planned.push(p);
    byKey.set(key, p);
  }

  const plan: HazardPlan = { create: [], update: [], unchanged: [], disappeared: [], erroredExisting: 0, fields, unknownTownships: [] };
  const stmt = ctx.sqlite
    .prepare(
      `select ${columns.join(', ')} from hazards where deleted_at is null and row_key is not null and ${reportingUnitId === null ? 'reporting_unit_id is null' : 'reporting_unit_id = ?'}`,
    )
    .raw(true);
  for (const old of (reportingUnitId === null ? stmt.iterate() : stmt.iterate(reportingUnitId)) as IterableIterator<unknown[]>) {
    const key = old[1] as string;
    if (erroredKeys.has(key)) {
      plan.erroredExisting++;
      continue;
    }
    const p = byKey.get(key);
    if (!p) {
      plan.disappeared.push({ id: old[0] as number, hazardNo: old[2] as string | null, enterpriseName: old[3] as string, description: old[4] as string, status: old[5] as string });
      continue;
    }
    p.existingId = old[0] as number;
    fields.forEach((f, i) => {
      const stored = old[fieldAt[i]!];
      if (norm(stored) !== norm(p.values[f])) p.diffs.push({ field: f, label: HAZARD_FIELD_LABELS[f], before: stored ?? null, after: p.values[f] ?? null });
    });
  }
  for (const p of planned) {
    if (!p) continue;
    if (p.existingId === null) plan.create.push(p);
    else (p.diffs.length ? plan.update : plan.unchanged).push(p);
  }
  plan.unknownTownships = [...unknown];
  return plan;
}
