/**
 * Print-ready registers as Excel workbooks (landscape, text ≥ 9 pt, header rows repeated, page numbers, frozen
 * panes; see addPrintSheet): the 明白书 summary table, the return-tracking board, the 报送登记 and the 单位名录 as
 * listed. The hazard ledger is in ledgerXlsx.ts. Pure: the callers pass the rows.
 */
import type { Board } from '../returns/board';
import type { PledgeView } from '../pledges/service';
import type { ReturnView } from '../returns/service';
import type { Unit } from '../units/service';
import { levelLabel } from '../domain/pledgeLevels';
import { addPrintSheet, asDate, newWorkbook, workbookBuffer } from './xlsx';
import { withFilter } from './sheetTitle';

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
