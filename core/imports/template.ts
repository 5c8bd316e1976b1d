import type { AppContext } from '../platform/context';
import { HAZARD_LEVELS, HAZARD_SOURCES, HAZARD_STATUSES, INDUSTRIES } from '../domain/hazard';
import { newWorkbook, workbookBuffer } from '../exports/xlsx';
import { getNotice } from '../notices/service';
import { getSettings } from '../settings/service';
import { getUnit } from '../units/service';

import { TEMPLATE_INFO_SHEET } from './parse/templateInfo';

export { TEMPLATE_INFO_SHEET, templateInfo } from './parse/templateInfo';
export const TEMPLATE_VERSION = 1;

/** Columns of the hazard-ledger template: header texts the importer recognises without any mapping. */
const COLUMNS: {
  group?: string;
  header: string;
  width: number;
  list?: readonly string[];
  date?: boolean;
  money?: boolean;
}[] = [
  { header: '序号', width: 6 },
  { header: '隐患编号', width: 10 },
  { header: '乡镇（街道）', width: 12 },
  { header: '村（社区）', width: 10 },
  { header: '隐患单位', width: 22 },
  { header: '行业领域', width: 10, list: INDUSTRIES },
  { header: '隐患描述', width: 32 },
  { header: '隐患部位', width: 12 },
  { header: '隐患来源', width: 10, list: HAZARD_SOURCES },
  { header: '发现日期', width: 12, date: true },
  { header: '检查人', width: 10 },
  { header: '隐患等级', width: 9, list: HAZARD_LEVELS },
  { group: '五落实', header: '整改责任单位', width: 16 },
  { group: '五落实', header: '整改责任人', width: 10 },
  { group: '五落实', header: '整改措施', width: 26 },
  { group: '五落实', header: '整改资金（元）', width: 12, money: true },
  { group: '五落实', header: '整改时限', width: 12 },
  { group: '五落实', header: '应急预案', width: 14 },
  { header: '整改状态', width: 10, list: HAZARD_STATUSES },
  { header: '完成日期', width: 12, date: true },
  { header: '验收人', width: 10 },
  { header: '验收日期', width: 12, date: true },
  // Free text (ledgers write their own categories): no list. Read as 隐患类别 by its 事故类型.
  { header: '事故类型（隐患类别）', width: 14 },
  { header: '备注', width: 16 },
];

/**
 * A blank hazard-ledger return for a notice (and a unit): title, the two-row header with 五落实, drop-down lists
 * for level/status/industry/source, date-formatted columns, and a hidden sheet naming the notice, the unit and
 * the template version, so returns made from it import with no mapping at all.
 */
export async function hazardTemplate(ctx: AppContext, noticeId: number, unitId?: number): Promise<Buffer> {
  const notice = getNotice(ctx, noticeId);
  const unit = unitId ? getUnit(ctx, unitId) : null;
  const s = getSettings(ctx);
  const wb = newWorkbook(s.officeName);
  const ws = wb.addWorksheet('隐患台账', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  const n = COLUMNS.length;
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.addRow([`${unit?.name ?? ''}安全隐患排查整治台账`]);
  ws.mergeCells(1, 1, 1, n);
  ws.getCell('A1').font = { name: '黑体', size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.addRow([`填报单位：${unit?.name ?? '（请填写）'}　　依据：${notice.docNo}　　填报时间：　　年　月　日`]);
  ws.mergeCells(2, 1, 2, n);
  const top = COLUMNS.map((c) => c.group ?? c.header);
  const bottom = COLUMNS.map((c) => (c.group ? c.header : ''));
  ws.addRow(top);
  ws.addRow(bottom);
  COLUMNS.forEach((c, i) => {
    if (!c.group) ws.mergeCells(3, i + 1, 4, i + 1);
  });
  const g0 = COLUMNS.findIndex((c) => c.group);
  const g1 = COLUMNS.length - 1 - [...COLUMNS].reverse().findIndex((c) => c.group);
  ws.mergeCells(3, g0 + 1, 3, g1 + 1);
  for (const r of [3, 4]) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { name: '黑体', size: 11 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
  }
  const lists = wb.addWorksheet('选项', { state: 'hidden' });
  COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.date) col.numFmt = 'yyyy-mm-dd';
    if (c.money) col.numFmt = '0.00';
    if (c.list) {
      c.list.forEach((v, k) => (lists.getCell(k + 1, i + 1).value = v));
      const letter = lists.getColumn(i + 1).letter;
      for (let r = 5; r <= 504; r++) {
        ws.getCell(r, i + 1).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`选项!$${letter}$1:$${letter}$${c.list.length}`],
          showErrorMessage: true,
          errorTitle: '请从列表中选择',
          error: `请选择：${c.list.join('、')}`,
        };
      }
    }
  });
  const info = wb.addWorksheet(TEMPLATE_INFO_SHEET, { state: 'veryHidden' });
  info.addRow(['template', 'anwei-hazard-ledger']);
  info.addRow(['version', TEMPLATE_VERSION]);
  info.addRow(['noticeId', notice.id]);
  info.addRow(['docNo', notice.docNo]);
  info.addRow(['unitId', unit?.id ?? '']);
  info.addRow(['unitName', unit?.name ?? '']);
  return workbookBuffer(wb);
}
