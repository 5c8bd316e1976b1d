import { settings } from '../../db/schema';
import type { AppContext } from '../context';
import { mutate } from './mutation';

export interface Settings {
  /** 禹州市安全生产委员会办公室 */
  officeName: string;
  /** Issuing committee printed on the 明白书 form: 禹州市安全生产委员会 */
  committeeName: string;
  /** 全宗名称 / 全宗号 for archive volumes. */
  fondsName: string;
  fondsCode: string;
  /** Name of the clerk, shown in the audit log and as 立卷人 by default. */
  clerkName: string;
  /** Folder of the automatic backups; empty = <data>/backups/自动备份. */
  autoBackupDir: string;
}

export const DEFAULT_SETTINGS: Settings = {
  officeName: '禹州市安全生产委员会办公室',
  committeeName: '禹州市安全生产委员会',
  fondsName: '禹州市安全生产委员会办公室',
  fondsCode: '',
  clerkName: '',
  autoBackupDir: '',
};

export function getSettings(ctx: AppContext): Settings {
  const rows = ctx.db.select().from(settings).all();
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    if (r.key in out) (out as unknown as Record<string, string>)[r.key] = r.value;
  }
  return out;
}

export function updateSettings(ctx: AppContext, patch: Partial<Settings>): Settings {
  return mutate(ctx, (audit) => {
    const before = getSettings(ctx);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      ctx.db
        .insert(settings)
        .values({ key, value: value.trim() })
        .onConflictDoUpdate({ target: settings.key, set: { value: value.trim() } })
        .run();
    }
    const after = getSettings(ctx);
    audit({ action: 'settings', entity: 'settings', summary: '修改系统设置', before, after });
    return after;
  });
}
