/**
 * THE adapter between the 归档信息包 and the office's archive arrangement: which 件 go in, their 档号 and its parts,
 * and the 归档方式 (按件 / 组卷). Everything else in core/archivePackage reads 档号 and mode only through here, so the
 * 按件 mode's own 档号 (全宗号-WS·年度-保管期限-机构代码-件号, from the 件号 registry of the archive-standards issue)
 * can be wired in by replacing `archiveModeOf` and `numberItems` alone.
 *
 * Today: the 件 are the items of 案卷 (core/volumes), chosen by volume ids or by 年度; in 组卷 mode an item's 档号 is
 * the volume code's (案卷档号-卷内顺序号, the volume split by its page limit as its PDF is); in 按件 mode a provisional
 * 档号 numbers the 件 of each 年度/保管期限 series in order.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { volumes } from '../../db/schema';
import type { Retention } from '../../db/schema/volumes';
import type { AppContext } from '../platform/context';
import { notFound, validation } from '../platform/errors';
import { getSettings } from '../settings/service';
import { itemArchivalNo, pad, volumeArchivalNo } from '../volumes/archivalNo';
import { splitParts } from '../volumes/plan';
import { registeredPieces, type PieceNumber } from '../volumes/piece/registry';
import { headerOf, itemRows, itemsData, specOf, type VolumeRow } from '../volumes/rows';
import type { ItemData, VolumeHeader } from '../volumes/types';

export type ArchiveMode = '按件' | '组卷';
export const ARCHIVE_MODES: readonly ArchiveMode[] = ['按件', '组卷'];

/** The parts of a 件's 档号 (DA/T 46 档号 sub-elements). */
export interface ArchivalParts {
  全宗号: string;
  类别号: string;
  年度: number;
  保管期限: Retention;
  机构: string;
  /** 组卷 mode: the 案卷号 (4 digits); empty in 按件 mode. */
  案卷号: string;
  件号: string;
}

export interface SourceItem {
  volume: SourceVolume;
  position: number;
  data: ItemData;
  /** 按件归档: the 件号 the registry gave this record when its box was exported (core/volumes/piece/registry.ts). */
  piece?: PieceNumber;
}

export interface SourceVolume {
  id: number;
  header: VolumeHeader;
  status: 'draft' | 'sealed';
  sealedAt: string | null;
  items: SourceItem[];
}

export interface PackageSource {
  mode: ArchiveMode;
  fondsName: string;
  fondsCode: string;
  /** 立档单位名称 */
  office: string;
  years: number[];
  volumes: SourceVolume[];
}

export interface Selection {
  volumeIds?: number[];
  year?: number;
  /** Overrides the office's 归档方式 (tests, the CLI's --mode). */
  mode?: ArchiveMode;
}

/** The office's 归档方式. Until the archive-standards issue's setting exists, 组卷 (today's volumes). */
export function archiveModeOf(ctx: AppContext): ArchiveMode {
  const row = ctx.sqlite.prepare(`select value from settings where key = 'archiveMode'`).get() as
    { value: string } | undefined;
  const v = row?.value;
  return v === '按件' || v === 'piece' ? '按件' : '组卷';
}

/** The 件 to package: the chosen volumes (or every volume of the 年度), in 年度/卷号 order, with their data. */
export function loadSource(ctx: AppContext, sel: Selection): PackageSource {
  let rows: VolumeRow[];
  if (sel.volumeIds?.length) {
    rows = ctx.db
      .select()
      .from(volumes)
      .where(and(inArray(volumes.id, sel.volumeIds), isNull(volumes.deletedAt)))
      .all();
    const found = new Set(rows.map((r) => r.id));
    const gone = sel.volumeIds.filter((id) => !found.has(id));
    if (gone.length) throw notFound(`找不到编号为 ${gone.join('、')} 的案卷，可能已被删除；请重新选择`);
  } else if (sel.year !== undefined) {
    if (!Number.isInteger(sel.year) || sel.year < 1949 || sel.year > 2100) throw validation(`年度“${sel.year}”不对`);
    rows = ctx.db
      .select()
      .from(volumes)
      .where(and(eq(volumes.year, sel.year), isNull(volumes.deletedAt)))
      .orderBy(asc(volumes.volumeNo), asc(volumes.id))
      .all();
    if (!rows.length)
      throw validation(`${sel.year} 年度还没有案卷，没有可以导出的文件；请先在“案卷归档”中组卷（或选择其他年度）`);
    // a volume replaced by a new edition (same 卷号) is not handed over: its latest edition is
    const replaced = new Set(rows.filter((r) => r.relation === 'edition' && r.basedOnId).map((r) => r.basedOnId));
    rows = rows.filter((r) => !replaced.has(r.id));
  } else {
    throw validation('请选择要导出的年度或案卷');
  }
  rows.sort((a, b) => a.year - b.year || a.retention.localeCompare(b.retention) || a.volumeNo - b.volumeNo);
  const s = getSettings(ctx);
  const vols: SourceVolume[] = [];
  for (const v of rows) {
    const header = headerOf(v);
    const rowsOfVolume = itemRows(ctx, v.id);
    const { items, missing } = itemsData(ctx, v, rowsOfVolume);
    const registered = registeredPieces(
      ctx,
      rowsOfVolume.map((r) => ({ position: r.position, spec: specOf(r) })),
    );
    if (missing.length)
      throw validation(
        `案卷“${v.title}”（档号 ${volumeArchivalNo(header, header.volumeNo)}）中第 ${missing.map((m) => m.position).join('、')} 件的记录已被删除（${missing[0]!.what}等），请先在“案卷归档”中做组卷检查并修改案卷`,
      );
    if (!items.length) throw validation(`案卷“${v.title}”中没有文件，请先组卷或不选择该案卷`);
    const sv: SourceVolume = { id: v.id, header, status: v.status, sealedAt: v.sealedAt, items: [] };
    sv.items = items.map((it) => ({
      volume: sv,
      position: it.position,
      data: it.data,
      ...(registered.has(it.position) ? { piece: registered.get(it.position)! } : {}),
    }));
    vols.push(sv);
  }
  const fondsCode = (vols[0]?.header.fondsCode || s.fondsCode).trim();
  return {
    mode: sel.mode ?? archiveModeOf(ctx),
    fondsName: vols[0]?.header.fondsName || s.fondsName,
    fondsCode,
    office: s.officeName || s.fondsName,
    years: [...new Set(vols.map((v) => v.header.year))].sort(),
    volumes: vols,
  };
}

