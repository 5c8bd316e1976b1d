import dayjs from 'dayjs';
import type { AppContext } from '../platform/context';
import { notFound, validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { indexHazards } from '../hazards/searchIndex';

/** 回收站: deleted records stay 30 days, can be put back, and are then removed for good. */
export const TRASH_DAYS = 30;

const ENTITIES = {
  pledge: { table: 'pledges', label: '明白书', title: "talker_name || '→' || talkee_name" },
  hazard: { table: 'hazards', label: '隐患', title: "enterprise_name || '：' || substr(description, 1, 30)" },
  return: { table: 'return_submissions', label: '报送记录', title: 'coalesce(title, kind)' },
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

export function listTrash(ctx: AppContext): TrashItem[] {
  const out: TrashItem[] = [];
  for (const [entity, e] of Object.entries(ENTITIES) as [TrashEntity, (typeof ENTITIES)[TrashEntity]][]) {
    const rows = ctx.sqlite
      .prepare(
        `select id, ${e.title} as title, deleted_at from ${e.table} where deleted_at is not null order by deleted_at desc`,
      )
      .all() as {
      id: number;
      title: string;
      deleted_at: string;
    }[];
    for (const r of rows) {
      out.push({
        entity,
        label: e.label,
        id: r.id,
        title: r.title,
        deletedAt: r.deleted_at,
        purgeOn: dayjs(r.deleted_at).add(TRASH_DAYS, 'day').format('YYYY-MM-DD'),
      });
    }
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
    if (entity === 'hazard') {
      const r = ctx.sqlite.prepare('select reporting_unit_id, row_key from hazards where id = ?').get(id) as {
        reporting_unit_id: number | null;
        row_key: string | null;
      };
      if (
        r.row_key &&
        ctx.sqlite
          .prepare('select 1 from hazards where deleted_at is null and reporting_unit_id is ? and row_key = ?')
          .get(r.reporting_unit_id, r.row_key)
      ) {
        throw validation('台账中已有同一条隐患（后来又导入过），不能恢复');
      }
    }
    ctx.sqlite.prepare(`update ${e.table} set deleted_at = null where id = ?`).run(id);
    if (entity === 'hazard') indexHazards(ctx, [id]);
    audit({ action: 'restore', entity, entityId: id, summary: `从回收站恢复${e.label}：${row.title}` });
  });
}

/** Removes for good what has been in the 回收站 for more than 30 days (at start-up). Never records in a sealed volume. */
export function purgeTrash(ctx: AppContext): number {
  const cutoff = dayjs(ctx.now()).subtract(TRASH_DAYS, 'day').toISOString();
  let n = 0;
  mutate(ctx, (audit) => {
    for (const [entity, e] of Object.entries(ENTITIES) as [TrashEntity, (typeof ENTITIES)[TrashEntity]][]) {
      const ids = (
        ctx.sqlite.prepare(`select id from ${e.table} where deleted_at is not null and deleted_at < ?`).all(cutoff) as {
          id: number;
        }[]
      ).map((r) => r.id);
      for (const id of ids) {
        if (
          entity === 'pledge' &&
          ctx.sqlite.prepare("select 1 from pledges where id = ? and status = '已归档'").get(id)
        )
          continue;
        try {
          ctx.sqlite.prepare(`delete from ${e.table} where id = ?`).run(id);
          n++;
        } catch {
          // still referenced (e.g. by an import batch's history): keep it in the 回收站
        }
      }
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
