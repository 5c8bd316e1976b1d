/**
 * Print-ready registers as Excel workbooks (landscape, text ≥ 9 pt, header rows repeated, page numbers, frozen
 * panes; see addPrintSheet): the hazard ledger for any filter (an A4 print sheet and the full A3 sheet, 五落实
 * merged over its five columns), the 明白书 summary table, and the return-tracking board. Pure: the callers pass
 * the rows.
 */
import type { Board } from '../returns/board';
import type { PledgeView } from '../pledges/service';
import type { ReturnView } from '../returns/service';
import type { Unit } from '../units/service';
import { levelLabel } from '../domain/pledgeLevels';
import { addPrintSheet, asDate, newWorkbook, WAN_FMT, workbookBuffer, YUAN_FMT } from './xlsx';

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
/**
 * A list's title with the filter it was exported under, e.g. 隐患排查治理台账（筛选：方山镇；重大；未整改）;
 * undefined (the whole-county registers of 案卷归档) leaves the title as it is.
 */
export const withFilter = (title: string, filterTitle: string | undefined): string =>
  filterTitle === undefined ? title : `${title}（${filterTitle}）`;

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

const PLEDGE_HEADER: (string | null)[][] = [
  [
    '序号',
    '谈话层级',
    '谈话人',
    null,
    '谈话对象',
    null,
    null,
    '谈话日期',
    '签订日期',
    '签订情况',
    '扫描件',
    '依据通知',
    '留存方式',
  ],
  [null, null, '姓名', '职务', '姓名', '单位', '职务', null, null, null, null, null, null],
];

export async function pledgeSummaryWorkbook(
  rows: PledgeView[],
  opts: { office: string; today: string; scopeLabel: string; filterTitle?: string },
): Promise<Buffer> {
  const wb = newWorkbook(opts.office);
  const signed = rows.filter((p) => p.status !== '未签订').length;
  addPrintSheet(wb, '明白书汇总', {
    title: withFilter('安全生产责任明白书签订情况汇总表', opts.filterTitle),
    subtitle: `${opts.office}　　${opts.scopeLabel ? `范围：${opts.scopeLabel}　　` : ''}统计日期：${opts.today}　　共 ${rows.length} 份，已签订 ${signed} 份`,
    header: PLEDGE_HEADER,
    widths: [4, 5, 8, 12, 8, 15, 12, 12, 12, 6, 6, 12, 12],
    columns: [
      { align: 'center' },
      { align: 'center' },
      {},
      {},
      {},
      {},
      {},
      {},
      {},
      { align: 'center' },
      { align: 'center' },
      {},
      {},
    ],
    rows: rows.map((p, i) => [
      i + 1,
      levelLabel(p.level),
      p.talkerName,
      p.talkerTitle,
      p.talkeeName,
      p.talkeeUnitName,
      p.talkeeTitle,
      asDate(p.talkDate),
      asDate(p.signedDate),
      p.status,
      p.attachments.length ? `${p.attachments.length} 份` : '无',
      p.noticeDocNo ?? '',
      p.custody ?? '',
    ]),
  });
  return workbookBuffer(wb);
}