export interface NumberedItem {
  item: SourceItem;
  archivalNo: string;
  parts: ArchivalParts;
  /** 组卷: the 卷 (after the page-limit split) it is in, its 档号 and its 顺序号 in that 卷. */
  volumeNo: number;
  volumeArchivalNo: string;
  /** 顺序号 in the 卷 (组卷) or in the package (按件); also the 件号 of the 归档章. */
  seq: number;
}

/**
 * 档号 of every 件, given each item's page count (組卷: a volume over its page limit prints as several 卷, as
 * planVolume splits it). Items are returned in package order.
 */
export function numberItems(src: PackageSource, pageCounts: Map<SourceItem, number>): NumberedItem[] {
  const out: NumberedItem[] = [];
  if (src.mode === '组卷') {
    for (const v of src.volumes) {
      const h = v.header;
      const sized = v.items.map((item) => ({ item, pages: new Array<number>(pageCounts.get(item) ?? 1) }));
      splitParts(sized, Math.max(1, h.pageLimit)).forEach((group, gi) => {
        const volumeNo = h.volumeNo + gi;
        group.forEach(({ item }, i) => {
          const seq = i + 1;
          out.push({
            item,
            archivalNo: itemArchivalNo(h, volumeNo, seq),
            parts: {
              全宗号: h.fondsCode,
              类别号: h.categoryCode || 'WS',
              年度: h.year,
              保管期限: h.retention,
              机构: h.organization,
              案卷号: pad(volumeNo, 4),
              件号: pad(seq, 3),
            },
            volumeNo,
            volumeArchivalNo: volumeArchivalNo(h, volumeNo),
            seq,
          });
        });
      });
    }
    return out;
  }
  // 按件: the 件号 registered when the 件's box was exported; a 件 never boxed (a 组卷 volume handed over by 件)
  // gets a provisional 件号 in order within its 年度/保管期限 series, after the registered ones
  const counters = new Map<string, number>();
  for (const v of src.volumes)
    for (const item of v.items)
      if (item.piece) {
        const key = `${item.piece.year}-${item.piece.retention}`;
        counters.set(key, Math.max(counters.get(key) ?? 0, item.piece.pieceNo));
      }
  for (const v of src.volumes) {
    const h = v.header;
    for (const item of v.items) {
      if (item.piece) {
        const pn = item.piece;
        const parts: ArchivalParts = {
          全宗号: pn.fondsCode,
          类别号: h.categoryCode || 'WS',
          年度: pn.year,
          保管期限: pn.retention,
          机构: pn.orgCode,
          案卷号: '',
          件号: pad(pn.pieceNo, 4),
        };
        out.push({
          item,
          archivalNo: pieceArchivalNo(parts),
          parts,
          volumeNo: h.volumeNo,
          volumeArchivalNo: volumeArchivalNo(h, h.volumeNo),
          seq: pn.pieceNo,
        });
        continue;
      }
      const key = `${h.year}-${h.retention}`;
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      const parts: ArchivalParts = {
        全宗号: h.fondsCode,
        类别号: h.categoryCode || 'WS',
        年度: h.year,
        保管期限: h.retention,
        机构: h.organization,
        案卷号: '',
        件号: pad(n, 4),
      };
      out.push({
        item,
        archivalNo: pieceArchivalNo(parts),
        parts,
        volumeNo: h.volumeNo,
        volumeArchivalNo: volumeArchivalNo(h, h.volumeNo),
        seq: n,
      });
    }
  }
  return out;
}

/** 全宗号-WS·年度-保管期限-机构代码-件号 (parts left out when empty). */
export function pieceArchivalNo(p: ArchivalParts): string {
  return [p.全宗号.trim(), `${p.类别号}·${p.年度}`, p.保管期限, p.机构.trim(), p.件号].filter(Boolean).join('-');
}
