/**
 * 业务行为 of a 件 for its DA/T 46 metadata, from what the app recorded: 登记 (the record's creation in the 操作日志),
 * 导入 (import batches that created or changed it), 整改 and 验收 (a hazard's status changes), 封卷 (the sealing of
 * its volume). Who and when as recorded; oldest first.
 */
import dayjs from 'dayjs';
import type { AppContext } from '../platform/context';
import type { VolumeItemKind } from '../../db/schema/volumes';

export type ActionName = '登记' | '导入' | '整改' | '验收' | '封卷';

export interface BusinessAction {
  action: ActionName;
  actor: string;
  /** xs:dateTime with the local offset. */
  at: string;
  description: string;
}

const ENTITY: Record<VolumeItemKind, string | null> = {
  pledge: 'pledge',
  return: 'return',
  closure: 'hazard',
  ledger: null,
};

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DDTHH:mm:ssZ');

/** Prepared once per package (one statement per source, run per 件). */
export function actionReader(ctx: AppContext) {
  const created = ctx.sqlite.prepare(
    `select at, actor, summary from audit_log where entity = ? and entity_id = ? and action = 'create' order by id`,
  );
  const imported = ctx.sqlite.prepare(
    `select b.created_at at, b.actor actor, b.file_name file, c.action action from import_changes c
       join import_batches b on b.id = c.batch_id
      where c.entity = ? and c.entity_id = ? and b.status = 'committed' order by b.id`,
  );
  const events = ctx.sqlite.prepare(
    `select at, actor, from_status, to_status, note from hazard_events where hazard_id = ? order by id`,
  );
  const sealed = ctx.sqlite.prepare(
    `select at, actor, summary from audit_log where entity = 'volume' and entity_id = ? and action = 'seal' order by id`,
  );

  return (kind: VolumeItemKind, recordId: number | null, volumeId: number): BusinessAction[] => {
    const out: BusinessAction[] = [];
    const entity = ENTITY[kind];
    if (entity && recordId !== null) {
      for (const r of created.all(entity, recordId) as { at: string; actor: string; summary: string | null }[])
        out.push({ action: '登记', actor: r.actor, at: r.at, description: r.summary ?? '登记' });
      for (const r of imported.all(entity, recordId) as { at: string; actor: string; file: string; action: string }[])
        out.push({
          action: '导入',
          actor: r.actor,
          at: r.at,
          description: `${r.action === 'create' ? '从' : '据'}报送表格“${r.file}”${r.action === 'create' ? '导入' : '更新'}`,
        });
      if (entity === 'hazard') {
        for (const r of events.all(recordId) as {
          at: string;
          actor: string;
          from_status: string | null;
          to_status: string;
          note: string | null;
        }[]) {
          if (r.to_status === '未整改' && !r.from_status) continue; // the registration itself
          const action: ActionName = r.to_status === '已验收销号' ? '验收' : '整改';
          out.push({
            action,
            actor: r.actor,
            at: r.at,
            description: `整改状态 ${r.from_status ?? '（新登记）'} → ${r.to_status}${r.note ? `：${r.note}` : ''}`,
          });
        }
      }
    }
    for (const r of sealed.all(volumeId) as { at: string; actor: string; summary: string | null }[])
      out.push({ action: '封卷', actor: r.actor, at: r.at, description: r.summary ?? '封卷' });
    out.sort((a, b) => a.at.localeCompare(b.at));
    return out.map((a) => ({ ...a, at: when(a.at) }));
  };
}
