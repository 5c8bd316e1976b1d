/**
 * The importer's parsing entry point: a unit's return file → ParsedReturn (sheet, kind, header, column
 * mapping, typed rows with problems, summary). Nothing is written anywhere; the commit layer builds on this.
 */
import { createHash } from 'node:crypto';
import { slowStep } from '../../platform/crash';
import { collectGarbage } from '../../platform/gc';
import { yieldToEventLoop } from '../../platform/jobs';
import { RECTIFIED_STATUSES, type HazardFields } from '../../domain/hazard';
import { mapColumns } from './columns';
import { FIELD_TABLES } from './fields';
import { headerKey } from './headers';
import { cellText, columnLetter, type Cell, type Workbook } from './grid';
import { readHazardRow } from './hazardRows';
import { extractMeta, headLines } from './layout';
import { readPledgeRow, readReportRow, readWorklistRow } from './otherRows';
import { readReturnFile } from './readers';
import { RowReader, type RowEnv } from './rowReader';
import { chooseSheet, type SheetAssessment } from './sheets';
import type {
  ImportKind,
  ImportValuesByKind,
  ParsedColumn,
  ParsedReturn,
  ParsedRow,
  ParseOptions,
  PledgeImportFields,
  ReturnSummary,
  RowProblem,
  WorklistImportFields,
} from './types';

export const DEFAULT_LENGTH_LIMIT = 300;

/** The `raw` of a row past ParseOptions.rawRows: shared, never written to. */
const NO_RAW: string[] = Object.freeze([]) as unknown as string[];

export async function parseReturn(filePath: string, opts: ParseOptions = {}): Promise<ParsedReturn> {
  return parseWorkbook(await readReturnFile(filePath), opts);
}

/** Stable hash of the normalised header texts in column order (trailing empty columns ignored). */
export function headerFingerprint(texts: readonly string[]): string {
  const keys = texts.map((t) =>
    t
      .split('/')
      .map((p) => headerKey(p).key)
      .join('/'),
  );
  while (keys.length && keys[keys.length - 1] === '') keys.pop();
  return createHash('sha256').update(keys.join('\u0001')).digest('hex').slice(0, 16);
}

export function parseWorkbook(wb: Workbook, opts: ParseOptions = {}): ParsedReturn {
  const p = prepareParse(wb, opts);
  return finishParse(
    wb,
    p,
    p.dataRows.map((r, i) => p.parseRow(r, i)),
  );
}

/** What is known of a return before its rows are read: for choosing a remembered column mapping. */
export interface ReturnLayout {
  sheet: string;
  kind: ImportKind;
  fingerprint: string;
  meta: ParsedReturn['meta'];
}

export interface AsyncParseHooks {
  /** `progress(done, total)` between chunks of rows; may throw to stop. */
  progress?: (done: number, total: number) => void;
  /** Called once the sheet and header are known: a column mapping to use instead of opts.mapping, if any. */
  remap?: (layout: ReturnLayout) => Record<number, string | null> | undefined;
  /**
   * Let go of each grid row once parsed (those a value is merged down from stay): the grid and the parsed rows are
   * then never both whole in memory. The workbook cannot be parsed again afterwards.
   */
  release?: boolean;
}

/**
 * The same, giving way to the event loop every few thousand rows so a large file's progress can be shown and
 * the parse cancelled.
 */
export async function parseWorkbookAsync(
  wb: Workbook,
  opts: ParseOptions = {},
  hooks: AsyncParseHooks = {},
  chunk = 4000,
): Promise<ParsedReturn> {
  const { progress, remap, release } = hooks;
  let p = prepareParse(wb, opts);
  const mapping = remap?.({
    sheet: p.chosen.choice.name,
    kind: p.kind,
    fingerprint: headerFingerprint(p.header.texts),
    meta: p.meta,
  });
  if (mapping) p = prepareParse(wb, { ...opts, sheet: p.chosen.choice.name, kind: p.kind, mapping }, p.chosen);
  const n = p.dataRows.length;
  const rows: ParsedRow<ImportValuesByKind[ImportKind]>[] = new Array(n);
  const grid = p.chosen.view.sheet.rows;
  const halfway = Math.floor(n / 2 / chunk) * chunk;
  const masters = new Set<number>();
  if (release) for (const m of p.chosen.view.sheet.merges) if (m.bottom > m.top) masters.add(m.top);
  for (let start = 0; start < n; start += chunk) {
    progress?.(start, n);
    if (start) await (slowStep() ?? yieldToEventLoop());
    // Half way through a large sheet, the half of the grid already parsed is collected (see collectGarbage).
    if (release && n >= 40_000 && start === halfway) collectGarbage();
    const end = Math.min(n, start + chunk);
    for (let i = start; i < end; i++) {
      const r = p.dataRows[i]!;
      rows[i] = p.parseRow(r, i);
      if (release && !masters.has(r)) grid[r] = RELEASED;
    }
  }
  progress?.(n, n);
  return finishParse(wb, p, rows);
}

/** A grid row let go after parsing (parseWorkbookAsync's `release`). */
const RELEASED: Cell[] = Object.freeze([]) as unknown as Cell[];

/**
 * Everything but the rows: sheet, layout, header, columns, file-level issues, and a parser for one row. With
 * `assessed`, the sheet already chosen (the same options but another column mapping) is not assessed again.
 */
