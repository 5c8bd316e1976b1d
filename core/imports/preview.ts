import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { importBatches, importMappings } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { parseReturnBuffer } from './parse';
import { checkFileSize, IMPORT_LIMITS } from './parse/limits';
import type { ImportKind, ParsedReturn, ParseOptions, RowProblem } from './parse/types';
import { fileInvalid, isAppError } from '../platform/errors';
import { findUnitByName, getUnit, requireUnitByName, type Unit } from '../units/service';
import { getNotice } from '../notices/service';
import { checkHazardDates, planHazards, type HazardPlan } from './hazardReconcile';
import { todayIso } from '../domain/dates';
import { planPledges, type PledgePlan } from './pledgeImport';
import type { ImportRun } from './progress';
import {
  creditCandidates,
  creditKindOf,
  filePeriodOf,
  resolveCredit,
  type CreditCandidate,
  type FilePeriod,
  type ReturnCredit,
} from './credit';

export interface ImportOptions {
  /** The unit the return comes from (报送单位); else taken from the file's title/填报单位. */
  unitId?: number;
  unitName?: string;
  /** The notice whose return this import is credited as; without it no return is credited to any notice. */
  noticeId?: number;
  /** The period credited (YYYY-MM or YYYY-Qn) when the notice asks for the return monthly or quarterly. */
  period?: string;
  sheet?: string;
  kind?: ImportKind;
  mapping?: Record<number, string | null>;
  year?: number;
  /** Import the good rows and leave the rows with errors out. */
  skipErrors?: boolean;
}

export interface ProblemOut {
  row: number | null;
  column: string | null;
  value: string;
  message: string;
}

export interface ImportPlan {
  file: string;
  fileName: string;
  sha256: string;
  bytes: Buffer;
  parsed: ParsedReturn;
  unit: Unit | null;
  /** The notice the hazards/明白书 are tagged with: the one named, else the one our template names. */
  noticeId: number | null;
  /** The notice our template names (proposed to the clerk; credits nothing unless named). */
  proposedNoticeId: number | null;
  /** The period the file names (title, 填报时间 or 发现日期), proposed to the clerk. */
  filePeriod: FilePeriod;
  /** The notices asking this material of this unit, and whether the file's period fits each. */
  candidates: CreditCandidate[];
  /** The return this import is credited as (only the notice/period named in the options); null: none. */
  credit: ReturnCredit | null;
  /** 计入 禹安办〔2024〕6号 的隐患台账报送（2024年3月） or 不计入任何通知的报送. */
  creditText: string;
  /**
   * A doubt about the credit (the period chosen differs from the file's; the notice asks nothing of the unit).
   * Not among the file's warnings: it is about the clerk's choice, not the unit's table (nor in the 退回修改表).
   */
  creditWarning: string | null;
  /** Why the notice/period named cannot be credited: the commit is refused until the choice is changed. */
  creditError: string | null;
  mappingSource: 'detected' | 'remembered' | 'user';
  duplicateOf: number | null;
  hazard?: HazardPlan;
  pledge?: PledgePlan;
  errors: ProblemOut[];
  warnings: ProblemOut[];
  /** Data rows the commit takes (importable, or all when there is no error). */
  rowsTaken: number;
}

const out = (p: RowProblem): ProblemOut => ({ row: p.row, column: p.column, value: p.value, message: p.message });

