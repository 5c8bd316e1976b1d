import type ExcelJS from 'exceljs';
import { exceljs } from '../platform/lazyLibs';
import path from 'node:path';
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { readReturnFile } from './parse';
import { cellText } from './parse/grid';
import { writeFileAtomic } from '../files/atomicWrite';
import { safeFileName } from '../files/names';
import { listReturns } from '../returns/service';
import { getSettings } from '../settings/service';
import { planImport, type ImportOptions, type ProblemOut } from './preview';

const RED = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFC7CE' } };
const YELLOW = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFEB9C' } };

/**
 * 退回修改函: the unit's own workbook with every problem cell filled (red: error, yellow: warning) and a
 * comment saying what is wrong, behind a first sheet that lists the problems.
 */
export async function returnLetterWorkbook(
  ctx: AppContext,
  file: string,
  opts: ImportOptions = {},
): Promise<{ buffer: Buffer; errors: number; warnings: number; plan: Awaited<ReturnType<typeof planImport>> }> {
  const plan = await planImport(ctx, file, opts);
  const wb = new (exceljs().Workbook)();
  let ws: ExcelJS.Worksheet;
  if (plan.parsed.format === 'xlsx') {
    await wb.xlsx.load(plan.bytes as unknown as ArrayBuffer);
    ws = wb.getWorksheet(plan.parsed.sheet) ?? wb.worksheets[0]!;
  } else {
    // .xls and .csv: rebuild the sheet from the grid (values as shown)
    const grid = await readReturnFile(file);
    const sheet = grid.sheets.find((s) => s.name === plan.parsed.sheet) ?? grid.sheets[0]!;
    ws = wb.addWorksheet(sheet.name.slice(0, 31) || '数据');
    sheet.rows.forEach((row, r) => row.forEach((c, ci) => (ws.getCell(r + 1, ci + 1).value = cellText(c) || null)));
    for (const m of sheet.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  const mark = (p: ProblemOut, fill: typeof RED, label: string) => {
    if (p.row === null || !p.column) return;
    const cell = ws.getCell(`${p.column}${p.row}`);
    cell.fill = fill;
    const prev = typeof cell.note === 'string' ? `${cell.note}\n` : '';
    cell.note = `${prev}【${label}】${p.message}`;
  };
  for (const p of plan.warnings) mark(p, YELLOW, '请核对');
  for (const p of plan.errors) mark(p, RED, '需修改');
  for (const p of plan.errors) {
    if (p.row !== null && !p.column) {
      ws.getRow(p.row).eachCell({ includeEmpty: false }, (c) => (c.fill = RED));
    }
  }
  const s = getSettings(ctx);
  const summary = wb.addWorksheet('问题汇总', { properties: { tabColor: { argb: 'FFC00000' } } });
  summary.columns = [{ width: 8 }, { width: 8 }, { width: 24 }, { width: 70 }, { width: 10 }];
  summary.addRow([`关于“${plan.fileName}”的修改意见`]);
  summary.mergeCells(1, 1, 1, 5);
  summary.getCell('A1').font = { size: 16, bold: true };
  summary.addRow([
    `${plan.unit?.name ?? plan.parsed.meta.unitName ?? '报送单位'}：经审核，报送的表格有 ${plan.errors.length} 处错误（红色，须修改）、${plan.warnings.length} 处需核对（黄色）。请修改后重新报送。`,
  ]);
  summary.mergeCells(2, 1, 2, 5);
  summary.getCell('A2').alignment = { wrapText: true };
  summary.getRow(2).height = 36;
  summary.addRow(['行', '列', '填写内容', '问题', '类别']).font = { bold: true };
  for (const [list, kind] of [
    [plan.errors, '错误'],
    [plan.warnings, '请核对'],
  ] as const) {
    for (const p of list) {
      const r = summary.addRow([p.row ?? '', p.column ?? '', p.value, p.message, kind]);
      r.getCell(4).alignment = { wrapText: true };
      if (kind === '错误') r.getCell(5).fill = RED;
      else r.getCell(5).fill = YELLOW;
    }
  }
  summary.addRow([]);
  summary.addRow([`${s.officeName}　${todayIso(ctx.now())}`]);
  // the summary first
  // exceljs writes sheets by their (untyped) orderNo: put the summary first
  const ordered = wb.worksheets as (ExcelJS.Worksheet & { orderNo: number })[];
  ordered.filter((w) => w !== summary).forEach((w, i) => (w.orderNo = i + 1));
  (summary as ExcelJS.Worksheet & { orderNo: number }).orderNo = 0;
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, errors: plan.errors.length, warnings: plan.warnings.length, plan };
}

/**
 * Saves the annotated workbook. Making the letter records nothing: marking the return 退回修改 is a separate act of
 * the clerk (returns:sendBack). The result names the unit's latest registered return of this kind for the notice,
 * if there is one still 已接收, with a suggested reason, so the wizard can offer that act.
 */
export async function sendReturnLetter(ctx: AppContext, file: string, opts: ImportOptions & { out?: string } = {}) {
  const letter = await returnLetterWorkbook(ctx, file, opts);
  const out =
    opts.out ??
    (await ctx.ports.pickSavePath({
      title: '保存退回修改的表格',
      defaultName: safeFileName(`${path.basename(file).replace(/\.[^.]+$/, '')}_退回修改.xlsx`),
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    }));
  if (!out) return null;
  const target = out.toLowerCase().endsWith('.xlsx') ? out : `${out}.xlsx`;
  writeFileAtomic(target, letter.buffer);
  const plan = letter.plan;
  const kind = plan.parsed.kind === 'hazard' ? 'ledger' : plan.parsed.kind === 'worklist' ? 'worklist' : 'report';
  const latest =
    plan.unit && plan.noticeId
      ? listReturns(ctx, { noticeId: plan.noticeId, unitId: plan.unit.id, kind, latestOnly: true }).find(
          (r) => r.status === '已接收',
        )
      : undefined;
  if (!opts.out) await ctx.ports.openPath(target);
  return {
    file: target,
    errors: letter.errors,
    warnings: letter.warnings,
    unitName: plan.unit?.name ?? null,
    /** The registered return this letter answers, for 记为退回修改 (returns:sendBack); null when none is registered. */
    returnId: latest?.id ?? null,
    returnLabel: latest
      ? `${latest.unitName} ${latest.kindLabel}${latest.docNo ? `（${latest.docNo}）` : ''}，${latest.receivedDate} 收到`
      : null,
    reason: `表格有 ${letter.errors} 处错误、${letter.warnings} 处需核对，请按“${path.basename(target)}”修改后重新报送`,
  };
}