function prepareParse(wb: Workbook, opts: ParseOptions, assessed?: SheetAssessment) {
  const { chosen, all } = assessed ? { chosen: assessed, all: allOf.get(assessed)! } : chooseSheet(wb, opts);
  if (!assessed) allOf.set(chosen, all);
  const { view, header, data } = chosen;
  const kind = chosen.kind!;
  if (!header || !data) throw new Error('chooseSheet returned a sheet without a header');
  const metaAll = extractMeta(headLines(view, header), data.footerLines, wb.file, opts.year);
  const { title, ...meta } = metaAll;
  if (opts.township) {
    meta.township = opts.township;
    meta.townshipSource = 'unit';
  }

  const columns = mapColumns(kind, view, header, data.rows, opts.mapping);
  const byField = new Map<string, ParsedColumn>();
  for (const c of columns) if (c.field) byField.set(c.field, c);

  const issues: RowProblem[] = [];
  for (const def of FIELD_TABLES[kind]) {
    if (def.required && !byField.has(def.field)) {
      issues.push({
        row: null,
        column: null,
        field: def.field,
        value: '',
        message: `没有找到“${def.label}”列，请在向导中指定哪一列是${def.label}`,
        severity: 'error',
      });
    }
  }
  const unitCol = byField.get('enterpriseName');
  if (kind === 'hazard' && unitCol && unitCol.confidence === 'content' && unitCol.note) {
    issues.push({
      row: null,
      column: unitCol.letter,
      field: 'enterpriseName',
      value: unitCol.header,
      message: `${unitCol.note}；如不对，请在向导的“列对应”中改选隐患单位列`,
      severity: 'warning',
    });
  }
  if (kind === 'hazard' && !byField.has('townshipName') && !meta.township) {
    issues.push({
      row: null,
      column: null,
      field: 'townshipName',
      value: '',
      message: '表中没有乡镇列，标题和填报单位中也找不到乡镇，请在向导中选择这份台账所属的乡镇（街道）',
      severity: 'warning',
    });
  }

  // What the reader noticed about single cells of this sheet (bytes that are not UTF-8 …).
  for (const n of view.sheet.notes ?? []) {
    issues.push({
      row: n.row + 1,
      column: columnLetter(n.col),
      field: null,
      value: '',
      message: n.message,
      severity: 'warning',
    });
  }

  const env: RowEnv = { kind, view, byField, dateCtx: { date1904: wb.date1904, year: meta.year } };
  const lengthLimit = opts.lengthLimit ?? DEFAULT_LENGTH_LIMIT;
  const readValues = (row: RowReader): ImportValuesByKind[ImportKind] => {
    switch (kind) {
      case 'hazard':
        return readHazardRow(row, { township: meta.township });
      case 'pledge':
        return readPledgeRow(row);
      case 'worklist':
        return readWorklistRow(row, { unitName: meta.unitName, lengthLimit });
      case 'report':
        return readReportRow(row);
    }
  };

  const rawRows = opts.rawRows ?? Infinity;
  const rawIfLonger = opts.rawIfLonger ?? Infinity;
  // Only text can be that long (a number or a date is a few characters).
  const isLong = (cell: Cell) => typeof cell === 'string' && cell.length > rawIfLonger;
  const parseRow = (r: number, i: number): ParsedRow<ImportValuesByKind[ImportKind]> => {
    const reader = new RowReader(env, r);
    const values = readValues(reader);
    const raw =
      i < rawRows || columns.some((c) => isLong(reader.at(c.index)))
        ? columns.map((c) => cellText(reader.at(c.index)).trim())
        : NO_RAW;
    return {
      rowNumber: r + 1,
      index: i + 1,
      values,
      raw,
      problems: reader.problems,
      importable: !reader.problems.some((p) => p.severity === 'error'),
    };
  };
  return { all, chosen, data, header, kind, title, meta, columns, issues, dataRows: data.rows, parseRow };
}

/** The assessments of every sheet, by the one chosen (prepareParse with `assessed`). */
const allOf = new WeakMap<SheetAssessment, SheetAssessment[]>();

function finishParse(
  wb: Workbook,
  p: ReturnType<typeof prepareParse>,
  rows: ParsedRow<ImportValuesByKind[ImportKind]>[],
): ParsedReturn {
  const { all, chosen, data, header, kind, title, meta, columns, issues } = p;
  const summary: ReturnSummary = {
    rows: rows.length,
    importable: rows.filter((r) => r.importable).length,
    errorRows: rows.filter((r) => !r.importable).length,
    warningRows: rows.filter((r) => r.problems.some((p) => p.severity === 'warning')).length,
    blankRows: data.blankRows,
    skippedRows: data.skipped.length,
  };
  if (kind === 'hazard') {
    const hv = rows.map((r) => r.values as HazardFields);
    summary.major = hv.filter((v) => v.level === '重大').length;
    summary.done = hv.filter((v) => RECTIFIED_STATUSES.includes(v.status)).length;
  } else if (kind === 'pledge') {
    summary.signed = rows.filter((r) => (r.values as PledgeImportFields).signed === true).length;
  } else if (kind === 'worklist') {
    summary.overLimitRows = rows.filter((r) => (r.values as WorklistImportFields).overLimit).map((r) => r.index);
  }

  const result = {
    file: wb.file,
    format: wb.format,
    ...(wb.encoding ? { encoding: wb.encoding } : {}),
    sheets: all.map((a) => a.choice),
    sheet: chosen.choice.name,
    kind,
    title,
    meta,
    header: { rows: range(header.top + 1, header.bottom + 1), texts: header.texts },
    columns,
    fingerprint: headerFingerprint(header.texts),
    rows,
    skipped: data.skipped,
    issues,
    summary,
  };
  // rows were built by the reader for `kind`, so the union member matches.
  return result as ParsedReturn;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}