/** Reads, parses and reconciles a return without writing anything: what the commit would do. */
export async function planImport(
  ctx: AppContext,
  file: string,
  opts: ImportOptions = {},
  run?: ImportRun,
): Promise<ImportPlan> {
  const fileName = path.basename(file);
  run?.stage('read');
  let bytes: Buffer;
  try {
    // The size first: a file far too big for a return is refused before it is read.
    checkFileSize(fileName, fs.statSync(file).size, IMPORT_LIMITS);
    bytes = fs.readFileSync(file);
  } catch (e) {
    if (isAppError(e)) throw e;
    throw fileInvalid(`找不到文件“${fileName}”，可能已被移动或删除`);
  }
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const step = (stage: 'read' | 'parse') =>
    run ? (done: number, total: number) => run.stage(stage, done, total) : undefined;
  // The preview shows the first 500 rows as written; a cell too long for any field is reported from its text.
  const keepRaw = { rawRows: PREVIEW_ROWS, rawIfLonger: GRID_LIMITS.maxCellChars };
  // The file is read and parsed in the import worker (core/imports/parse/isolated.ts): a file that exhausts memory ends
  // there as 文件过大或已损坏…, and this process never holds the grid. The grid's size limits are checked there.
  // The unit (as chosen, else from the title/填报单位) and the column mapping remembered for it and this header are
  // settled here when the worker has found the header, before the rows are read: the rows are parsed once.
  let unit = null as Unit | null;
  // A reporting unit chosen beforehand that is a township (乡镇, 街道, 开发区) is the 乡镇 of rows without one.
  const chosen =
    opts.unitId !== undefined
      ? getUnit(ctx, opts.unitId)
      : opts.unitName
        ? requireUnitByName(ctx, opts.unitName)
        : null;
  const township = chosen && TOWNSHIP_KINDS.has(chosen.kind) ? chosen.name : undefined;
  let mappingSource = (opts.mapping ? 'user' : 'detected') as ImportPlan['mappingSource'];
  // A return made from our template names its notice: proposed, and the hazards tagged with it, but no return is
  // credited to it unless the caller names it too.
  let templateNotice: number | null = null;
  const parsed = await parseReturnBuffer(
    bytes,
    fileName,
    IMPORT_LIMITS,
    {
      sheet: opts.sheet,
      kind: opts.kind,
      mapping: opts.mapping,
      year: opts.year,
      township,
      ...keepRaw,
    } satisfies ParseOptions,
    {
      readProgress: step('read'),
      parseProgress: step('parse'),
      // A return made from our template says which notice and unit it answers.
      template: (tpl) => {
        if (!tpl) return;
        const known = (id: number | null, table: string) =>
          id !== null && !!ctx.sqlite.prepare(`select 1 from ${table} where id = ? and deleted_at is null`).get(id);
        if (known(tpl.noticeId, 'notices')) templateNotice = tpl.noticeId!;
        if (opts.unitId === undefined && !opts.unitName && known(tpl.unitId, 'units'))
          opts = { ...opts, unitId: tpl.unitId! };
      },
      remap: (layout) => {
        // The template may have named the unit after the choice above was made.
        const picked = chosen ?? (opts.unitId !== undefined ? getUnit(ctx, opts.unitId) : null);
        unit =
          picked ?? findUnitByName(ctx, layout.meta.unitName ?? '') ?? findUnitByName(ctx, layout.meta.township ?? '');
        if (opts.mapping) return undefined;
        const remembered = ctx.db
          .select()
          .from(importMappings)
          .where(
            and(
              unit ? eq(importMappings.unitId, unit.id) : isNull(importMappings.unitId),
              eq(importMappings.kind, layout.kind),
              eq(importMappings.fingerprint, layout.fingerprint),
            ),
          )
          .get();
        if (!remembered) return undefined;
        mappingSource = 'remembered';
        return JSON.parse(remembered.mapping) as Record<number, string | null>;
      },
    },
  );
  run?.stage('reconcile');
  if (opts.noticeId !== undefined) getNotice(ctx, opts.noticeId);
  const noticeId = opts.noticeId ?? templateNotice;
  const duplicate = ctx.db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.fileSha256, sha256), eq(importBatches.status, 'committed')))
    .get();
  flagHugeCells(parsed);
  if (parsed.kind === 'hazard') checkHazardDates(parsed, todayIso(ctx.now()));
  const problems = [...parsed.issues, ...parsed.rows.flatMap((r) => r.problems)];
  const errors = problems.filter((p) => p.severity === 'error').map(out);
  const warnings = problems.filter((p) => p.severity === 'warning').map(out);
  const taken = parsed.rows.filter((r) => r.importable);
  const filePeriod = filePeriodOf(parsed);
  const creditKind = creditKindOf(parsed.kind);
  const resolved = resolveCredit(ctx, creditKind, unit, opts.noticeId, opts.period, filePeriod);
  const plan: ImportPlan = {
    file,
    fileName,
    sha256,
    bytes,
    parsed,
    unit,
    noticeId,
    proposedNoticeId: templateNotice,
    filePeriod,
    candidates: creditCandidates(ctx, creditKind, unit, filePeriod.period),
    credit: resolved.credit,
    creditText: resolved.text,
    creditWarning: resolved.warning,
    creditError: resolved.error,
    mappingSource,
    duplicateOf: duplicate?.id ?? null,
    errors,
    warnings,
    rowsTaken: taken.length,
  };
  if (!unit) {
    warnings.unshift({
      row: null,
      column: null,
      value: parsed.meta.unitName ?? '',
      message: `未能确定报送单位${parsed.meta.unitName ? `（表中写的是“${parsed.meta.unitName}”，单位名录中没有）` : ''}；可指定报送单位，或在单位名录中添加该单位或别名`,
    });
  }
  if (parsed.kind === 'hazard') {
    plan.hazard = planHazards(ctx, parsed, unit?.id ?? null, parsed.rows);
    warnings.push(...plan.hazard.closureWarnings.map(out));
    for (const t of plan.hazard.unknownTownships) {
      warnings.push({
        row: null,
        column: null,
        value: t,
        message: `乡镇“${t}”不在单位名录中：已按原文保存，在单位名录中添加该乡镇（或设为别名）后自动关联`,
      });
    }
  } else if (parsed.kind === 'pledge') {
    plan.pledge = planPledges(ctx, parsed, unit, taken as typeof parsed.rows);
    for (const n of plan.pledge.newUnits) {
      warnings.push({
        row: null,
        column: null,
        value: n,
        message: `谈话对象单位“${n}”不在单位名录中：已按原文保存，在单位名录中添加该单位（或设为别名）后自动关联`,
      });
    }
  } else if (!unit && !parsed.meta.unitName) {
    errors.unshift({
      row: null,
      column: null,
      value: '',
      message: `表中没有写明报送单位，导入${parsed.kind === 'worklist' ? '工作清单' : '报告'}时请指定报送单位`,
    });
  } else if (opts.noticeId === undefined) {
    warnings.unshift({
      row: null,
      column: null,
      value: '',
      message: '未指定所属通知：将登记为未关联通知的报送，不计入任何通知，可在“报送登记”中补充',
    });
  }
  return plan;
}

