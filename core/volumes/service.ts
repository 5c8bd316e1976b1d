/**
 * 组卷归档: volume drafts (what goes in, in which order, the cover data), the completeness check, the export to
 * PDF (cancellable, with progress), sealing, out-of-date detection, 补充卷 and new editions, export history.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, desc, eq, isNull, ne } from 'drizzle-orm';
import { attachments, pledges, returnSubmissions, hazards, volumeExports, volumeItems, volumes, RETENTIONS, type Retention } from '../../db/schema';
import type { AppContext } from '../context';
import { isIsoDate, todayIso } from '../domain/dates';
import { AppError, conflict, notFound, validation } from '../errors';
import { planFonts } from '../pdf/fonts';
import { recordAudit } from '../services/audit';
import { getNotice } from '../services/notices';
import { getSettings } from '../services/settings';
import { getUnit } from '../services/units';
import { startJob, yieldToEventLoop } from '../jobs';
import { crashPoint } from '../crash';
import { safeFileName } from '../files/names';
import { volumeArchivalNo } from './archivalNo';
import { runCheck } from './check';
import { collectCache, collectItem } from './collect';
import { itemPages, planVolume, splitParts } from './plan';
import { cancelled, metricsDoc, renderPart } from './render';
import { FileBuffer } from './fileBuffer';
import { probeScan, type ScanProbe } from './scans';
import { copySealedOut, putSealedPdf, sealedAttachmentId, sealedPath } from './sealStore';
import { verifySealed } from './verify';
import { itemKey, selectDated, selectItems } from './select';
import {
  VOLUME_KIND_LABELS,
  VOLUME_KINDS,
  type CheckResult,
  type ExportOptions,
  type ExportResult,
  type ExportedPart,
  type ItemData,
  type ItemSpec,
  type Selection,
  type VolumeHeader,
  type VolumeOrder,
} from './types';

type VolumeRow = typeof volumes.$inferSelect;
type ItemRow = typeof volumeItems.$inferSelect;

export interface VolumeInput {
  title?: string;
  fondsName?: string;
  fondsCode?: string;
  categoryCode?: string;
  year?: number;
  retention?: Retention;
  volumeNo?: number;
  organization?: string;
  creator?: string;
  checker?: string;
  compiledDate?: string | null;
  remarks?: string;
  secrecy?: string | null;
  orderBy?: VolumeOrder;
  pageLimit?: number;
  duplex?: boolean;
  archiveStamp?: boolean;
  pdfa?: boolean;
  selection?: Selection;
  /** The items in binding order (the UI's drag order); replaces the list. Without it the selection decides. */
  items?: ItemSpec[];
}

export interface VolumeItemView {
  id: number;
  position: number;
  kind: ItemSpec['kind'];
  recordId: number | null;
  title: string;
  docNo: string;
  responsible: string;
  date: string | null;
  note: string;
  scans: number;
  /** A ledger extract's filter (JSON, as stored), so a reordered list can be sent back unchanged. */
  params: string | null;
  /** For a sealed volume: ok, changed since sealing, or gone. */
  state: 'ok' | 'changed' | 'missing';
}

