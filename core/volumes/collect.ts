/**
 * Reads the records of a volume's items into ItemData: the 卷内目录 row, the record sheet to print, the files to
 * bind in and the facts the completeness check needs. Nothing here depends on a record's archive status, so a
 * sealed volume printed again from live data (or from its snapshot) gives the same pages.
 */
import dayjs from 'dayjs';
import { asc, eq, inArray } from 'drizzle-orm';
import { attachments, hazards, pledgeAttachments, returnSubmissions, units } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { fenToYuan, fiveImplementations } from '../domain/hazard';
import { levelLabel, pledgeLevel } from '../domain/pledgeLevels';
import { periodLabel, RETURN_KIND_LABELS } from '../domain/returns';
import { getHazard, listHazards, type HazardView } from '../hazards/service';
import type { HazardFilter } from '../hazards/query';
import { getNotice, type Notice } from '../notices/service';
import { getPledge, getPledges, type PledgeView } from '../pledges/service';
import { getReturn } from '../returns/service';
import { pageRotations } from '../attachments/service';
import { chineseDate } from './archivalNo';
import type { HazardFacts, ItemData, ItemSpec, LedgerParams, RecordSheet, ScanRef } from './types';

export const BINDABLE_MIMES = ['application/pdf', 'image/jpeg', 'image/png'];

const yesNo = (b: boolean) => (b ? '是' : '否');
const orDash = (s: string | null | undefined) => (s && s.trim() ? s : '—');

type AttachmentRow = typeof attachments.$inferSelect;

/**
 * What one export reads once for all its items instead of once per item: the notices, and the 明白书 with
 * their bound files, fetched in bulk (a volume binds hundreds of them).
 */
export interface CollectCache {
  notices: Map<number, Notice>;
  pledges: Map<number, { view: PledgeView; files: AttachmentRow[] }>;
}

/** Reads the 明白书 of these items in bulk (getPledges), with their bound files' attachment rows. */
export function collectCache(ctx: AppContext, specs: ItemSpec[]): CollectCache {
  const cache: CollectCache = { notices: new Map(), pledges: new Map() };
  const ids = [...new Set(specs.filter((s) => s.kind === 'pledge' && s.recordId).map((s) => s.recordId!))];
  const views = getPledges(ctx, ids);
  const byPledge = new Map<number, AttachmentRow[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const files = ctx.db
      .select({ pledgeId: pledgeAttachments.pledgeId, a: attachments })
      .from(pledgeAttachments)
      .innerJoin(attachments, eq(attachments.id, pledgeAttachments.attachmentId))
      .where(inArray(pledgeAttachments.pledgeId, ids.slice(i, i + 500)))
      .orderBy(asc(pledgeAttachments.position))
      .all();
    for (const f of files) {
      const list = byPledge.get(f.pledgeId);
      if (list) list.push(f.a);
      else byPledge.set(f.pledgeId, [f.a]);
    }
  }
  for (const [id, view] of views) cache.pledges.set(id, { view, files: byPledge.get(id) ?? [] });
  return cache;
}

function noticeOf(ctx: AppContext, id: number, cache?: CollectCache): Notice {
  let n = cache?.notices.get(id);
  if (!n) {
    n = getNotice(ctx, id);
    cache?.notices.set(id, n);
  }
  return n;
}

function scanRefs(
  ctx: AppContext,
  list: { id: number; role?: string }[],
  known?: AttachmentRow[],
): { bound: ScanRef[]; other: ScanRef[] } {
  const ids = list.map((a) => a.id);
  const rows = known ?? (ids.length ? ctx.db.select().from(attachments).where(inArray(attachments.id, ids)).all() : []);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bound: ScanRef[] = [];
  const other: ScanRef[] = [];
  for (const a of list) {
    const r = byId.get(a.id);
    if (!r) continue;
    const ref: ScanRef = {
      attachmentId: r.id,
      sha256: r.sha256,
      mime: r.mime,
      name: r.originalName,
      size: r.size,
      pageCount: r.pageCount,
      role: a.role ?? '',
    };
    const turns = pageRotations(r);
    if (Object.keys(turns).length) ref.rotations = turns; // only when turned: older snapshots stay as they were
    (BINDABLE_MIMES.includes(r.mime) ? bound : other).push(ref);
  }
  return { bound, other };
}

