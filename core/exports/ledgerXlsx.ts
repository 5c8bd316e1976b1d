/**
 * The hazard ledger (隐患排查治理台账) as a print-ready workbook: an A4 landscape sheet of the columns an inspector
 * reads on paper (五落实 merged over its five columns, 整改资金 in 万元) and the full A3 sheet of every column
 * (整改资金 in 元). Money and dates are numbers. Pure: the caller passes the rows (registers.ts, lists.ts).
 */
import { addPrintSheet, asDate, newWorkbook, WAN_FMT, workbookBuffer, YUAN_FMT } from './xlsx';
import { withFilter } from './sheetTitle';

export interface LedgerRowData {
  townshipName: string | null;
  enterpriseName: string;
  industry: string | null;
  description: string;
  location: string | null;
  source: string | null;
  foundDate: string | null;
  foundBy: string | null;
  level: string;
  responsibleUnit: string | null;
  responsiblePerson: string | null;
  measures: string | null;
  fundsFen: number | null;
  deadlineDate: string | null;
  deadlineText: string | null;
  emergencyPlan: string | null;
  status: string;
  overdue: boolean;
  completedDate: string | null;
  acceptedBy: string | null;
  acceptedDate: string | null;
  supervised: boolean;
  notes: string | null;
}

/** The two header rows: a null in the first row continues the 五落实 group; a null below spans both rows. */
export const LEDGER_HEADER: (string | null)[][] = [
  [
    '序号',
    '乡镇（街道）',
    '隐患单位',
    '行业领域',
    '隐患描述',
    '隐患部位',
    '隐患来源',
    '发现日期',
    '检查人',
    '隐患等级',
    '五落实',
    null,
    null,
    null,
    null,
    '整改状态',
    '完成日期',
    '验收人',
    '验收日期',
    '挂牌督办',
    '备注',
  ],
  [
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    '责任单位（责任人）',
    '整改措施',
    '整改资金（元）',
    '整改时限',
    '应急预案',
    null,
    null,
    null,
    null,
    null,
    null,
  ],
];
// Date columns 12 wide: 2024-03-05 in 仿宋 11 pt needs 74 px of the 79 a 12-unit column leaves (11 would show ####).
const LEDGER_WIDTHS = [4, 7, 11, 6, 14, 6, 7, 12, 6, 5, 10, 12, 12, 12, 8, 8, 12, 7, 12, 5, 6];

/**
 * The columns printed on A4 landscape (at ≥ 9 pt): what an inspector reads on paper — who, what, how serious,
 * the 五落实 and where the closure stands. The other columns (部位, 来源, 检查人, 验收, 督办, 备注) are on the
 * full sheet, set up for A3.
 */
export const LEDGER_PRINT_HEADER: (string | null)[][] = [
  [
    '序号',
    '乡镇（街道）',
    '隐患单位',
    '行业领域',
    '隐患描述',
    '隐患等级',
    '发现日期',
    '五落实',
    null,
    null,
    null,
    null,
    '整改状态',
    '完成日期',
  ],
  [
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    '责任单位（责任人）',
    '整改措施',
    '整改资金（万元）',
    '整改时限',
    '应急预案',
    null,
    null,
  ],
];

const LEDGER_PRINT_WIDTHS = [4, 7, 9.5, 6, 15, 5, 12, 9, 13, 7.5, 12, 6, 7, 12];

const ledgerSubtitle = (rows: LedgerRowData[], opts: { office: string; today: string; filterLabel: string }) =>
  `填报单位：${opts.office}　　${opts.filterLabel ? `范围：${opts.filterLabel}　　` : ''}统计日期：${opts.today}　　共 ${rows.length} 条（其中重大 ${rows.filter((r) => r.level === '重大').length} 条）`;
const LEDGER_FOOTER = '填报人：　　　　　　审核人：　　　　　　联系电话：';
const responsible = (h: LedgerRowData) => [h.responsibleUnit, h.responsiblePerson].filter(Boolean).join('　');
/**
 * On the A4 sheet: the person on a line of its own under the unit, and a responsible unit that is the hazard's
 * own unit reads 本单位 (the unit's name is two columns to the left).
 */
const responsibleShort = (h: LedgerRowData) =>
  [h.responsibleUnit && h.responsibleUnit === h.enterpriseName ? '本单位' : h.responsibleUnit, h.responsiblePerson]
    .filter(Boolean)
    .join('\n');
const statusText = (h: LedgerRowData) => (h.overdue ? `${h.status}（逾期）` : h.status);
const deadline = (h: LedgerRowData) => (h.deadlineDate ? asDate(h.deadlineDate) : (h.deadlineText ?? ''));

/**
 * The hazard ledger: sheet 1 「隐患台账」 prints on A4 landscape (the columns above, 整改资金 in 万元); sheet 2
 * 「隐患台账（全部字段）」 keeps every column (整改资金 in 元) and prints on A3 landscape. Money and dates are numbers.
 */
export async function hazardLedgerWorkbook(
  rows: LedgerRowData[],
  opts: { office: string; today: string; filterLabel: string; filterTitle?: string },
): Promise<Buffer> {
  const wb = newWorkbook(opts.office);
  const subtitle = ledgerSubtitle(rows, opts);
  const title = withFilter('隐患排查治理台账', opts.filterTitle);
  addPrintSheet(wb, '隐患台账', {
    title,
    subtitle,
    header: LEDGER_PRINT_HEADER,
    widths: LEDGER_PRINT_WIDTHS,
    columns: [
      { align: 'center' },
      {},
      {},
      {},
      {},
      { align: 'center' },
      {},
      {},
      {},
      { numFmt: WAN_FMT },
      { align: 'center' },
      {},
      { align: 'center' },
      {},
    ],
    rows: rows.map((h, i) => [
      i + 1,
      h.townshipName ?? '',
      h.enterpriseName,
      h.industry ?? '',
      h.description,
      h.level,
      asDate(h.foundDate),
      responsibleShort(h),
      h.measures ?? '',
      h.fundsFen === null ? null : h.fundsFen / 1_000_000,
      deadline(h),
      h.emergencyPlan ?? '',
      statusText(h),
      asDate(h.completedDate),
    ]),
    footer: LEDGER_FOOTER,
    repeatColumns: 3,
  });
  addPrintSheet(wb, '隐患台账（全部字段）', {
    title,
    subtitle,
    header: LEDGER_HEADER,
    widths: LEDGER_WIDTHS,
    columns: LEDGER_WIDTHS.map((_, c) =>
      c === 12
        ? { numFmt: YUAN_FMT }
        : c === 0 || c === 9 || c === 13 || c === 15 || c === 19
          ? { align: 'center' as const }
          : {},
    ),
    rows: rows.map((h, i) => [
      i + 1,
      h.townshipName ?? '',
      h.enterpriseName,
      h.industry ?? '',
      h.description,
      h.location ?? '',
      h.source ?? '',
      asDate(h.foundDate),
      h.foundBy ?? '',
      h.level,
      responsible(h),
      h.measures ?? '',
      h.fundsFen === null ? null : h.fundsFen / 100,
      deadline(h),
      h.emergencyPlan ?? '',
      statusText(h),
      asDate(h.completedDate),
      h.acceptedBy ?? '',
      asDate(h.acceptedDate),
      h.supervised ? '是' : '',
      h.notes ?? '',
    ]),
    footer: LEDGER_FOOTER,
    paper: 'A3',
    repeatColumns: 3,
  });
  return workbookBuffer(wb);
}
