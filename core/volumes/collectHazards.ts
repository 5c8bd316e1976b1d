/**
 * Reads hazards for a volume: the 隐患整改闭环 item of one hazard (its record sheet with the 五落实, the
 * rectification history and its photos and reports), the 隐患排查治理台账 item (an extract of the ledger for a
 * filter, in ledger order), and the full hazard rows and ids that selection and the registers use. Each item also
 * carries the facts the completeness check needs (level, status, acceptance, evidence).
 */
import dayjs from 'dayjs';
import { eq, inArray } from 'drizzle-orm';
import { hazards, units } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { fenToYuan, fiveImplementations } from '../domain/hazard';
import { allHazards, getHazard, type HazardView } from '../hazards/service';
import type { HazardFilter } from '../hazards/query';
import { chineseDate } from './archivalNo';
import { fileTable, orDash, scanRefs, yesNo } from './collectFiles';
import type { HazardFacts, ItemData, LedgerParams, RecordSheet } from './types';

const ROLE_LABELS: Record<string, string> = {
  before: '整改前照片',
  after: '整改后照片',
  report: '整改报告',
  other: '其他材料',
};

function hazardLabel(h: { enterpriseName: string; description: string }) {
  const d = h.description.length > 24 ? `${h.description.slice(0, 24)}…` : h.description;
  return `${h.enterpriseName}：${d}`;
}

function facts(h: HazardView): HazardFacts {
  return {
    id: h.id,
    label: hazardLabel(h),
    level: h.level,
    status: h.status,
    acceptedBy: h.acceptedBy,
    acceptedDate: h.acceptedDate,
    evidence: h.attachments.length,
  };
}

/** The 隐患整改闭环 item of one hazard: its record sheet, history and bound photos and reports. */
export function closureItem(ctx: AppContext, id: number): ItemData {
  const h = getHazard(ctx, id);
  const { bound, other } = scanRefs(
    ctx,
    h.attachments.map((a) => ({ id: a.id, role: a.role })),
  );
  const five = fiveImplementations(h);
  const sheet: RecordSheet = {
    type: 'record',
    title: '隐患整改闭环情况表',
    subtitle: `隐患编号：${h.hazardNo ?? `YH-${String(h.id).padStart(5, '0')}`}`,
    rows: [
      [{ label: '隐患单位', value: h.enterpriseName }],
      [
        { label: '乡镇（街道）', value: orDash(h.townshipName) },
        { label: '行业领域', value: orDash(h.industry) },
      ],
      [{ label: '隐患描述', value: h.description }],
      [
        { label: '隐患部位', value: orDash(h.location) },
        { label: '隐患来源', value: orDash(h.source) },
      ],
      [
        { label: '发现日期', value: orDash(chineseDate(h.foundDate)) },
        { label: '检查人', value: orDash(h.foundBy) },
      ],
      [
        { label: '隐患等级', value: h.level },
        { label: '挂牌督办', value: yesNo(h.supervised) },
      ],
      [
        { label: '整改责任单位', value: orDash(h.responsibleUnit) },
        { label: '整改责任人', value: orDash(h.responsiblePerson) },
      ],
      [{ label: '整改措施', value: orDash(h.measures) }],
      [
        { label: '整改资金（元）', value: h.fundsFen === null ? '—' : fenToYuan(h.fundsFen) },
        { label: '整改时限', value: orDash(h.deadlineDate ? chineseDate(h.deadlineDate) : h.deadlineText) },
      ],
      [{ label: '应急预案', value: orDash(h.emergencyPlan) }],
      [{ label: '临时管控措施', value: orDash(h.interimMeasures) }],
      [{ label: '五落实', value: five.complete ? '已全部落实' : `未落实：${five.missing.join('、')}` }],
      [
        { label: '整改状态', value: h.status },
        { label: '整改完成日期', value: orDash(chineseDate(h.completedDate)) },
      ],
      [
        { label: '验收人', value: orDash(h.acceptedBy) },
        { label: '验收日期', value: orDash(chineseDate(h.acceptedDate)) },
      ],
      [{ label: '备注', value: orDash(h.notes) }],
    ],
    tables: [
      {
        title: '整改过程记录',
        columns: [
          { label: '序号', width: 10 },
          { label: '时间', width: 26 },
          { label: '操作人', width: 16 },
          { label: '状态变化', width: 26 },
          { label: '说明', width: 42 },
        ],
        rows: h.events.map((e, i) => [
          String(i + 1),
          dayjs(e.at).format('YYYY-MM-DD HH:mm'),
          e.actor,
          e.fromStatus ? `${e.fromStatus} → ${e.toStatus}` : e.toStatus,
          e.note ?? '',
        ]),
      },
      ...(bound.length || other.length ? [fileTable(bound, other, (r) => ROLE_LABELS[r] ?? '其他材料')] : []),
    ],
    footer: `本表由安委台账根据隐患台账生成；整改照片、报告等材料随后装订，共 ${bound.length} 个文件。`,
  };
  return {
    kind: 'closure',
    recordId: h.id,
    version: h.version,
    entry: {
      docNo: '',
      responsible: h.enterpriseName,
      title: `${h.enterpriseName}“${h.description}”隐患整改闭环材料`, // whole: the 卷内目录 row grows
      date: h.acceptedDate ?? h.completedDate ?? h.foundDate,
      note: h.level === '重大' ? '重大隐患' : '',
    },
    sheet,
    scans: bound,
    sort: {
      date: h.acceptedDate ?? h.completedDate ?? h.foundDate ?? '',
      unit: h.townshipName ?? h.enterpriseName,
      level: h.level === '重大' ? 0 : 1,
    },
    noticeId: h.noticeId,
    hazards: [facts(h)],
  };
}

