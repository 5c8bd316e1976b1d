import dayjs from 'dayjs';
import type { AppContext } from '../platform/context';
import { notFound, validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { purgeDeletedHazards, restoreDeletedHazard } from '../hazards/trash';
import { purgeDeletedPledges, restoreDeletedPledge } from '../pledges/trash';
import { purgeDeletedReturns, restoreDeletedReturn } from '../returns/trash';

/** 回收站: deleted records stay 30 days, can be put back, and are then removed for good. */
export const TRASH_DAYS = 30;

/** What the 回收站 lists of each kind; putting back and removing for good are the owning feature's own functions. */
const ENTITIES = {
  pledge: {
    table: 'pledges',
    label: '明白书',
    title: "talker_name || '→' || talkee_name",
    restore: restoreDeletedPledge,
    purge: purgeDeletedPledges,
  },
  hazard: {
    table: 'hazards',
    label: '隐患',
    title: "enterprise_name || '：' || substr(description, 1, 30)",
    restore: restoreDeletedHazard,
    purge: purgeDeletedHazards,
  },
  return: {
    table: 'return_submissions',
    label: '报送记录',
    title: 'coalesce(title, kind)',
    restore: restoreDeletedReturn,
    purge: purgeDeletedReturns,
  },
} as const;
export type TrashEntity = keyof typeof ENTITIES;

export interface TrashItem {
  entity: TrashEntity;
  label: string;
  id: number;
  title: string;
  deletedAt: string;
  purgeOn: string;
}

/** A deleted record as the 回收站 query returns it (its title put together by the entity's `title` SQL). */
interface TrashSqlRow {
  id: number;
  title: string;
  deleted_at: string;
}

function toTrashItem(entity: TrashEntity, label: string, r: TrashSqlRow): TrashItem {
  return {
    entity,
    label,
    id: r.id,
    title: r.title,
    deletedAt: r.deleted_at,
    purgeOn: dayjs(r.deleted_at).add(TRASH_DAYS, 'day').format('YYYY-MM-DD'),
  };
}

export function listTrash(ctx: AppContext): TrashItem[] {
  const out: TrashItem[] = [];
  for (const [entity, e] of Object.entries(ENTITIES) as [TrashEntity, (typeof ENTITIES)[TrashEntity]][]) {
    const rows = ctx.sqlite
      .prepare(
        `select id, ${e.title} as title, deleted_at from ${e.table} where deleted_at is not null order by deleted_at desc`,
      )
      .all() as TrashSqlRow[];
    for (const r of rows) out.push(toTrashItem(entity, e.label, r));
  }
  return out.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

/** Puts a deleted record back. */
export function restoreFromTrash(ctx: AppContext, entity: TrashEntity, id: number): void {
  const e = ENTITIES[entity];
  if (!e) throw validation('不支持的记录类型');
  mutate(ctx, (audit) => {
    const row = ctx.sqlite
      .prepare(`select id, deleted_at, ${e.title} as title from ${e.table} where id = ?`)
      .get(id) as { deleted_at: string | null; title: string } | undefined;
    if (!row || !row.deleted_at) throw notFound(`回收站中没有这条${e.label}`);
    e.restore(ctx, id);
    audit({ action: 'restore', entity, entityId: id, summary: `从回收站恢复${e.label}：${row.title}` });
  });
}

/** Removes for good what has been in the 回收站 for more than 30 days (at start-up). Never records in a sealed volume. */
export function purgeTrash(ctx: AppContext): number {
  const cutoff = dayjs(ctx.now()).subtract(TRASH_DAYS, 'day').toISOString();
  let n = 0;
  mutate(ctx, (audit) => {
    for (const e of Object.values(ENTITIES)) {
      n += e.purge(ctx, cutoff);
    }
    if (n)
      audit({
        action: 'delete',
        entity: 'trash',
        summary: `回收站中超过 ${TRASH_DAYS} 天的 ${n} 条记录已永久删除`,
      });
  });
  return n;
}