const fileTable = (bound: ScanRef[], other: ScanRef[], roleLabel?: (r: string) => string) => ({
  title: '所附材料',
  columns: [
    { label: '序号', width: 10 },
    { label: '文件名', width: 62 },
    { label: '类别', width: 22 },
    { label: '装订情况', width: 26 },
  ],
  rows: [
    ...bound.map((a, i) => [
      String(i + 1),
      a.name,
      roleLabel?.(a.role) ?? (a.mime === 'application/pdf' ? 'PDF' : '图片'),
      '随后装订',
    ]),
    ...other.map((a, i) => [
      String(bound.length + i + 1),
      a.name,
      roleLabel?.(a.role) ?? '电子文件',
      '电子文件，未装订',
    ]),
  ],
});

function pledgeItem(ctx: AppContext, id: number, cache?: CollectCache): ItemData {
  const pre = cache?.pledges.get(id);
  const p = pre?.view ?? getPledge(ctx, id);
  const notice = p.noticeId ? noticeOf(ctx, p.noticeId, cache) : null;
  const { bound, other } = scanRefs(
    ctx,
    p.attachments.map((a) => ({ id: a.id, role: 'scan' })),
    pre?.files,
  );
  const signed = p.status !== '未签订';
  const level = pledgeLevel(p.level);
  const sheet: RecordSheet = {
    type: 'record',
    title: '安全生产责任明白书登记表',
    subtitle: `登记编号：MB-${String(p.id).padStart(5, '0')}`,
    rows: [
      [{ label: '谈话层级', value: `${levelLabel(p.level)}　${level?.name ?? ''}` }],
      [
        { label: '谈话人', value: p.talkerName },
        { label: '谈话人职务', value: p.talkerTitle },
      ],
      [
        { label: '谈话对象', value: p.talkeeName },
        { label: '谈话对象职务', value: p.talkeeTitle },
      ],
      [{ label: '谈话对象单位', value: p.talkeeUnitName }],
      [{ label: '报送单位', value: p.reportingUnitName ?? p.talkeeUnitName }],
      [
        { label: '谈话日期', value: orDash(chineseDate(p.talkDate)) },
        { label: '签订日期', value: signed ? orDash(chineseDate(p.signedDate ?? p.talkDate)) : '未签订' },
      ],
      [{ label: '依据通知', value: notice ? `${notice.docNo}　${notice.title}` : '—' }],
      [{ label: '留存方式', value: orDash(p.custody) }],
      [{ label: '备注', value: orDash(p.notes) }],
    ],
    tables: [fileTable(bound, other, () => '明白书扫描件')],
    footer: `本登记表由安委台账根据登记记录生成；明白书原件扫描件随后装订，共 ${bound.length} 个文件。`,
  };
  return {
    kind: 'pledge',
    recordId: p.id,
    version: p.version,
    entry: {
      docNo: '', // a 明白书 has no 文号 of its own (the notice's is on its sheet, not in the 卷内目录)
      responsible: `${p.talkerName}、${p.talkeeName}`,
      title: `${p.talkeeUnitName}${p.talkeeTitle}${p.talkeeName}安全生产责任明白书（${levelLabel(p.level)}谈话）`,
      date: p.signedDate ?? p.talkDate,
      note: '',
    },
    sheet,
    scans: bound,
    sort: { date: p.talkDate ?? p.signedDate ?? '', unit: p.talkeeUnitName, level: p.level },
    signed,
    noticeId: p.noticeId,
  };
}

