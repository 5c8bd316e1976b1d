/**
 * The volume records as stored: row types, the cover header, 卷号 series, and the data each item binds now.
 */
import crypto from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { pledges, returnSubmissions, hazards, volumeItems, volumes, type Retention } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { AppError, notFound, validation } from '../platform/errors';
import { getNotice } from '../notices/service';
import { getUnit } from '../units/service';
import { collectCache, collectItem } from './collect';
import {
  VOLUME_KINDS,
  type CheckResult,
  type ExportedPart,
  type ItemData,
  type ItemSpec,
  type Selection,
  type VolumeHeader,
  type VolumeOrder,
} from './types';

export type VolumeRow = typeof volumes.$inferSelect;
export type ItemRow = typeof volumeItems.$inferSelect;
export interface VolumeInput {
  title?: string;
  fondsName?: string;
  fondsCode?: string;
  categoryCode?: string;
  /** 类目名称 on the cover; the setting's by default. */
  categoryName?: string;
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
  /** 按件归档: 档案盒 width (mm) for the 盒脊 label, 20/30/40/50; null: by the number of sheets. */
  spineWidth?: number | null;
  selection?: Selection;
  /** The items in binding order (the UI's drag order); replaces the list. Without it the selection decides. */
  items?: ItemSpec[];
  /**
   * Make a new volume even though records of the selection are already archived in another one (the clerk was
   * shown them and asked for a new 卷号). Without it, the same selection re-opens the volume that holds it.
   */
  newVolume?: boolean;
}

/** A record of a selection already bound into another volume: which, and where (档号 of the 件). */
export interface ArchivedRecord {
  kind: ItemSpec['kind'];
  recordId: number | null;
  title: string;
  volumeId: number;
  volumeTitle: string;
  status: 'draft' | 'sealed';
  /** The volume's 档号 and the 件's (卷内顺序号 within the volume). */
  archivalNo: string;
  itemArchivalNo: string;
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
  /** 按件归档: the 件's 档号 once it has its 件号 (set on the first export into a box). */
  pieceArchivalNo?: string | null;
}

export interface VolumeView {
  /** 按件归档 (this row is a 档案盒) or 组卷 (a 案卷): a draft follows the settings, a sealed one keeps its mode. */
  archiveMode: 'piece' | 'volume';
  spineWidth: number | null;
  id: number;
  status: 'draft' | 'sealed';
  relation: 'supplement' | 'edition' | null;
  basedOnId: number | null;
  edition: number;
  title: string;
  fondsName: string;
  fondsCode: string;
  categoryCode: string;
  categoryName: string;
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
  /** createVolume only: the selection was already this volume's, so it was re-opened instead of a new 卷号. */
  reopened?: boolean;
  /** createVolume only: records of the selection already bound in other volumes (a new volume was asked for). */
  alreadyArchived?: ArchivedRecord[];
}

export interface VolumeStatus {
  outOfDate: boolean;
  changed: { position: number; title: string; reason: string }[];
  missing: { position: number; title: string }[];
  added: { kind: ItemSpec['kind']; recordId: number | null; title: string; spec: ItemSpec }[];
}

export const KIND_LABEL: Record<ItemSpec['kind'], string> = {
  pledge: '明白书',
  return: '报送材料',
  ledger: '隐患台账摘录',
  closure: '隐患闭环材料',
};

export function stored(ctx: AppContext, id: number): VolumeRow {
  const v = ctx.db
    .select()
    .from(volumes)
    .where(and(eq(volumes.id, id), isNull(volumes.deletedAt)))
    .get();
  if (!v) throw notFound(`找不到编号为 ${id} 的案卷，可能已被删除`);
  return v;
}

export function itemRows(ctx: AppContext, id: number): ItemRow[] {
  return ctx.db
    .select()
    .from(volumeItems)
    .where(eq(volumeItems.volumeId, id))
    .orderBy(asc(volumeItems.position), asc(volumeItems.id))
    .all();
}

export const specOf = (r: ItemRow): ItemSpec => ({
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
    categoryName: v.categoryName,
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
export function editionRoot(ctx: AppContext, v: VolumeRow): number {
  let cur = v;
  for (let guard = 0; cur.relation === 'edition' && cur.basedOnId && guard < 100; guard++) {
    const up = ctx.db.select().from(volumes).where(eq(volumes.id, cur.basedOnId)).get();
    if (!up) break;
    cur = up;
  }
  return cur.id;
}

export function sameSeries(
  ctx: AppContext,
  p: { fondsCode: string; categoryCode: string; year: number; retention: Retention },
  withDeleted = false,
) {
  return ctx.db
    .select()
    .from(volumes)
    .where(
      and(
        withDeleted ? undefined : isNull(volumes.deletedAt),
        eq(volumes.fondsCode, p.fondsCode),
        eq(volumes.categoryCode, p.categoryCode),
        eq(volumes.year, p.year),
        eq(volumes.retention, p.retention),
      ),
    )
    .all();
}

/**
 * The next 卷号 in a 全宗/类别/年度/保管期限 series: after every number ever given in it, deleted drafts included,
 * so a 卷号 is assigned once and never given to another volume.
 */
export function nextVolumeNo(
  ctx: AppContext,
  p: { fondsCode: string; categoryCode: string; year: number; retention: Retention },
): number {
  return sameSeries(ctx, p, true).reduce((max, v) => Math.max(max, v.volumeNo + v.partCount - 1), 0) + 1;
}

export function takenVolumeNos(ctx: AppContext, v: VolumeRow) {
  const root = editionRoot(ctx, v);
  return sameSeries(ctx, v)
    .filter((o) => o.id !== v.id && editionRoot(ctx, o) !== root)
    .map((o) => ({ id: o.id, title: o.title, from: o.volumeNo, to: o.volumeNo + o.partCount - 1 }));
}

export function checkSelection(ctx: AppContext, s: Selection | undefined): Selection {
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

/** Live data of each item (drafts) or the data it was sealed with; records that are gone are listed apart. */
export function itemsData(ctx: AppContext, v: VolumeRow, rows: ItemRow[]) {
  const items: { position: number; data: ItemData; row: ItemRow }[] = [];
  const missing: { position: number; what: string; row: ItemRow }[] = [];
  const cache = collectCache(ctx, rows.filter((r) => !(v.status === 'sealed' && r.snapshot)).map(specOf));
  for (const r of rows) {
    if (v.status === 'sealed' && r.snapshot) {
      items.push({ position: r.position, data: JSON.parse(r.snapshot) as ItemData, row: r });
      continue;
    }
    try {
      items.push({ position: r.position, data: collectItem(ctx, specOf(r), cache), row: r });
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND')
        missing.push({ position: r.position, what: `${KIND_LABEL[r.kind]}（编号 ${r.recordId}）`, row: r });
      else throw e;
    }
  }
  return { items, missing };
}

export function currentVersion(ctx: AppContext, r: ItemRow): { version: number; status?: string } | null {
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

export const digestOf = (d: ItemData) =>
  crypto
    .createHash('sha256')
    .update(d.kind === 'ledger' ? JSON.stringify(d.rowVersions ?? []) : JSON.stringify(d))
    .digest('hex');
