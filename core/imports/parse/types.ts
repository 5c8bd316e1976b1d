/** The importer's output types: what the commit/reconcile layer and the import wizard build on. */
import type { HazardFields } from '../../domain/hazard';
import type { SourceFormat } from './grid';

export type ImportKind = 'hazard' | 'pledge' | 'worklist' | 'report';

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  hazard: '隐患台账',
  pledge: '明白书签订情况汇总表',
  worklist: '工作清单',
  report: '报告登记表',
};

/** One row of a 明白书签订情况汇总表. Unit names are as written; the commit layer resolves them to units. */
export interface PledgeImportFields {
  level: number | null; // 1–4 when the table says (层级); otherwise chosen in the wizard
  talkerName: string;
  talkerTitle: string | null;
  talkeeName: string;
  talkeeUnitName: string | null;
  talkeeTitle: string | null;
  talkDate: string | null;
  signed: boolean | null; // 是/否; null when empty
  signedDate: string | null;
  notes: string | null;
}

/** One row of a 工作清单 (贯彻落实措施 + 工作进展情况). */
export interface WorklistImportFields {
  unitName: string | null;
  measure: string;
  progress: string | null;
  progressLength: number; // characters, whitespace not counted
  overLimit: boolean;
  responsibleDept: string | null;
  responsiblePerson: string | null;
  deadlineDate: string | null;
  deadlineText: string | null;
  completedDate: string | null;
  notes: string | null;
}

/** One row of a table listing reports (自查报告/专题报告 registers). */
export interface ReportImportFields {
  unitName: string;
  title: string | null;
  content: string | null;
  submittedDate: string | null;
  sealed: boolean | null;
  approved: boolean | null;
  notes: string | null;
}

export interface ImportValuesByKind {
  hazard: HazardFields;
  pledge: PledgeImportFields;
  worklist: WorklistImportFields;
  report: ReportImportFields;
}

export type Severity = 'error' | 'warning';

export interface RowProblem {
  /** 1-based Excel row number (null for file-level problems). */
  row: number | null;
  /** Column letter (null when the problem is about a missing column or the row as a whole). */
  column: string | null;
  /** The field concerned, when there is one. */
  field: string | null;
  /** The cell as written. */
  value: string;
  /** Chinese, e.g. 第12行 F列 “2024.13.5” 不是有效日期 */
  message: string;
  severity: Severity;
}

export interface ParsedRow<V> {
  /** 1-based Excel row number. */
  rowNumber: number;
  /** 1-based index among the data rows (what manifest overLimitRows counts). */
  index: number;
  values: V;
  /** The cells as display text, one per column (merged-down values filled in). */
  raw: string[];
  problems: RowProblem[];
  /** false when any problem is an error: such a row cannot be imported. */
  importable: boolean;
}

export type HeaderConfidence = 'synonym' | 'content' | 'user' | 'none';

export interface ParsedColumn {
  index: number;
  letter: string;
  /** Joined header text, group/leaf: "“五落实”情况/整改资金（万元）". */
  header: string;
  field: string | null;
  confidence: HeaderConfidence;
  /** Money unit read from the header (（万元）), applied to bare numbers. */
  unit?: '元' | '万元';
  /** A 字数 limit read from the header (（不超过300字）). */
  lengthLimit?: number;
  /** Why the field was chosen or not (e.g. "序号列作为隐患编号", "与C列重复"). */
  note?: string;
  /** Another field the same values fill: a 责任单位 column taken for 隐患单位 is still the 整改责任单位. */
  alsoAs?: string;
}

export interface SheetChoice {
  name: string;
  hidden: boolean;
  chosen: boolean;
  /** Why it was chosen or skipped: 隐藏工作表 / 填表说明 / 空表 / 未找到表头 / 数据表 / 另一张数据表 … */
  reason: string;
  kind: ImportKind | null;
  dataRows: number;
}

export interface ReturnMeta {
  /** The reporting unit as written (填报单位 or the title's prefix): "神垕镇人民政府", "禹州市交通运输局". */
  unitName: string | null;
  /** The township (乡镇/街道) of the return, noise stripped: "方山镇". */
  township: string | null;
  /** Where township came from. */
  townshipSource: 'title' | 'filler' | 'fileName' | 'unit' | null;
  reportDate: string | null;
  /** Year for dates written without one (3月5日); from opts.year, the subtitle/title, or 填报时间. */
  year: number | null;
  yearSource: 'option' | 'title' | 'reportDate' | null;
  /** "2024-Q1" or "2024-03" when the title/subtitle names a quarter or month. */
  period: string | null;
  /** Title, subtitle and 填报 lines above the header, as written. */
  lines: string[];
  /** The return's own 文号 (“文号：神政〔2024〕12号” or a bare 神政〔2024〕12号 line above the table), when written. */
  docNo?: string;
}

export interface SkippedRow {
  rowNumber: number;
  reason: '合计行' | '表尾' | '说明行' | '重复表头';
  text: string;
}

export interface ReturnSummary {
  rows: number;
  importable: number;
  errorRows: number;
  warningRows: number;
  blankRows: number;
  skippedRows: number;
  /** hazard: level 重大 */
  major?: number;
  /** hazard: status 已整改 or 已验收销号 */
  done?: number;
  /** pledge: signed 是 */
  signed?: number;
  /** worklist: data-row indexes (1-based) whose 工作进展情况 is over the limit */
  overLimitRows?: number[];
}

interface ParsedReturnBase {
  file: string;
  format: SourceFormat;
  encoding?: string;
  sheets: SheetChoice[];
  sheet: string;
  title: string | null;
  meta: ReturnMeta;
  header: { rows: number[]; texts: string[] };
  columns: ParsedColumn[];
  /** Stable hash of the normalised header texts in column order: remember a mapping per unit + layout. */
  fingerprint: string;
  skipped: SkippedRow[];
  /** File-level problems (missing required column, no township …). */
  issues: RowProblem[];
  summary: ReturnSummary;
}

export type ParsedReturnOf<K extends ImportKind> = ParsedReturnBase & {
  kind: K;
  rows: ParsedRow<ImportValuesByKind[K]>[];
};

export type ParsedReturn = { [K in ImportKind]: ParsedReturnOf<K> }[ImportKind];

export interface ParseOptions {
  /** Sheet name to use instead of the detected data sheet. */
  sheet?: string;
  kind?: ImportKind;
  /** Column index (0-based) → field, or null to ignore the column; overrides the synonyms. */
  mapping?: Record<number, string | null>;
  /** Year for dates written without one. */
  year?: number;
  /**
   * The township of the return when the reporting unit chosen (--unit, the wizard) is a 乡镇/街道: the 乡镇 of rows
   * without a 乡镇 column, before the title's or the file name's.
   */
  township?: string;
  /** 字数 limit for 工作进展情况 when the header does not say (default 300). */
  lengthLimit?: number;
  /**
   * How many rows (from the first) keep their cells as written (`raw`, for the preview); later rows get an empty
   * `raw` unless a cell holds more than `rawIfLonger` characters. Default: every row (a 100,000-row ledger's texts
   * are 20 MB the import itself never reads).
   */
  rawRows?: number;
  rawIfLonger?: number;
}