/** Ids of every hazard matching a filter, in ledger order (township, found date). */
export function hazardIds(ctx: AppContext, filter: HazardFilter): number[] {
  return allHazards(ctx, { ...filter, sortField: 'id', sortOrder: 'asc' }).map((r) => r.id);
}

export type HazardRow = typeof hazards.$inferSelect & { township: string | null };

/** Full hazard rows for ids (the list rows lack the 五落实 fields), in the given order. */
export function hazardRows(ctx: AppContext, ids: number[]): HazardRow[] {
  const out = new Map<number, HazardRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = ctx.db
      .select({ h: hazards, township: units.name })
      .from(hazards)
      .leftJoin(units, eq(units.id, hazards.townshipUnitId))
      .where(inArray(hazards.id, chunk))
      .all();
    for (const r of rows) out.set(r.h.id, { ...r.h, township: r.township ?? r.h.townshipName });
  }
  return ids.map((id) => out.get(id)).filter((r): r is HazardRow => !!r);
}

/** Ledger order: township, then found date, then id. */
export function ledgerOrder(rows: HazardRow[]): HazardRow[] {
  // (the same order as localeCompare(…, 'zh'), without setting up the collation on every comparison)
  const zh = new Intl.Collator('zh');
  return [...rows].sort(
    (a, b) =>
      zh.compare(a.township ?? '', b.township ?? '') ||
      (a.foundDate ?? '9999').localeCompare(b.foundDate ?? '9999') ||
      a.id - b.id,
  );
}

const deadlineOf = (h: HazardRow) => (h.deadlineDate ? h.deadlineDate : (h.deadlineText ?? ''));

/** The 隐患排查治理台账 extract for a filter, in ledger order, with the facts of every hazard in it. */
export function ledgerItem(ctx: AppContext, params: LedgerParams): ItemData {
  const rows = ledgerOrder(hazardRows(ctx, hazardIds(ctx, params.filter)));
  const who = params.unitName ?? '全市';
  const dates = rows
    .map((r) => r.foundDate)
    .filter((d): d is string => !!d)
    .sort();
  const evidence = new Map<number, number>();
  if (rows.length) {
    const counted = ctx.sqlite
      .prepare(
        `select hazard_id id, count(*) n from hazard_attachments where hazard_id in (select value from json_each(?)) group by hazard_id`,
      )
      .all(JSON.stringify(rows.map((r) => r.id))) as { id: number; n: number }[];
    for (const c of counted) evidence.set(c.id, c.n);
  }
  const major = rows.filter((r) => r.level === '重大').length;
  const done = rows.filter((r) => r.status === '已整改' || r.status === '已验收销号').length;
  const period = dates.length ? `${chineseDate(dates[0])}至${chineseDate(dates[dates.length - 1])}` : '';
  return {
    kind: 'ledger',
    recordId: null,
    version: null,
    entry: {
      docNo: '',
      responsible: who,
      title: `${who}隐患排查治理台账（摘录，共${rows.length}条）`,
      date: dates[dates.length - 1] ?? null,
      note: major ? `含重大${major}条` : '',
    },
    sheet: {
      type: 'ledger',
      title: `${who}隐患排查治理台账`,
      subtitle: `${period ? `发现日期：${period}　　` : ''}共 ${rows.length} 条，其中重大隐患 ${major} 条，已整改 ${done} 条`,
      rows: rows.map((h, i) => [
        String(i + 1),
        h.township ?? '',
        h.enterpriseName,
        h.industry ?? '',
        h.description,
        h.level,
        h.foundDate ?? '',
        [h.responsibleUnit, h.responsiblePerson].filter(Boolean).join(' '),
        h.measures ?? '',
        h.fundsFen === null ? '' : fenToYuan(h.fundsFen),
        deadlineOf(h),
        h.emergencyPlan ?? '',
        h.status,
        [h.completedDate, h.acceptedBy, h.acceptedDate].filter(Boolean).join(' '),
      ]),
      footer: '本表由安委台账根据隐患台账生成。',
    },
    scans: [],
    sort: { date: dates[0] ?? '', unit: who, level: 0 },
    noticeId: params.filter.noticeId ?? null,
    hazards: rows.map((h) => ({
      id: h.id,
      label: hazardLabel(h),
      level: h.level,
      status: h.status,
      acceptedBy: h.acceptedBy,
      acceptedDate: h.acceptedDate,
      evidence: evidence.get(h.id) ?? 0,
    })),
    rowVersions: rows.map((h) => `${h.id}:${h.version}`),
  };
}
