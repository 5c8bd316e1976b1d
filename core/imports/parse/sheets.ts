/**
 * Which sheet holds the data: hidden sheets and instruction sheets (填表说明) are skipped; among the sheets
 * with a recognisable header the best-fitting one is chosen, the others are offered in the wizard.
 */
import { detectKind, kindScore } from './headers';
import type { Sheet, Workbook } from './grid';
import { findDataRows, findHeader, headLines, viewOf, type DataRows, type HeaderBlock, type SheetView } from './layout';
import { fileErrors } from './messages';
import type { ImportKind, ParseOptions, SheetChoice } from './types';

export interface SheetAssessment {
  choice: SheetChoice;
  view: SheetView;
  header: HeaderBlock | null;
  kind: ImportKind | null;
  score: number;
  data: DataRows | null;
}

const INSTRUCTION_NAME = /说明|填表|须知|注意事项|填报要求|instruction|readme|help/i;

function looksLikeInstructions(view: SheetView): boolean {
  const rows = view.sheet.rows.filter((r) => r.some((c) => c !== null));
  if (!rows.length || rows.length > 20) return false;
  const cells = rows.flat().filter((c) => c !== null);
  return cells.length <= rows.length * 2 && cells.some((c) => typeof c === 'string' && c.length >= 15);
}

export function assessSheet(wb: Workbook, index: number, forcedKind?: ImportKind): SheetAssessment {
  const sheet = wb.sheets[index]!;
  const view = viewOf(sheet);
  const base = { name: sheet.name, hidden: sheet.hidden, chosen: false };
  const empty = !sheet.rows.some((r) => r.some((c) => c !== null));
  if (empty)
    return {
      choice: { ...base, reason: '空表', kind: null, dataRows: 0 },
      view,
      header: null,
      kind: null,
      score: 0,
      data: null,
    };
  const header = findHeader(view);
  if (!header) {
    const reason = sheet.hidden
      ? '隐藏工作表'
      : INSTRUCTION_NAME.test(sheet.name) || looksLikeInstructions(view)
        ? '填表说明'
        : '未找到表头';
    return {
      choice: { ...base, reason, kind: null, dataRows: 0 },
      view,
      header: null,
      kind: null,
      score: 0,
      data: null,
    };
  }
  const title = headLines(view, header).join(' ');
  const kind = forcedKind ?? detectKind(header.parts, title);
  const score = kind ? kindScore(kind, header.parts, title) : 0;
  const data = findDataRows(view, header);
  const reason = sheet.hidden ? '隐藏工作表' : kind ? '可导入' : '未识别表格类型';
  return { choice: { ...base, reason, kind, dataRows: data.rows.length }, view, header, kind, score, data };
}

/** Assess every sheet and choose one: opts.sheet if given, else the best visible data sheet. */
export function chooseSheet(wb: Workbook, opts: ParseOptions): { chosen: SheetAssessment; all: SheetAssessment[] } {
  // Sheets that share one part's rows (xlsxStream reads such a part once) are assessed once.
  const byRows = new Map<Sheet['rows'], SheetAssessment>();
  const all = wb.sheets.map((sheet, i) => {
    const seen = byRows.get(sheet.rows);
    if (seen && seen.choice.hidden === sheet.hidden) {
      return { ...seen, view: { ...seen.view, sheet }, choice: { ...seen.choice, name: sheet.name } };
    }
    const a = assessSheet(wb, i, opts.kind);
    byRows.set(sheet.rows, a);
    return a;
  });
  let chosen: SheetAssessment | undefined;
  if (opts.sheet !== undefined) {
    chosen = all.find((a) => a.choice.name === opts.sheet);
    if (!chosen) throw fileErrors.sheetNotFound(wb.file, opts.sheet);
    if (!chosen.header) throw fileErrors.noHeader(wb.file, chosen.choice.name);
    if (!chosen.kind) throw fileErrors.unknownKind(wb.file, chosen.choice.name);
  } else {
    const candidates = all.filter((a) => !a.choice.hidden && a.header && a.kind);
    candidates.sort((a, b) => b.score - a.score || (b.data?.rows.length ?? 0) - (a.data?.rows.length ?? 0));
    chosen = candidates[0];
    if (!chosen) {
      // A header was found but fits no kind (a task list with 贯彻落实 in one header): say so, not "no header".
      const unknown = all.find((a) => !a.choice.hidden && a.header && !a.kind);
      if (unknown) throw fileErrors.unknownKind(wb.file, unknown.choice.name);
      const visible = all.find((a) => !a.choice.hidden && a.choice.reason !== '空表' && a.choice.reason !== '填表说明');
      throw fileErrors.noHeader(wb.file, (visible ?? all[0])!.choice.name);
    }
  }
  for (const a of all) {
    if (a === chosen) {
      a.choice.chosen = true;
      a.choice.reason = a.choice.hidden ? '隐藏工作表（已按选择导入）' : '数据表';
    } else if (a.choice.reason === '可导入') {
      a.choice.reason = '另一张可导入的表（可在向导中改选）';
    }
  }
  return { chosen, all };
}