const TOWNSHIP_KINDS = new Set<string>(['乡镇', '街道', '开发区']);

/** Rows of a return shown in the wizard's preview (with their cells as written). */
export const PREVIEW_ROWS = 500;

/**
 * Limits of one import: beyond them a file is refused before parsing (a ledger is never this big). Rows and columns
 * are checked in the import worker (core/imports/parse/limits.ts checkGridSize, the same figures in IMPORT_LIMITS).
 */
export const GRID_LIMITS = { maxRows: 300_000, maxColumns: 1_000, maxCellChars: 5_000 };

/** A cell holding more text than any ledger field needs (e.g. 1 MB pasted in one cell) makes its row an error. */
function flagHugeCells(parsed: ParsedReturn) {
  for (const row of parsed.rows) {
    row.raw.forEach((text, i) => {
      if (text.length <= GRID_LIMITS.maxCellChars) return;
      const col = parsed.columns[i];
      row.problems.push({
        row: row.rowNumber,
        column: col?.letter ?? null,
        field: col?.field ?? null,
        value: `${text.slice(0, 20)}…`,
        message: `第${row.rowNumber}行 ${col?.letter ?? ''}列 内容过长（${text.length} 字，上限 ${GRID_LIMITS.maxCellChars} 字），请精简后重新报送`,
        severity: 'error',
      });
      row.importable = false;
    });
  }
}

/** What the clerk (and the CLI's --json) sees of a plan. */
export function planSummary(plan: ImportPlan) {
  const h = plan.hazard;
  const p = plan.pledge;
  const isRet = plan.parsed.kind === 'worklist' || plan.parsed.kind === 'report';
  const dup = plan.duplicateOf !== null;
  return {
    file: plan.fileName,
    kind: plan.parsed.kind,
    sheet: plan.parsed.sheet,
    title: plan.parsed.title,
    unit: plan.unit ? { id: plan.unit.id, name: plan.unit.name } : null,
    rows: plan.parsed.summary.rows,
    importable: plan.rowsTaken,
    new: dup ? 0 : (h?.create.length ?? p?.create.length ?? (isRet ? 1 : 0)),
    changed: dup ? 0 : (h?.update.length ?? p?.update.length ?? 0),
    unchanged: dup ? plan.rowsTaken : (h?.unchanged.length ?? p?.unchanged.length ?? 0),
    disappeared: dup ? 0 : (h?.disappeared.length ?? 0),
    erroredExisting: dup ? 0 : (h?.erroredExisting ?? 0),
    duplicateOf: plan.duplicateOf,
    summary: plan.parsed.summary,
    mappingSource: plan.mappingSource,
    /** The period the file names, the notices asking this material of the unit, and what is credited. */
    filePeriod: plan.filePeriod,
    candidates: plan.candidates,
    proposedNoticeId: plan.proposedNoticeId,
    credit: plan.credit ? { ...plan.credit, text: plan.creditText } : null,
    creditText: plan.creditText,
    creditWarning: plan.creditWarning,
    creditError: plan.creditError,
    columns: plan.parsed.columns,
    errors: plan.errors,
    warnings: plan.warnings,
    changes: dup
      ? []
      : (h?.update ?? []).slice(0, 500).map((u) => ({ row: u.rowNumber, hazardId: u.existingId, diffs: u.diffs })),
    disappearedRows: dup ? [] : (h?.disappeared ?? []).slice(0, 500),
  };
}
