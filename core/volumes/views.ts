/**
 * What the UI shows of volumes: one volume with its items and check, the list, out-of-date status, history, the
 * preview of a selection.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { volumeExports, volumes, type Retention } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { volumeArchivalNo } from './archivalNo';
import { collectItem } from './collect';
import { itemKey, selectItems } from './select';
import { pieceArchivalNo } from '../domain/archiveMode';
import { boxMode } from './piece/export';
import { registeredPieces } from './piece/registry';
import { type CheckResult, type ExportedPart, type ItemData, type Selection, type VolumeOrder } from './types';
import {
  KIND_LABEL,
  type VolumeItemView,
  type VolumeStatus,
  type VolumeView,
  checkSelection,
  currentVersion,
  digestOf,
  itemRows,
  itemsData,
  specOf,
  stored,
} from './rows';

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
      if (digestOf(live) !== r.sealedDigest)
        out.changed.push({ position: r.position, title, reason: '台账中的隐患有新增、修改或删除' });
      continue;
    }
    const cur = currentVersion(ctx, r);
    if (!cur) out.missing.push({ position: r.position, title });
    else if (cur.version !== r.sealedVersion)
      out.changed.push({
        position: r.position,
        title,
        reason: `封卷时为第 ${r.sealedVersion} 版，现为第 ${cur.version} 版`,
      });
    else if (r.kind === 'return' && snap && snap.sheet.type === 'record') {
      const sealedStatus = snap.sheet.rows.flat().find((c) => c.label === '登记状态')?.value;
      if (sealedStatus && cur.status !== sealedStatus)
        out.changed.push({ position: r.position, title, reason: `登记状态由“${sealedStatus}”变为“${cur.status}”` });
    }
  }
  const selection = JSON.parse(v.selection) as Selection;
  const have = new Set(rows.map((r) => itemKey(specOf(r))));
  // records bound in a supplement or newer edition of this volume are not "new"
  for (const o of ctx.db
    .select()
    .from(volumes)
    .where(and(eq(volumes.basedOnId, id), isNull(volumes.deletedAt)))
    .all()) {
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
  const mode = boxMode(ctx, v);
  if (mode === 'piece') {
    // 按件归档: each 件's registered 档号 (none before its first export)
    const nos = registeredPieces(
      ctx,
      rows.map((r) => ({ position: r.position, spec: specOf(r) })),
    );
    for (const it of views) {
      const n = nos.get(it.position);
      it.pieceArchivalNo = n ? pieceArchivalNo({ ...n, categoryCode: v.categoryCode }) : null;
    }
  }
  return {
    archiveMode: mode,
    spineWidth: v.spineWidth,
    id: v.id,
    status: v.status,
    relation: v.relation,
    basedOnId: v.basedOnId,
    edition: v.edition,
    title: v.title,
    fondsName: v.fondsName,
    fondsCode: v.fondsCode,
    categoryCode: v.categoryCode,
    categoryName: v.categoryName,
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
  /** 按件归档 (a 档案盒) or 组卷 (a 案卷). */
  archiveMode: 'piece' | 'volume';
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
  const rows = ctx.db
    .select()
    .from(volumes)
    .where(isNull(volumes.deletedAt))
    .orderBy(desc(volumes.year), asc(volumes.volumeNo), asc(volumes.id))
    .all();
  return rows.map((v) => ({
    id: v.id,
    status: v.status,
    relation: v.relation,
    edition: v.edition,
    title: v.title,
    archivalNo: volumeArchivalNo(v, v.volumeNo),
    archiveMode: boxMode(ctx, v),
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

export function lastExportPages(ctx: AppContext, id: number, partsJson: string | null): number | null {
  const json =
    partsJson ??
    (
      ctx.sqlite
        .prepare('select parts_json from volume_exports where volume_id = ? order by id desc limit 1')
        .get(id) as { parts_json: string } | undefined
    )?.parts_json;
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

/** What a selection would bind, for the UI's preview before a draft is made. */
export function previewSelection(ctx: AppContext, selection: Selection, orderBy: VolumeOrder = 'date') {
  const sel = checkSelection(ctx, selection);
  return selectItems(ctx, sel, orderBy).map((spec) => {
    const d = collectItem(ctx, spec);
    return {
      ...spec,
      title: d.entry.title,
      date: d.entry.date,
      responsible: d.entry.responsible,
      scans: d.scans.length,
    };
  });
}
