/**
 * Reads the records of a volume's items into ItemData: the 卷内目录 row, the record sheet to print, the files to
 * bind in and the facts the completeness check needs. Nothing here depends on a record's archive status, so a
 * sealed volume printed again from live data (or from its snapshot) gives the same pages.
 *
 * The 明白书 and 报送 items are read here; the hazard items (闭环材料, 台账摘录) in collectHazards.ts; the files a
 * record binds and the sheet helpers in collectFiles.ts.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { attachments, pledgeAttachments, returnSubmissions } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { levelLabel, pledgeLevel } from '../domain/pledgeLevels';
import { periodLabel, RETURN_KIND_LABELS } from '../domain/returns';
import { getNotice, type Notice } from '../notices/service';
import { getPledge, getPledges, type PledgeView } from '../pledges/service';
import { getReturn } from '../returns/service';
import { chineseDate } from './archivalNo';
import { fileTable, orDash, scanRefs, yesNo, type AttachmentRow } from './collectFiles';
import { closureItem, ledgerItem } from './collectHazards';
import type { ItemData, ItemSpec, RecordSheet } from './types';

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