/** The board: units down, one column per notice × required return (the notice's 文号 merged over its returns). */
export async function returnBoardWorkbook(
  board: Board,
  opts: { office: string; filterTitle?: string },
): Promise<Buffer> {
  const wb = newWorkbook(opts.office);
  const cols = board.columns;
  const top: (string | null)[] = ['序号', '单位'];
  const bottom: (string | null)[] = [null, null];
  cols.forEach((c, i) => {
    top.push(i > 0 && cols[i - 1]!.noticeId === c.noticeId ? null : c.docNo);
    bottom.push(c.label);
  });
  top.push('逾期/退回', '联系人', '联系电话');
  bottom.push(null, null, null);
  const cellText = (row: Board['rows'][number], key: string) => {
    const c = row.cells[key];
    if (!c) return '—';
    return [
      c.status,
      c.periodLabel && `（${c.periodLabel}）`,
      c.submittedDate && ` ${c.submittedDate}`,
      c.detail && `\n${c.detail}`,
      c.reason && `\n退回原因：${c.reason}`,
    ]
      .filter(Boolean)
      .join('');
  };
  addPrintSheet(wb, '报送情况', {
    title: withFilter('材料报送情况跟踪表', opts.filterTitle),
    subtitle: `${opts.office}　　统计日期：${board.today}　　未交 ${board.totals['未交']}，逾期 ${board.totals['逾期']}，退回修改 ${board.totals['退回修改']}，已交 ${board.totals['已交'] + board.totals['逾期补交']}`,
    header: [top, bottom],
    widths: [4, 12, ...cols.map(() => 14), 5, 6, 12],
    columns: [{ align: 'center' }, {}, ...cols.map(() => ({})), { align: 'center' }, {}, {}],
    repeatColumns: 2,
    rows: board.rows.map((r, i) => [
      i + 1,
      r.unitName,
      ...cols.map((c) => cellText(r, c.key)),
      r.late,
      r.contact ?? '',
      r.phone ?? '',
    ]),
  });
  return workbookBuffer(wb);
}

/** 报送登记 as listed: one row per registered return (the page's filters applied by the caller). */
export async function returnListWorkbook(
  rows: ReturnView[],
  opts: { office: string; today: string; filterTitle: string },
): Promise<Buffer> {
  const wb = newWorkbook(opts.office);
  const sentBack = rows.filter((r) => r.status === '退回修改').length;
  addPrintSheet(wb, '报送登记', {
    title: withFilter('材料报送登记表', opts.filterTitle),
    subtitle: `${opts.office}　　统计日期：${opts.today}　　共 ${rows.length} 件，退回修改 ${sentBack} 件`,
    header: [
      ['序号', '报送单位', '通知文号', '材料类别', '期次', '材料题名', '收到日期', '状态', '退回原因', '附件', '备注'],
    ],
    widths: [4, 14, 14, 8, 8, 22, 12, 8, 14, 5, 12],
    columns: [
      { align: 'center' },
      {},
      {},
      {},
      { align: 'center' },
      {},
      {},
      { align: 'center' },
      {},
      { align: 'center' },
      {},
    ],
    rows: rows.map((r, i) => [
      i + 1,
      r.unitName,
      r.docNo,
      r.kindLabel,
      r.period ?? '',
      r.title ?? '',
      asDate(r.receivedDate),
      r.status,
      r.returnReason ?? '',
      r.attachments.length ? `${r.attachments.length} 份` : '无',
      r.notes ?? '',
    ]),
  });
  return workbookBuffer(wb);
}

/** 单位名录 as listed. */
export async function unitListWorkbook(
  rows: Unit[],
  opts: { office: string; today: string; filterTitle: string; parentName: (id: number) => string },
): Promise<Buffer> {
  const wb = newWorkbook(opts.office);
  addPrintSheet(wb, '单位名录', {
    title: withFilter('单位名录', opts.filterTitle),
    subtitle: `${opts.office}　　统计日期：${opts.today}　　共 ${rows.length} 个单位，停用 ${rows.filter((u) => !u.active).length} 个`,
    header: [['序号', '单位名称', '类别', '所属乡镇', '别名', '联系人', '联系电话', '状态', '备注']],
    widths: [4, 22, 7, 12, 20, 8, 13, 6, 18],
    columns: [{ align: 'center' }, {}, { align: 'center' }, {}, {}, {}, {}, { align: 'center' }, {}],
    rows: rows.map((u, i) => [
      i + 1,
      u.name,
      u.kind,
      u.parentId === null ? '' : opts.parentName(u.parentId),
      u.aliases.join('、'),
      u.contact ?? '',
      u.phone ?? '',
      u.active ? '启用' : '停用',
      u.notes ?? '',
    ]),
  });
  return workbookBuffer(wb);
}
