/**
 * 件号 registry (按件归档, DA/T 22-2015): each record gets its 件号 once, the first time it is exported into a
 * 档案盒, numbered from 1 per 全宗号–年度–保管期限–机构（问题）. Re-exporting the same records reuses their numbers; a
 * 件 taken out of a box keeps its number (the row stays), so a number is never given twice.
 */
import crypto from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import { archivePieces, volumes, type Retention, type VolumeItemKind } from '../../../db/schema';
import type { AppContext } from '../../platform/context';
import { mutate, type Audit } from '../../platform/mutation';
import { pieceArchivalNo } from '../../domain/archiveMode';
import type { ItemData, ItemSpec } from '../types';

export interface PieceNumber {
  fondsCode: string;
  year: number;
  retention: Retention;
  orgCode: string;
  pieceNo: number;
  /** Not in the registry yet: a draft printed before 全宗号 / 机构代码 were set (the number may still change). */
  provisional: boolean;
}

/** The registry key of an item: its record id, or a digest of a ledger extract's filter. */
export function pieceKey(spec: Pick<ItemSpec, 'kind' | 'recordId' | 'params'>): { kind: VolumeItemKind; key: string } {
  if (spec.kind === 'ledger' || spec.recordId === null) {
    const digest = crypto
      .createHash('sha256')
      .update(JSON.stringify(spec.params?.filter ?? {}))
      .digest('hex')
      .slice(0, 24);
    return { kind: spec.kind, key: `ledger:${digest}` };
  }
  return { kind: spec.kind, key: String(spec.recordId) };
}

/** 年度 of a 件: the year of the document's own date (signing, report, closure …), else the box's year. */
export function pieceYear(data: ItemData, fallback: number): number {
  const m = /^(\d{4})-/.exec(data.entry.date ?? '');
  return m ? Number(m[1]) : fallback;
}

export interface PieceRequest {
  position: number;
  data: ItemData;
  spec: Pick<ItemSpec, 'kind' | 'recordId' | 'params'>;
}

export interface Series {
  fondsCode: string;
  retention: Retention;
  orgCode: string;
  /** 年度 when a 件 has no date. */
  year: number;
}

const seriesKey = (s: { fondsCode: string; year: number; retention: string; orgCode: string }) =>
  `${s.fondsCode}\u0000${s.year}\u0000${s.retention}\u0000${s.orgCode}`;

function highest(ctx: AppContext, s: { fondsCode: string; year: number; retention: Retention; orgCode: string }) {
  return (
    ctx.db
      .select({ n: max(archivePieces.pieceNo) })
      .from(archivePieces)
      .where(
        and(
          eq(archivePieces.fondsCode, s.fondsCode),
          eq(archivePieces.year, s.year),
          eq(archivePieces.retention, s.retention),
          eq(archivePieces.orgCode, s.orgCode),
        ),
      )
      .get()?.n ?? 0
  );
}

/**
 * The 件号 of each item (by position). Items already registered keep theirs; new ones get the next free numbers
 * of their series in the order given. With `store`, new numbers are written (and the registered 件 noted as being
 * in box `boxId`, unless they sit in a sealed box); without, they are provisional and nothing is written.
 */
export function numberPieces(
  ctx: AppContext,
  boxId: number,
  items: PieceRequest[],
  series: Series,
  store: boolean,
): Map<number, PieceNumber> {
  const run = (audit?: Audit) => {
    const out = new Map<number, PieceNumber>();
    const next = new Map<string, number>();
    const added: string[] = [];
    for (const it of items) {
      const { kind, key } = pieceKey(it.spec);
      const known = ctx.db
        .select()
        .from(archivePieces)
        .where(and(eq(archivePieces.kind, kind), eq(archivePieces.recordKey, key)))
        .get();
      if (known) {
        out.set(it.position, {
          fondsCode: known.fondsCode,
          year: known.year,
          retention: known.retention,
          orgCode: known.orgCode,
          pieceNo: known.pieceNo,
          provisional: false,
        });
        if (store && known.boxId !== boxId) {
          const holder = known.boxId
            ? ctx.db.select({ status: volumes.status }).from(volumes).where(eq(volumes.id, known.boxId)).get()
            : undefined;
          if (holder?.status !== 'sealed')
            ctx.db.update(archivePieces).set({ boxId }).where(eq(archivePieces.id, known.id)).run();
        }
        continue;
      }
      const s = {
        fondsCode: series.fondsCode,
        year: pieceYear(it.data, series.year),
        retention: series.retention,
        orgCode: series.orgCode,
      };
      const k = seriesKey(s);
      const n = (next.get(k) ?? highest(ctx, s)) + 1;
      next.set(k, n);
      out.set(it.position, { ...s, pieceNo: n, provisional: !store });
      if (store) {
        ctx.db
          .insert(archivePieces)
          .values({ kind, recordKey: key, ...s, pieceNo: n, boxId, assignedAt: ctx.now().toISOString() })
          .run();
        added.push(pieceArchivalNo({ ...s, categoryCode: 'WS', pieceNo: n }));
      }
    }
    if (added.length)
      audit?.({
        action: 'create',
        entity: 'archive_piece',
        entityId: boxId,
        summary: `按件归档编件号：${added.length} 件（${added[0]}${added.length > 1 ? ` 等` : ''}）`,
        after: { boxId, pieces: added },
      });
    return out;
  };
  return store ? mutate(ctx, (audit) => run(audit)) : run();
}

/** Registered 件号 of items, without assigning any (a sealed box printed again). */
export function registeredPieces(
  ctx: AppContext,
  items: Pick<PieceRequest, 'position' | 'spec'>[],
): Map<number, PieceNumber> {
  const out = new Map<number, PieceNumber>();
  for (const it of items) {
    const { kind, key } = pieceKey(it.spec);
    const r = ctx.db
      .select()
      .from(archivePieces)
      .where(and(eq(archivePieces.kind, kind), eq(archivePieces.recordKey, key)))
      .get();
    if (r)
      out.set(it.position, {
        fondsCode: r.fondsCode,
        year: r.year,
        retention: r.retention,
        orgCode: r.orgCode,
        pieceNo: r.pieceNo,
        provisional: false,
      });
  }
  return out;
}