export interface VolumeView {
  id: number;
  status: 'draft' | 'sealed';
  relation: 'supplement' | 'edition' | null;
  basedOnId: number | null;
  edition: number;
  title: string;
  fondsName: string;
  fondsCode: string;
  categoryCode: string;
  year: number;
  retention: Retention;
  volumeNo: number;
  partCount: number;
  archivalNo: string;
  organization: string;
  creator: string;
  checker: string;
  compiledDate: string | null;
  remarks: string;
  secrecy: string | null;
  selection: Selection;
  orderBy: VolumeOrder;
  pageLimit: number;
  duplex: boolean;
  archiveStamp: boolean;
  pdfa: boolean;
  check: CheckResult | null;
  sealedAt: string | null;
  sealedBy: string | null;
  sha256: string | null;
  parts: Omit<ExportedPart, 'file'>[];
  outOfDate: boolean;
  items: VolumeItemView[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface VolumeStatus {
  outOfDate: boolean;
  changed: { position: number; title: string; reason: string }[];
  missing: { position: number; title: string }[];
  added: { kind: ItemSpec['kind']; recordId: number | null; title: string; spec: ItemSpec }[];
}

const KIND_LABEL: Record<ItemSpec['kind'], string> = { pledge: '明白书', return: '报送材料', ledger: '隐患台账摘录', closure: '隐患闭环材料' };

function stored(ctx: AppContext, id: number): VolumeRow {
  const v = ctx.db.select().from(volumes).where(and(eq(volumes.id, id), isNull(volumes.deletedAt))).get();
  if (!v) throw notFound(`找不到编号为 ${id} 的案卷，可能已被删除`);
  return v;
}

function itemRows(ctx: AppContext, id: number): ItemRow[] {
  return ctx.db.select().from(volumeItems).where(eq(volumeItems.volumeId, id)).orderBy(asc(volumeItems.position), asc(volumeItems.id)).all();
}

const specOf = (r: ItemRow): ItemSpec => ({
  kind: r.kind,
  recordId: r.recordId,
  params: r.params ? JSON.parse(r.params) : null,
  title: r.title,
  note: r.note,
});

export function headerOf(v: VolumeRow): VolumeHeader {
  return {
    id: v.id,
    title: v.title,
    fondsName: v.fondsName,
    fondsCode: v.fondsCode,
    categoryCode: v.categoryCode,
    year: v.year,
    retention: v.retention,
    volumeNo: v.volumeNo,
    organization: v.organization,
    creator: v.creator,
    checker: v.checker,
    compiledDate: v.compiledDate,
    remarks: v.remarks,
    secrecy: v.secrecy,
    pageLimit: v.pageLimit,
    duplex: v.duplex,
    archiveStamp: v.archiveStamp,
    pdfa: v.pdfa,
  };
}

/** Volumes sharing this one's 卷号 space; editions of the same volume share a 卷号 and are left out. */
function editionRoot(ctx: AppContext, v: VolumeRow): number {
  let cur = v;
  for (let guard = 0; cur.relation === 'edition' && cur.basedOnId && guard < 100; guard++) {
    const up = ctx.db.select().from(volumes).where(eq(volumes.id, cur.basedOnId)).get();
    if (!up) break;
    cur = up;
  }
  return cur.id;
}

function sameSeries(ctx: AppContext, p: { fondsCode: string; categoryCode: string; year: number; retention: Retention }) {
  return ctx.db
    .select()
    .from(volumes)
    .where(and(isNull(volumes.deletedAt), eq(volumes.fondsCode, p.fondsCode), eq(volumes.categoryCode, p.categoryCode), eq(volumes.year, p.year), eq(volumes.retention, p.retention)))
    .all();
}

/** The next free 卷号 in a 全宗/类别/年度/保管期限 series. */
export function nextVolumeNo(ctx: AppContext, p: { fondsCode: string; categoryCode: string; year: number; retention: Retention }): number {
  return sameSeries(ctx, p).reduce((max, v) => Math.max(max, v.volumeNo + v.partCount - 1), 0) + 1;
}

function takenVolumeNos(ctx: AppContext, v: VolumeRow) {
  const root = editionRoot(ctx, v);
  return sameSeries(ctx, v)
    .filter((o) => o.id !== v.id && editionRoot(ctx, o) !== root)
    .map((o) => ({ id: o.id, title: o.title, from: o.volumeNo, to: o.volumeNo + o.partCount - 1 }));
}

function checkSelection(ctx: AppContext, s: Selection | undefined): Selection {
  const sel: Selection = { kinds: [...(s?.kinds ?? ['pledge'])] };
  if (!sel.kinds.length) throw validation('请至少选择一类要装订的材料（明白书、报送材料、隐患台账、闭环材料）');
  for (const k of sel.kinds) if (!VOLUME_KINDS.includes(k)) throw validation(`材料类别“${k}”不对`);
  if (s?.noticeId !== undefined) {
    getNotice(ctx, s.noticeId);
    sel.noticeId = s.noticeId;
  }
  if (s?.unitId !== undefined) {
    getUnit(ctx, s.unitId);
    sel.unitId = s.unitId;
  }
  if (s?.year !== undefined) {
    if (!Number.isInteger(s.year) || s.year < 1949 || s.year > 2100) throw validation(`年度“${s.year}”不对`);
    sel.year = s.year;
  }
  if (s?.level !== undefined) {
    if (![1, 2, 3, 4].includes(s.level)) throw validation('谈话层级必须是 1 到 4');
    sel.level = s.level;
  }
  if (s?.hazardLevel) sel.hazardLevel = s.hazardLevel;
  if (s?.includeUnsigned) sel.includeUnsigned = true;
  return sel;
}

function defaultTitle(ctx: AppContext, sel: Selection, year: number): string {
  const notice = sel.noticeId !== undefined ? getNotice(ctx, sel.noticeId).docNo : '';
  const unit = sel.unitId !== undefined ? getUnit(ctx, sel.unitId).name : '';
  const what = sel.kinds.map((k) => VOLUME_KIND_LABELS[k]).join('、');
  return `${year}年度${unit}${notice ? `落实${notice}` : ''}${what}`;
}

function validateHeader(v: Partial<VolumeInput>) {
  if (v.title !== undefined && !v.title.trim()) throw validation('案卷题名不能为空');
  if (v.title !== undefined && v.title.length > 200) throw validation('案卷题名太长（最多 200 字）');
  if (v.retention !== undefined && !RETENTIONS.includes(v.retention)) throw validation('保管期限只能是 永久（Y）、定期30年（D30）或定期10年（D10）');
  if (v.volumeNo !== undefined && (!Number.isInteger(v.volumeNo) || v.volumeNo < 1 || v.volumeNo > 9999)) throw validation('卷号必须是 1 到 9999 的整数');
  if (v.pageLimit !== undefined && (!Number.isInteger(v.pageLimit) || v.pageLimit < 10 || v.pageLimit > 2000)) throw validation('每卷页数上限必须在 10 到 2000 之间');
  if (v.year !== undefined && (!Number.isInteger(v.year) || v.year < 1949 || v.year > 2100)) throw validation(`年度“${v.year}”不对`);
  if (v.compiledDate && !isIsoDate(v.compiledDate)) throw validation(`立卷时间“${v.compiledDate}”不是有效日期（格式 YYYY-MM-DD）`);
  if (v.categoryCode !== undefined && !/^[A-Za-z0-9]{1,8}$/.test(v.categoryCode)) throw validation('类别代码只能是 1–8 位字母或数字（如 WS）');
}

function validateItems(items: ItemSpec[]): ItemSpec[] {
  const seen = new Set<string>();
  return items.map((it) => {
    if (it.kind !== 'ledger' && (!it.recordId || !Number.isInteger(it.recordId))) throw validation(`${KIND_LABEL[it.kind] ?? it.kind}缺少记录编号`);
    const key = itemKey(it);
    if (seen.has(key)) throw validation(`同一份${KIND_LABEL[it.kind]}（编号 ${it.recordId ?? ''}）在案卷中出现了两次`);
    seen.add(key);
    return { kind: it.kind, recordId: it.kind === 'ledger' ? null : it.recordId, params: it.kind === 'ledger' ? (it.params ?? { filter: {} }) : null, title: it.title?.trim() || null, note: it.note?.trim() || null };
  });
}

function writeItems(ctx: AppContext, volumeId: number, items: ItemSpec[]) {
  ctx.db.delete(volumeItems).where(eq(volumeItems.volumeId, volumeId)).run();
  items.forEach((it, position) =>
    ctx.db
      .insert(volumeItems)
      .values({ volumeId, position, kind: it.kind, recordId: it.recordId, params: it.params ? JSON.stringify(it.params) : null, title: it.title ?? null, note: it.note ?? null })
      .run(),
  );
}

/** Creates a volume draft from a selection (or an explicit ordered item list), with cover defaults from the settings. */
export function createVolume(ctx: AppContext, input: VolumeInput = {}): VolumeView {
  validateHeader(input);
  return ctx.db.transaction(() => {
    const s = getSettings(ctx);
    const selection = checkSelection(ctx, input.selection);
    const orderBy = input.orderBy ?? (input.items ? 'manual' : 'date');
    const dated = input.items ? null : selectDated(ctx, selection, orderBy);
    const items = validateItems(input.items ?? dated!.map((d) => d.spec));
    const latest = dated?.reduce((y, d) => (d.date && d.date.slice(0, 4) > y ? d.date.slice(0, 4) : y), '');
    const year = input.year ?? selection.year ?? (latest ? Number(latest) : Number(todayIso(ctx.now()).slice(0, 4)));
    const series = { fondsCode: (input.fondsCode ?? s.fondsCode).trim(), categoryCode: input.categoryCode ?? 'WS', year, retention: input.retention ?? 'D30' };
    const row = ctx.db
      .insert(volumes)
      .values({
        title: (input.title ?? defaultTitle(ctx, selection, year)).trim(),
        fondsName: (input.fondsName ?? s.fondsName).trim(),
        ...series,
        volumeNo: input.volumeNo ?? nextVolumeNo(ctx, series),
        organization: input.organization ?? '安委办',
        creator: input.creator ?? s.clerkName,
        checker: input.checker ?? '',
        compiledDate: input.compiledDate ?? null,
        remarks: input.remarks ?? '',
        secrecy: input.secrecy ?? null,
        selection: JSON.stringify(selection),
        orderBy,
        pageLimit: input.pageLimit ?? 200,
        duplex: input.duplex ?? true,
        archiveStamp: input.archiveStamp ?? true,
        pdfa: input.pdfa ?? false,
      })
      .returning()
      .get();
    writeItems(ctx, row.id, items);
    const view = getVolume(ctx, row.id);
    recordAudit(ctx, { action: 'create', entity: 'volume', entityId: row.id, summary: `组卷：${view.title}（${items.length} 件）`, after: { ...view, items: items.length } });
    return view;
  });
}

/** Updates a draft: cover data, selection, order, or the explicit ordered item list. A sealed volume cannot change. */
export function updateVolume(ctx: AppContext, id: number, patch: VolumeInput & { reselect?: boolean }): VolumeView {
  validateHeader(patch);
  return ctx.db.transaction(() => {
    const before = stored(ctx, id);
    if (before.status === 'sealed') throw validation('该案卷已封卷，不能修改；如需调整，请办理补充卷或新版');
    const selection = patch.selection ? checkSelection(ctx, patch.selection) : (JSON.parse(before.selection) as Selection);
    const orderBy = patch.orderBy ?? (patch.items ? 'manual' : before.orderBy);
    const { items: _i, selection: _s, reselect: _r, ...fields } = patch;
    ctx.db
      .update(volumes)
      .set({
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
        ...(fields.title !== undefined ? { title: fields.title.trim() } : {}),
        selection: JSON.stringify(selection),
        orderBy,
        version: before.version + 1,
        updatedAt: ctx.now().toISOString(),
      })
      .where(eq(volumes.id, id))
      .run();
    if (patch.items) writeItems(ctx, id, validateItems(patch.items));
    else if (patch.reselect || patch.selection || (patch.orderBy && patch.orderBy !== 'manual')) writeItems(ctx, id, validateItems(selectItems(ctx, selection, orderBy)));
    const after = getVolume(ctx, id);
    recordAudit(ctx, { action: 'update', entity: 'volume', entityId: id, summary: `修改案卷：${after.title}（${after.items.length} 件）`, before: headerOf(before), after: { ...after, items: after.items.length } });
    return after;
  });
}

export function deleteVolume(ctx: AppContext, id: number): void {
  ctx.db.transaction(() => {
    const v = stored(ctx, id);
    if (v.status === 'sealed') throw validation('已封卷的案卷不能删除');
    ctx.db.update(volumes).set({ deletedAt: ctx.now().toISOString() }).where(eq(volumes.id, id)).run();
    recordAudit(ctx, { action: 'delete', entity: 'volume', entityId: id, summary: `删除案卷草稿：${v.title}`, before: headerOf(v) });
  });
}

/** Live data of each item (drafts) or the data it was sealed with; records that are gone are listed apart. */
function itemsData(ctx: AppContext, v: VolumeRow, rows: ItemRow[]) {
  const items: { position: number; data: ItemData; row: ItemRow }[] = [];
  const missing: { position: number; what: string; row: ItemRow }[] = [];
  const cache = collectCache(
    ctx,
    rows.filter((r) => !(v.status === 'sealed' && r.snapshot)).map(specOf),
  );
  for (const r of rows) {
    if (v.status === 'sealed' && r.snapshot) {
      items.push({ position: r.position, data: JSON.parse(r.snapshot) as ItemData, row: r });
      continue;
    }
    try {
      items.push({ position: r.position, data: collectItem(ctx, specOf(r), cache), row: r });
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') missing.push({ position: r.position, what: `${KIND_LABEL[r.kind]}（编号 ${r.recordId}）`, row: r });
      else throw e;
    }
  }
  return { items, missing };
}

function currentVersion(ctx: AppContext, r: ItemRow): { version: number; status?: string } | null {
  if (r.recordId === null) return null;
  const table = r.kind === 'pledge' ? pledges : r.kind === 'return' ? returnSubmissions : hazards;
  const row = ctx.db
    .select({ version: table.version, deletedAt: table.deletedAt, status: table.status })
    .from(table)
    .where(eq(table.id, r.recordId))
    .get();
  if (!row || row.deletedAt) return null;
  return { version: row.version, status: row.status };
}

const digestOf = (d: ItemData) => crypto.createHash('sha256').update(d.kind === 'ledger' ? JSON.stringify(d.rowVersions ?? []) : JSON.stringify(d)).digest('hex');

/**
 * Whether a sealed volume still matches the register: a record edited since (its version differs), a return whose
 * status changed, a ledger extract whose rows changed, a record deleted, or new records the selection now finds.
 */
export function volumeStatus(ctx: AppContext, id: number): VolumeStatus {
  const v = stored(ctx, id);
  const rows = itemRows(ctx, id);
  const out: VolumeStatus = { outOfDate: false, changed: [], missing: [], added: [] };
  if (v.status !== 'sealed') return out;
  for (const r of rows) {
    const snap = r.snapshot ? (JSON.parse(r.snapshot) as ItemData) : null;
    const title = snap?.entry.title ?? `${KIND_LABEL[r.kind]} ${r.recordId ?? ''}`;
    if (r.kind === 'ledger') {
      const live = collectItem(ctx, specOf(r));
      if (digestOf(live) !== r.sealedDigest) out.changed.push({ position: r.position, title, reason: '台账中的隐患有新增、修改或删除' });
      continue;
    }
    const cur = currentVersion(ctx, r);
    if (!cur) out.missing.push({ position: r.position, title });
    else if (cur.version !== r.sealedVersion) out.changed.push({ position: r.position, title, reason: `封卷时为第 ${r.sealedVersion} 版，现为第 ${cur.version} 版` });
    else if (r.kind === 'return' && snap && snap.sheet.type === 'record') {
      const sealedStatus = snap.sheet.rows.flat().find((c) => c.label === '登记状态')?.value;
      if (sealedStatus && cur.status !== sealedStatus) out.changed.push({ position: r.position, title, reason: `登记状态由“${sealedStatus}”变为“${cur.status}”` });
    }
  }
  const selection = JSON.parse(v.selection) as Selection;
  const have = new Set(rows.map((r) => itemKey(specOf(r))));
  // records bound in a supplement or newer edition of this volume are not "new"
  for (const o of ctx.db.select().from(volumes).where(and(eq(volumes.basedOnId, id), isNull(volumes.deletedAt))).all()) {
    for (const r of itemRows(ctx, o.id)) have.add(itemKey(specOf(r)));
  }
  for (const spec of selectItems(ctx, selection, 'date')) {
    if (have.has(itemKey(spec))) continue;
    let title = KIND_LABEL[spec.kind];
    try {
      title = collectItem(ctx, spec).entry.title;
    } catch {
      /* listed by kind only */
    }
    out.added.push({ kind: spec.kind, recordId: spec.recordId, title, spec });
  }
  out.outOfDate = !!(out.changed.length || out.missing.length || out.added.length);
  return out;
}

export function getVolume(ctx: AppContext, id: number): VolumeView {
  const v = stored(ctx, id);
  const rows = itemRows(ctx, id);
  const { items, missing } = itemsData(ctx, v, rows);
  const status = v.status === 'sealed' ? volumeStatus(ctx, id) : null;
  const changed = new Set(status?.changed.map((c) => c.position));
  const gone = new Set([...(status?.missing.map((m) => m.position) ?? []), ...missing.map((m) => m.position)]);
  const views: VolumeItemView[] = [
    ...items.map(({ position, data, row }) => ({
      id: row.id,
      position,
      kind: row.kind,
      recordId: row.recordId,
      title: data.entry.title,
      docNo: data.entry.docNo,
      responsible: data.entry.responsible,
      date: data.entry.date,
      note: data.entry.note,
      scans: data.scans.length,
      params: row.params ?? null,
      state: gone.has(position) ? ('missing' as const) : changed.has(position) ? ('changed' as const) : ('ok' as const),
    })),
    ...missing.map(({ position, what, row }) => ({
      id: row.id,
      position,
      kind: row.kind,
      recordId: row.recordId,
      title: `${what}（已删除）`,
      docNo: '',
      responsible: '',
      date: null,
      note: '',
      scans: 0,
      params: row.params ?? null,
      state: 'missing' as const,
    })),
  ].sort((a, b) => a.position - b.position);
  return {
    id: v.id,
    status: v.status,
    relation: v.relation,
    basedOnId: v.basedOnId,
    edition: v.edition,
    title: v.title,
    fondsName: v.fondsName,
    fondsCode: v.fondsCode,
    categoryCode: v.categoryCode,
    year: v.year,
    retention: v.retention,
    volumeNo: v.volumeNo,
    partCount: v.partCount,
    archivalNo: volumeArchivalNo(v, v.volumeNo),
    organization: v.organization,
    creator: v.creator,
    checker: v.checker,
    compiledDate: v.compiledDate,
    remarks: v.remarks,
    secrecy: v.secrecy,
    selection: JSON.parse(v.selection) as Selection,
    orderBy: v.orderBy,
    pageLimit: v.pageLimit,
    duplex: v.duplex,
    archiveStamp: v.archiveStamp,
    pdfa: v.pdfa,
    check: v.checkJson ? (JSON.parse(v.checkJson) as CheckResult) : null,
    sealedAt: v.sealedAt,
    sealedBy: v.sealedBy,
    sha256: v.sha256,
    parts: v.partsJson ? (JSON.parse(v.partsJson) as Omit<ExportedPart, 'file'>[]) : [],
    outOfDate: status?.outOfDate ?? false,
    items: views,
    version: v.version,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

export interface VolumeListRow {
  id: number;
  status: 'draft' | 'sealed';
  relation: 'supplement' | 'edition' | null;
  edition: number;
  title: string;
  archivalNo: string;
  year: number;
  retention: Retention;
  volumeNo: number;
  partCount: number;
  items: number;
  /** Pages of the last export (all parts), null before the first export. */
  pages: number | null;
  sealedAt: string | null;
  sha256: string | null;
  outOfDate: boolean;
  updatedAt: string;
}

export function listVolumes(ctx: AppContext): VolumeListRow[] {
  const rows = ctx.db.select().from(volumes).where(isNull(volumes.deletedAt)).orderBy(desc(volumes.year), asc(volumes.volumeNo), asc(volumes.id)).all();
  return rows.map((v) => ({
    id: v.id,
    status: v.status,
    relation: v.relation,
    edition: v.edition,
    title: v.title,
    archivalNo: volumeArchivalNo(v, v.volumeNo),
    year: v.year,
    retention: v.retention,
    volumeNo: v.volumeNo,
    partCount: v.partCount,
    items: (ctx.sqlite.prepare('select count(*) n from volume_items where volume_id = ?').get(v.id) as { n: number }).n,
    pages: lastExportPages(ctx, v.id, v.partsJson),
    sealedAt: v.sealedAt,
    sha256: v.sha256,
    outOfDate: v.status === 'sealed' ? volumeStatus(ctx, v.id).outOfDate : false,
    updatedAt: v.updatedAt,
  }));
}

function lastExportPages(ctx: AppContext, id: number, partsJson: string | null): number | null {
  const json = partsJson ?? (ctx.sqlite.prepare('select parts_json from volume_exports where volume_id = ? order by id desc limit 1').get(id) as { parts_json: string } | undefined)?.parts_json;
  if (!json) return null;
  return (JSON.parse(json) as { pages: number }[]).reduce((n, p) => n + p.pages, 0);
}

export function volumeHistory(ctx: AppContext, id: number) {
  stored(ctx, id);
  return ctx.db
    .select()
    .from(volumeExports)
    .where(eq(volumeExports.volumeId, id))
    .orderBy(desc(volumeExports.id))
    .all()
    .map((r) => ({ ...r, parts: JSON.parse(r.partsJson) as ExportedPart[] }));
}

interface Prepared {
  v: VolumeRow;
  header: VolumeHeader;
  rows: ItemRow[];
  items: { position: number; data: ItemData; row: ItemRow }[];
  probes: Map<number, ScanProbe>;
  check: CheckResult;
  m: ReturnType<typeof metricsDoc>;
  pages: ReturnType<typeof itemPages>[];
  fontLabel: string;
}

/** Reads the items, opens every file to be bound, lays the sheets out and runs the completeness check. */
async function prepare(ctx: AppContext, id: number, opts: ExportOptions = {}): Promise<Prepared> {
  const v = stored(ctx, id);
  const header = headerOf(v);
  const rows = itemRows(ctx, id);
  const { items, missing } = itemsData(ctx, v, rows);
  const refs = new Map(items.flatMap((i) => i.data.scans.map((s) => [s.attachmentId, s] as const)));
  const probes = new Map<number, ScanProbe>();
  let done = 0;
  const reader = new FileBuffer();
  for (const ref of refs.values()) {
    if (opts.signal?.aborted) throw cancelled();
    probes.set(ref.attachmentId, await probeScan(ctx, ref, reader));
    opts.onProgress?.({ phase: 'check', done: ++done, total: refs.size, message: `正在检查扫描件“${ref.name}”` });
  }
  const fontPlan = planFonts();
  const m = metricsDoc(fontPlan);
  const pages: ReturnType<typeof itemPages>[] = [];
  for (let i = 0; i < items.length; i++) {
    if (opts.signal?.aborted) throw cancelled();
    pages.push(itemPages(m, items[i]!.data, probes));
    if (i % 10 === 9) {
      opts.onProgress?.({ phase: 'layout', done: i + 1, total: items.length, message: '正在排版登记表' });
      await yieldToEventLoop();
    }
  }
  const sized = items.map((it, i) => ({ position: it.position, pages: pages[i]! }));
  const parts = splitParts(sized, Math.max(1, header.pageLimit));
  const check =
    v.status === 'sealed' && v.checkJson
      ? (JSON.parse(v.checkJson) as CheckResult)
      : runCheck(ctx, {
          header,
          selection: JSON.parse(v.selection) as Selection,
          items,
          missing,
          probes,
          takenVolumeNos: takenVolumeNos(ctx, v),
          partCount: parts.length,
          oversize: sized.filter((s) => s.pages.length > header.pageLimit).map((s) => ({ position: s.position, pages: s.pages.length })),
          checkedAt: ctx.now().toISOString(),
        });
  const fontLabel = [fontPlan.body.label, fontPlan.title.label].join('、');
  return { v, header, rows, items, probes, check, m, pages, fontLabel };
}

/**
 * The completeness check alone (opens every scan; nothing is written). For a sealed volume: what changed since
 * sealing, checked now (the stored PDF and every bound file re-hashed, every bound record compared).
 */
export async function checkVolume(ctx: AppContext, id: number, opts: ExportOptions = {}): Promise<CheckResult> {
  const v = stored(ctx, id);
  if (v.status === 'sealed') {
    const items = itemRows(ctx, id).map((r) => ({ position: r.position, spec: specOf(r), snapshot: r.snapshot ? (JSON.parse(r.snapshot) as ItemData) : null }));
    return verifySealed(ctx, v, items, opts);
  }
  return (await prepare(ctx, id, opts)).check;
}

function partFile(outFile: string, k: number, n: number): string {
  if (n === 1) return outFile;
  const ext = path.extname(outFile) || '.pdf';
  return path.join(path.dirname(outFile), `${path.basename(outFile, ext)}-第${k}卷${ext}`);
}

const combinedSha = (parts: { sha256: string }[]) =>
  parts.length === 1 ? parts[0]!.sha256 : crypto.createHash('sha256').update(parts.map((p) => p.sha256).join('\n')).digest('hex');

/**
 * Exports a volume as PDF (split into 卷 by its page limit; with several, files are named “…-第N卷.pdf”). Async
 * and chunked, with progress callbacks, and cancellable through `signal` (nothing is left behind when cancelled).
 * `seal` seals a draft with this export. A sealed volume is printed from the data it was sealed with, with the seal
 * time as its dates, so it reproduces the sealed PDF byte for byte (matchesSeal says whether it did).
 */
export async function exportVolume(ctx: AppContext, id: number, outFile: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const t0 = Date.now();
  const out = path.resolve(outFile.toLowerCase().endsWith('.pdf') ? outFile : `${outFile}.pdf`);
  const sealedRow = stored(ctx, id);
  if (sealedRow.status === 'sealed' && storedParts(sealedRow)) return exportStored(ctx, sealedRow, out, opts, t0);
  const p = await prepare(ctx, id, opts);
  const wasSealed = p.v.status === 'sealed';
  const sealing = !!opts.seal && !wasSealed;
  const sealedAt = wasSealed ? p.v.sealedAt! : sealing ? ctx.now().toISOString() : null;
  const compiledDate = p.header.compiledDate ?? (sealedAt ? todayIso(new Date(sealedAt)) : todayIso(ctx.now()));
  const creationDate = sealedAt ? new Date(sealedAt) : ctx.now();
  const parts = planVolume(p.m, {
    header: p.header,
    items: p.items.map((i) => ({ position: i.position, data: i.data })),
    probes: p.probes,
    check: p.check,
    compiledDate,
    itemPages: p.pages,
  });
  const total = parts.reduce((a, x) => a + x.pages.length, 0);
  const written: string[] = [];
  const exported: ExportedPart[] = [];
  try {
    let done = 0;
    for (const part of parts) {
      const file = partFile(out, part.k, parts.length);
      const sha256 = await renderPart(part, p.m, file, {
        header: p.header,
        fontPlan: planFonts(),
        creationDate,
        signal: opts.signal,
        onProgress: opts.onProgress,
        progressBase: { done, total },
      });
      written.push(file);
      done += part.pages.length;
      exported.push({ volumeNo: part.volumeNo, file, pages: part.pages.length, itemPages: part.itemPages, items: part.items.length, sha256 });
    }
    if (opts.signal?.aborted) throw cancelled();
  } catch (e) {
    for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  }
  const sha256 = combinedSha(exported);
  const matchesSeal = wasSealed ? sha256 === p.v.sha256 : null;
  // The seal is the bytes: a new seal keeps its PDF in the store; an older seal without stored bytes keeps them
  // now when this export reproduced it exactly (the hash proves they are the sealed bytes).
  const keep = sealing || (wasSealed && matchesSeal === true);
  const storedNow: string[] = [];
  try {
    if (keep) for (const x of exported) if (await putSealedPdf(ctx, x.file, x.sha256)) storedNow.push(x.sha256);
  } catch (e) {
    if (sealing) for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  }
  const keepName = (x: ExportedPart) => `封卷_${volumeArchivalNo(p.header, x.volumeNo)}.pdf`;
  let partsJson = JSON.stringify(exported.map(({ file: _f, ...rest }) => rest));
  const pages = exported.reduce((a, x) => a + x.pages, 0);
  const itemsCount = exported.reduce((a, x) => a + x.items, 0);
  const ms = Date.now() - t0;
  try {
    ctx.db.transaction(() => {
      const cur = stored(ctx, id);
      if (cur.version !== p.v.version) throw conflict('案卷在导出过程中被修改，请重新导出');
      if (sealing) {
        // Nothing bound may have changed while the PDF was being made.
        for (const it of p.items) {
          if (it.data.recordId === null) continue;
          const now = currentVersion(ctx, it.row);
          if (!now || now.version !== it.data.version) throw conflict(`“${it.data.entry.title}”在封卷过程中被修改，未封卷；请重新封卷`);
        }
        crashPoint('volume:seal-in-transaction');
        for (const x of exported) x.attachmentId = sealedAttachmentId(ctx, x.sha256, keepName(x), fs.statSync(x.file).size);
        partsJson = JSON.stringify(exported.map(({ file: _f, ...rest }) => rest));
        ctx.db
          .update(volumes)
          .set({
            status: 'sealed',
            sealedAt,
            sealedBy: ctx.actor,
            sha256,
            partsJson,
            partCount: exported.length,
            checkJson: JSON.stringify(p.check),
            compiledDate,
            fonts: p.fontLabel,
            version: cur.version + 1,
            updatedAt: ctx.now().toISOString(),
          })
          .where(eq(volumes.id, id))
          .run();
        for (const it of p.items) {
          ctx.db
            .update(volumeItems)
            .set({ sealedVersion: it.data.version, sealedDigest: digestOf(it.data), snapshot: JSON.stringify(it.data) })
            .where(eq(volumeItems.id, it.row.id))
            .run();
        }
        // The 明白书 bound into a sealed volume are 已归档 (one UPDATE; their version is left as it is: archiving
        // is not an edit of the record, and updatePledge refuses to change an archived 明白书).
        const pledgeIds = p.items.filter((i) => i.data.kind === 'pledge').map((i) => i.data.recordId);
        ctx.sqlite
          .prepare(
            `update pledges set status = '已归档', updated_at = ? where id in (select value from json_each(?)) and status = '已签订' and deleted_at is null`,
          )
          .run(ctx.now().toISOString(), JSON.stringify(pledgeIds));
      } else if (!wasSealed) {
        ctx.db.update(volumes).set({ partCount: exported.length, checkJson: JSON.stringify(p.check) }).where(eq(volumes.id, id)).run();
      } else if (keep) {
        for (const x of exported) x.attachmentId = sealedAttachmentId(ctx, x.sha256, keepName(x), fs.statSync(x.file).size);
        partsJson = JSON.stringify(exported.map(({ file: _f, ...rest }) => rest));
        ctx.db.update(volumes).set({ partsJson }).where(eq(volumes.id, id)).run();
      }
      ctx.db
        .insert(volumeExports)
        .values({
          volumeId: id,
          at: ctx.now().toISOString(),
          actor: ctx.actor,
          kind: sealing ? 'seal' : wasSealed ? 'reexport' : 'draft',
          file: exported[0]!.file,
          pages,
          items: itemsCount,
          sha256,
          partsJson: JSON.stringify(exported),
          problems: p.check.problems.length,
          matchesSeal,
          ms,
        })
        .run();
      if (sealing) {
        recordAudit(ctx, {
          action: 'seal',
          entity: 'volume',
          entityId: id,
          summary: `封卷：${p.v.title}（档号 ${volumeArchivalNo(p.header, p.header.volumeNo)}，${itemsCount} 件，${pages} 页${exported.length > 1 ? `，分 ${exported.length} 卷` : ''}）`,
          after: {
            sha256,
            sealedAt,
            parts: exported.map(({ file: _f, ...rest }) => rest),
            items: p.items.map((i) => ({ kind: i.data.kind, recordId: i.data.recordId, version: i.data.version })),
            problems: p.check.problems.length,
          },
        });
      }
    });
  } catch (e) {
    if (sealing) for (const f of written) fs.rmSync(f, { force: true });
    for (const h of storedNow) if (!ctx.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.sha256, h)).get()) fs.rmSync(sealedPath(ctx, h), { force: true });
    throw e;
  }
  return {
    volumeId: id,
    file: exported[0]!.file,
    pages,
    items: itemsCount,
    volumes: exported,
    sha256,
    sealed: sealing || wasSealed,
    matchesSeal,
    source: 'rendered',
    notice: !wasSealed ? null : matchesSeal ? LEGACY_MATCH : LEGACY_MISMATCH,
    check: p.check,
    ms,
  };
}

const LEGACY_MATCH = '该案卷由旧版本封卷，当时未在附件库中保存封卷的 PDF；这次重新生成的文件与封卷时逐字节一致，已保存到附件库，以后导出直接使用保存的文件。';
const LEGACY_MISMATCH =
  '该案卷由旧版本封卷，当时未在附件库中保存封卷的 PDF，只能重新生成后比对；重新生成的文件与封卷时不一致（常见原因：本机字体或程序版本与封卷时不同）。请在封卷时使用的电脑上导出，或办理新版（重新组卷后封卷）。';

type StoredPart = Omit<ExportedPart, 'file'>;

/** The parts of a sealed volume whose PDF is kept in the store; null for a volume sealed by an older version. */
function storedParts(v: VolumeRow): StoredPart[] | null {
  const parts = v.partsJson ? (JSON.parse(v.partsJson) as StoredPart[]) : [];
  return parts.length && parts.every((x) => typeof x.attachmentId === 'number') ? parts : null;
}

/** A sealed volume: its stored PDF bytes, copied out and verified (nothing drawn, whatever fonts are installed). */
async function exportStored(ctx: AppContext, v: VolumeRow, out: string, opts: ExportOptions, t0: number): Promise<ExportResult> {
  const parts = storedParts(v)!;
  const written: string[] = [];
  const exported: ExportedPart[] = [];
  try {
    for (let k = 0; k < parts.length; k++) {
      if (opts.signal?.aborted) throw cancelled();
      const part = parts[k]!;
      const file = partFile(out, k + 1, parts.length);
      opts.onProgress?.({ phase: 'write', done: k, total: parts.length, message: `正在导出封卷时保存的第 ${part.volumeNo} 卷` });
      await copySealedOut(ctx, part.sha256, file, parts.length > 1 ? `第 ${part.volumeNo} 卷` : '本卷');
      written.push(file);
      exported.push({ ...part, file });
    }
    if (opts.signal?.aborted) throw cancelled();
  } catch (e) {
    for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  }
  const sha256 = combinedSha(exported);
  const matchesSeal = sha256 === v.sha256;
  const pages = exported.reduce((a, x) => a + x.pages, 0);
  const itemsCount = exported.reduce((a, x) => a + x.items, 0);
  const check = v.checkJson ? (JSON.parse(v.checkJson) as CheckResult) : { checkedAt: v.sealedAt ?? '', ok: true, errors: 0, warnings: 0, problems: [] };
  const ms = Date.now() - t0;
  ctx.db
    .insert(volumeExports)
    .values({
      volumeId: v.id,
      at: ctx.now().toISOString(),
      actor: ctx.actor,
      kind: 'reexport',
      file: exported[0]!.file,
      pages,
      items: itemsCount,
      sha256,
      partsJson: JSON.stringify(exported),
      problems: check.problems.length,
      matchesSeal,
      ms,
    })
    .run();
  return { volumeId: v.id, file: exported[0]!.file, pages, items: itemsCount, volumes: exported, sha256, sealed: true, matchesSeal, source: 'stored', notice: null, check, ms };
}

/** Seals a draft with its export; on a sealed volume, exports it again and says whether it reproduced the seal. */
export function sealVolume(ctx: AppContext, id: number, outFile: string, opts: Omit<ExportOptions, 'seal'> = {}): Promise<ExportResult> {
  return exportVolume(ctx, id, outFile, { ...opts, seal: true });
}

/** Asks where to save (the app's dialog), exports and opens the file; null when the clerk cancels. */
export async function exportVolumeInteractive(ctx: AppContext, id: number, opts: { seal?: boolean; jobId?: string } = {}): Promise<ExportResult | null> {
  const v = stored(ctx, id);
  const picked = await ctx.ports.pickSavePath({
    title: opts.seal ? '封卷并导出案卷' : '导出案卷',
    defaultName: safeFileName(`${volumeArchivalNo(v, v.volumeNo)}_${v.title}.pdf`),
    filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
  });
  if (!picked) return null;
  const job = startJob(opts.jobId, opts.seal ? '正在封卷' : '正在生成案卷 PDF');
  try {
    const r = await exportVolume(ctx, id, picked, {
      seal: opts.seal,
      signal: job.signal,
      onProgress: (p) => job.report(p.done, p.total, p.message),
    });
    await ctx.ports.openPath(r.file);
    return r;
  } finally {
    job.finish();
  }
}

function copyHeader(v: VolumeRow) {
  return {
    fondsName: v.fondsName,
    fondsCode: v.fondsCode,
    categoryCode: v.categoryCode,
    year: v.year,
    retention: v.retention,
    organization: v.organization,
    creator: v.creator,
    checker: v.checker,
    secrecy: v.secrecy,
    selection: v.selection,
    orderBy: v.orderBy,
    pageLimit: v.pageLimit,
    duplex: v.duplex,
    archiveStamp: v.archiveStamp,
    pdfa: v.pdfa,
  };
}

/** A 补充卷 of a sealed volume: only the records changed or added since it was sealed, with the next 卷号. */
export function createSupplement(ctx: AppContext, id: number): VolumeView {
  const base = stored(ctx, id);
  if (base.status !== 'sealed') throw validation('只有已封卷的案卷才能办理补充卷');
  const st = volumeStatus(ctx, id);
  const rows = itemRows(ctx, id);
  const changed = new Set(st.changed.map((c) => c.position));
  const specs = [...rows.filter((r) => changed.has(r.position)).map(specOf), ...st.added.map((a) => a.spec)];
  const items = validateItems(specs.filter((s, i) => specs.findIndex((o) => itemKey(o) === itemKey(s)) === i));
  if (!items.length) throw validation('封卷后没有修改或新增的记录，无需补充');
  return ctx.db.transaction(() => {
    const h = copyHeader(base);
    const row = ctx.db
      .insert(volumes)
      .values({
        ...h,
        basedOnId: id,
        relation: 'supplement',
        title: `${base.title}（补充）`,
        volumeNo: nextVolumeNo(ctx, h),
        remarks: `本卷为“${base.title}”（档号 ${volumeArchivalNo(base, base.volumeNo)}）的补充卷，收录该卷封卷后修改或新增的 ${items.length} 件。`,
        orderBy: 'manual',
      })
      .returning()
      .get();
    writeItems(ctx, row.id, items);
    const view = getVolume(ctx, row.id);
    recordAudit(ctx, { action: 'create', entity: 'volume', entityId: row.id, summary: `补充卷：${view.title}（${items.length} 件）`, after: { ...view, items: items.length } });
    return view;
  });
}

/** A new edition of a sealed volume: the same 卷号, its items (still existing) and the records added since. */
export function createEdition(ctx: AppContext, id: number): VolumeView {
  const base = stored(ctx, id);
  if (base.status !== 'sealed') throw validation('只有已封卷的案卷才能重新组卷（新版）');
  const newer = ctx.db
    .select()
    .from(volumes)
    .where(and(eq(volumes.basedOnId, id), eq(volumes.relation, 'edition'), isNull(volumes.deletedAt), ne(volumes.id, id)))
    .get();
  if (newer) throw conflict(`该案卷已有新版（案卷编号 ${newer.id}）`);
  const st = volumeStatus(ctx, id);
  const gone = new Set(st.missing.map((m) => m.position));
  const rows = itemRows(ctx, id).filter((r) => !gone.has(r.position));
  // everything the selection finds now, also what a 补充卷 already bound: the new edition replaces them all
  const have = new Set(rows.map((r) => itemKey(specOf(r))));
  const added = selectItems(ctx, JSON.parse(base.selection) as Selection, 'date').filter((spec) => !have.has(itemKey(spec)));
  const items = validateItems([...rows.map(specOf), ...added]);
  return ctx.db.transaction(() => {
    const row = ctx.db
      .insert(volumes)
      .values({
        ...copyHeader(base),
        basedOnId: id,
        relation: 'edition',
        edition: base.edition + 1,
        title: base.title,
        volumeNo: base.volumeNo,
        remarks: `本卷为“${base.title}”（档号 ${volumeArchivalNo(base, base.volumeNo)}）的第 ${base.edition + 1} 版，替代 ${base.sealedAt?.slice(0, 10) ?? ''} 封卷的上一版。`,
      })
      .returning()
      .get();
    writeItems(ctx, row.id, items);
    const view = getVolume(ctx, row.id);
    recordAudit(ctx, { action: 'create', entity: 'volume', entityId: row.id, summary: `案卷新版：${view.title}（第 ${view.edition} 版，${items.length} 件）`, after: { ...view, items: items.length } });
    return view;
  });
}

/** What a selection would bind, for the UI's preview before a draft is made. */
export function previewSelection(ctx: AppContext, selection: Selection, orderBy: VolumeOrder = 'date') {
  const sel = checkSelection(ctx, selection);
  return selectItems(ctx, sel, orderBy).map((spec) => {
    const d = collectItem(ctx, spec);
    return { ...spec, title: d.entry.title, date: d.entry.date, responsible: d.entry.responsible, scans: d.scans.length };
  });
}
