import crypto from 'node:crypto';
import type { AppContext } from '../platform/context';
import { importedStatus, type ClosureFacts } from '../domain/closure';
import { HAZARD_FIELD_LABELS, HAZARD_STATUSES, type HazardFields, type HazardStatus } from '../domain/hazard';
import { nameKey } from '../domain/text';
import type { ParsedColumn, ParsedReturnOf, RowProblem } from './parse/types';
import { findUnitByName } from '../units/service';
import { columnOf, type PlannedHazard } from '../hazards/columns';
import { IMPORTED_FIELDS, type ImportedField } from '../domain/hazard';

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
  /** Rows stored at a lower status than written (the data lacks what the closure rules need), on their cells. */
  closureWarnings: RowProblem[];
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
export function planHazards(
  ctx: AppContext,
  parsed: ParsedReturnOf<'hazard'>,
  reportingUnitId: number | null,
  rows: ParsedReturnOf<'hazard'>['rows'],
): HazardPlan {
  // A 责任单位 column taken for 隐患单位 also fills 整改责任单位 (alsoAs).
  const mapped = new Set(parsed.columns.flatMap((c) => [c.field, c.alsoAs]).filter((f): f is string => !!f));
  const fields = IMPORTED_FIELDS.filter(
    (f) => mapped.has(f) || (f === 'deadlineText' && mapped.has('deadlineDate')) || f === 'level' || f === 'status',
  );
  const numberColumn = parsed.columns.find((c) => c.field === 'hazardNo');
  const useNumber = !!numberColumn && !/序号/.test(numberColumn.header);
  // The stored hazards of this unit: only the columns compared (and those a disappeared hazard is shown with), as
  // arrays — at 100,000 stored hazards, every column of every row as an object was most of a re-import's time.
  const columns = [
    ...new Set([
      'id',
      'row_key',
      'hazard_no',
      'enterprise_name',
      'description',
      'status',
      ...fields.map((f) => columnOf(f)),
    ]),
  ];
  const at = (column: string) => columns.indexOf(column);
  const fieldAt = fields.map((f) => at(columnOf(f)));

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
      if (!townCache.has(v.townshipName))
        townCache.set(v.townshipName, findUnitByName(ctx, v.townshipName)?.id ?? null);
      townshipUnitId = townCache.get(v.townshipName) ?? null;
      if (townshipUnitId === null) unknown.add(v.townshipName);
    }
    const p: PlannedHazard = {
      rowNumber: row.rowNumber,
      rowKey: key,
      values: v,
      townshipUnitId,
      existingId: null,
      diffs: [],
    };
    planned.push(p);
    byKey.set(key, p);
  }

  const plan: HazardPlan = {
    create: [],
    update: [],
    unchanged: [],
    disappeared: [],
    erroredExisting: 0,
    fields,
    unknownTownships: [],
    closureWarnings: [],
  };
  // The closure rules: a row is a record of what happened elsewhere, so it may skip steps, but it is stored at the
  // furthest status its data supports (never below the stored one). Fields the file has no column for are taken
  // from the stored hazard; a 整改报告 cannot come in a spreadsheet, so only a stored one counts.
  const closureColumns = CLOSURE_FIELDS.map((f) => columnOf(f)).filter((c) => !columns.includes(c));
  columns.push(...closureColumns);
  const reportKeys = new Set(
    (
      ctx.sqlite
        .prepare(
          `select h.row_key k from hazards h join hazard_attachments a on a.hazard_id = h.id and a.role = 'report'
           where h.deleted_at is null and h.row_key is not null and ${reportingUnitId === null ? 'h.reporting_unit_id is null' : 'h.reporting_unit_id = ?'}`,
        )
        .all(...(reportingUnitId === null ? [] : [reportingUnitId])) as { k: string }[]
    ).map((r) => r.k),
  );
  const statusColumn =
    parsed.columns.find((c) => c.field === 'status') ??
    parsed.columns.find((c) => c.field && STATUS_WORD_FIELDS.includes(c.field));
  let rawRows: Map<number, string[]> | null = null;
  const writtenStatus = (rowNumber: number, fallback: string) => {
    rawRows ??= new Map(rows.map((r) => [r.rowNumber, r.raw]));
    return (statusColumn && rawRows.get(rowNumber)?.[statusColumn.index]?.trim()) || fallback;
  };
  const cap = (
    p: PlannedHazard,
    stored: (f: ClosureField) => unknown,
    storedStatus: HazardStatus | null,
    hasReport: boolean,
  ) => {
    const written = p.values.status;
    // An empty cell does not take away what the stored hazard has of the closure data (a ledger without the
    // 验收人 the clerk recorded); it is kept when the hazard stays at or beyond 已整改.
    const keep: Record<string, unknown> = {};
    if (storedStatus !== null) {
      for (const f of KEPT_FIELDS) if (empty(p.values[f]) && !empty(stored(f))) keep[f] = stored(f);
      if (
        empty(p.values.deadlineDate) &&
        empty(p.values.deadlineText) &&
        (!empty(stored('deadlineDate')) || !empty(stored('deadlineText')))
      ) {
        keep.deadlineDate = stored('deadlineDate');
        keep.deadlineText = stored('deadlineText');
      }
    }
    const merged = { ...p.values, ...keep };
    const facts = Object.fromEntries(
      CLOSURE_FIELDS.map((f) => [f, mapped.has(f) || storedStatus === null ? merged[f] : stored(f)]),
    ) as Omit<ClosureFacts, 'hasReport'>;
    let status = written;
    if (storedStatus === null || rank(written) > rank(storedStatus)) {
      const r = importedStatus(written, { ...facts, hasReport });
      if (r.missing) {
        status = storedStatus !== null && rank(storedStatus) > rank(r.status) ? storedStatus : r.status;
        if (status !== written) {
          plan.closureWarnings.push(
            closureWarning(
              p.rowNumber,
              statusColumn,
              writtenStatus(p.rowNumber, written),
              written,
              status,
              r.missing,
              facts.level === '重大' && !hasReport,
            ),
          );
        }
      }
    }
    if (rank(status) >= rank('已整改')) p.values = { ...merged, status };
    else if (status !== written) p.values = { ...p.values, status };
  };
  const stmt = ctx.sqlite
    .prepare(
      `select ${columns.join(', ')} from hazards where deleted_at is null and row_key is not null and ${reportingUnitId === null ? 'reporting_unit_id is null' : 'reporting_unit_id = ?'}`,
    )
    .raw(true);
  for (const old of (reportingUnitId === null ? stmt.iterate() : stmt.iterate(reportingUnitId)) as IterableIterator<
    unknown[]
  >) {
    const key = old[1] as string;
    if (erroredKeys.has(key)) {
      plan.erroredExisting++;
      continue;
    }
    const p = byKey.get(key);
    if (!p) {
      plan.disappeared.push({
        id: old[0] as number,
        hazardNo: old[2] as string | null,
        enterpriseName: old[3] as string,
        description: old[4] as string,
        status: old[5] as string,
      });
      continue;
    }
    p.existingId = old[0] as number;
    cap(p, (f) => old[at(columnOf(f))], old[5] as HazardStatus, reportKeys.has(key));
    fields.forEach((f, i) => {
      const stored = old[fieldAt[i]!];
      if (norm(stored) !== norm(p.values[f]))
        p.diffs.push({ field: f, label: HAZARD_FIELD_LABELS[f], before: stored ?? null, after: p.values[f] ?? null });
    });
  }
  for (const p of planned) {
    if (!p) continue;
    if (p.existingId === null) cap(p, () => null, null, false);
    if (p.existingId === null) plan.create.push(p);
    else (p.diffs.length ? plan.update : plan.unchanged).push(p);
  }
  plan.unknownTownships = [...unknown];
  return plan;
}