function returnItem(ctx: AppContext, id: number, cache?: CollectCache): ItemData {
  const r = getReturn(ctx, id);
  const version =
    ctx.db.select({ v: returnSubmissions.version }).from(returnSubmissions).where(eq(returnSubmissions.id, id)).get()
      ?.v ?? 1;
  const notice = r.noticeId ? noticeOf(ctx, r.noticeId, cache) : null;
  const { bound, other } = scanRefs(
    ctx,
    r.attachments.map((a) => ({ id: a.id })),
  );
  const rows: RecordSheet['rows'] = [
    [{ label: '报送单位', value: r.unitName }],
    [{ label: '依据通知', value: notice ? `${notice.docNo}　${notice.title}` : '—' }],
    [
      { label: '材料类别', value: r.kindLabel },
      { label: '报送期次', value: r.period ? periodLabel(r.period) : '—' },
    ],
    [{ label: '材料标题', value: orDash(r.title) }],
    [{ label: '文号', value: orDash(r.ownDocNo) }],
    [
      { label: '收到日期', value: chineseDate(r.receivedDate) },
      { label: '登记状态', value: r.status },
    ],
    [
      { label: '主要负责同志审定', value: yesNo(r.approved) },
      { label: '加盖单位公章', value: yesNo(r.sealed) },
    ],
    [
      {
        label: '字数',
        value:
          r.textLength === null
            ? '—'
            : `${r.textLength} 字${r.lengthLimit ? `（限 ${r.lengthLimit} 字${r.overLimit ? '，超出' : ''}）` : ''}`,
      },
    ],
  ];
  if (r.returnReason) rows.push([{ label: '退回原因', value: r.returnReason }]);
  rows.push([{ label: '备注', value: orDash(r.notes) }]);
  if (r.content) rows.push([{ label: '正文', value: r.content }]);
  const sheet: RecordSheet = {
    type: 'record',
    title: `${RETURN_KIND_LABELS[r.kind]}报送登记表`,
    subtitle: `登记编号：BS-${String(r.id).padStart(5, '0')}`,
    rows,
    tables: bound.length || other.length ? [fileTable(bound, other)] : [],
    footer: `本登记表由安委台账根据报送登记生成；所附 PDF、图片材料随后装订，共 ${bound.length} 个文件。`,
  };
  return {
    kind: 'return',
    recordId: r.id,
    version,
    entry: {
      // the report's own 文号 (never the county notice's): empty when it has none
      docNo: r.ownDocNo ?? '',
      responsible: r.unitName,
      title: r.title || `${r.unitName}${r.period ? periodLabel(r.period) : ''}${RETURN_KIND_LABELS[r.kind]}`,
      date: r.receivedDate,
      note: r.status === '退回修改' ? '退回修改' : '',
    },
    sheet,
    scans: bound,
    sort: { date: r.receivedDate, unit: r.unitName, level: 0 },
    noticeId: r.noticeId,
  };
}

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

function closureItem(ctx: AppContext, id: number): ItemData {
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
  const ids: number[] = [];
  for (let offset = 0; ; offset += 1000) {
    const { rows, total } = listHazards(ctx, { ...filter, sortField: 'id', sortOrder: 'asc', offset, limit: 1000 });
    ids.push(...rows.map((r) => r.id));
    if (ids.length >= total || rows.length === 0) break;
  }
  return ids;
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

function ledgerItem(ctx: AppContext, params: LedgerParams): ItemData {
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

/** Reads one item's record(s); throws NOT_FOUND when the record is gone. */
export function collectItem(ctx: AppContext, spec: ItemSpec, cache?: CollectCache): ItemData {
  let data: ItemData;
  switch (spec.kind) {
    case 'pledge':
      data = pledgeItem(ctx, spec.recordId!, cache);
      break;
    case 'return':
      data = returnItem(ctx, spec.recordId!, cache);
      break;
    case 'closure':
      data = closureItem(ctx, spec.recordId!);
      break;
    case 'ledger':
      data = ledgerItem(ctx, spec.params ?? { filter: {} });
      break;
  }
  if (spec.title) data.entry.title = spec.title;
  if (spec.note) data.entry.note = spec.note;
  return data;
}