/** The fields the closure rules look at (besides the status). */
const CLOSURE_FIELDS = [
  'level',
  'measures',
  'completedDate',
  'acceptedBy',
  'acceptedDate',
  'responsibleUnit',
  'responsiblePerson',
  'fundsFen',
  'deadlineDate',
  'deadlineText',
  'emergencyPlan',
] as const satisfies readonly ImportedField[];
type ClosureField = (typeof CLOSURE_FIELDS)[number];

/** Columns other than 整改状态 whose words give the status (是否整改完成, 验收结果, 销号情况 …). */
const STATUS_WORD_FIELDS = ['closeResult', 'acceptResult', 'reviewResult', 'doneFlag'];

const rank = (s: HazardStatus) => HAZARD_STATUSES.indexOf(s);

const empty = (v: unknown) => v === null || v === undefined || v === '';

/** Closure data an empty cell does not erase from a stored hazard (the 时限 is kept as a pair). */
const KEPT_FIELDS = [
  'measures',
  'completedDate',
  'acceptedBy',
  'acceptedDate',
  'responsibleUnit',
  'responsiblePerson',
  'fundsFen',
  'emergencyPlan',
] as const;

function closureWarning(
  row: number,
  col: ParsedColumn | undefined,
  cell: string,
  written: HazardStatus,
  status: HazardStatus,
  missing: string,
  reportOnly: boolean,
): RowProblem {
  const later = reportOnly ? '，上传整改报告后在台账中销号' : '，补齐后在台账中验收销号';
  const message = `第${row}行${col ? ` ${col.letter}列` : ''} 整改状态为“${written}”，但${missing}：按“${status}”导入${later}`;
  return { row, column: col?.letter ?? null, field: 'status', value: cell, message, severity: 'warning' };
}

/**
 * The dates the hazard form refuses, refused in an import too, on their cells: a 发现日期 after today, a 完成日期
 * before the 发现日期, a 验收日期 before the 完成日期. The row becomes an error row (not imported).
 */
export function checkHazardDates(parsed: ParsedReturnOf<'hazard'>, today: string): void {
  const col = (f: string) => parsed.columns.find((c) => c.field === f);
  const found = col('foundDate');
  const completed = col('completedDate');
  const accepted = col('acceptedDate');
  for (const row of parsed.rows) {
    const v = row.values;
    const refuse = (c: ParsedColumn | undefined, value: string, reason: string) => {
      const where = c ? ` ${c.letter}列` : '';
      row.problems.push({
        row: row.rowNumber,
        column: c?.letter ?? null,
        field: c?.field ?? null,
        value,
        message: `第${row.rowNumber}行${where} “${value}” ${reason}`,
        severity: 'error',
      });
      row.importable = false;
    };
    if (v.foundDate && v.foundDate > today) refuse(found, v.foundDate, `发现日期晚于今天（${today}），请核对`);
    if (v.completedDate && v.foundDate && v.completedDate < v.foundDate)
      refuse(completed, v.completedDate, `完成日期早于发现日期（${v.foundDate}），请核对`);
    if (v.acceptedDate && v.completedDate && v.acceptedDate < v.completedDate)
      refuse(accepted, v.acceptedDate, `验收日期早于完成日期（${v.completedDate}），请核对`);
  }
}
