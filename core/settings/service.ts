import { settings, ARCHIVE_MODES, type ArchiveMode } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { validation } from '../platform/errors';
import { mutate } from '../platform/mutation';

export interface Settings {
  /** 禹州市安全生产委员会办公室 */
  officeName: string;
  /** Issuing committee printed on the 明白书 form: 禹州市安全生产委员会 */
  committeeName: string;
  /** 全宗名称 / 全宗号 for archive volumes. */
  fondsName: string;
  fondsCode: string;
  /** 类目名称 on the 案卷封面 (GB/T 9705), e.g. 安全生产; a volume may set its own. */
  categoryName: string;
  /** Name of the clerk, shown in the audit log and as 立卷人 by default. */
  clerkName: string;
  /** Folder of the automatic backups; empty = <data>/backups/自动备份. */
  autoBackupDir: string;
  /** 归档方式: 'piece' 按件归档 (DA/T 22-2015) or 'volume' 组卷 (GB/T 9705-2008, the behaviour before the choice). */
  archiveMode: ArchiveMode;
  /** 机构（问题）代码 in the 档号 and 归档章 (按件归档), e.g. AW. */
  orgCode: string;
}

export const DEFAULT_SETTINGS: Settings = {
  officeName: '禹州市安全生产委员会办公室',
  committeeName: '禹州市安全生产委员会',
  fondsName: '禹州市安全生产委员会办公室',
  fondsCode: '',
  categoryName: '安全生产',
  clerkName: '',
  autoBackupDir: '',
  archiveMode: 'volume',
  orgCode: '',
};

/** 机构（问题）代码: letters and digits, as it goes into the 档号 (DA/T 22-2015 uses e.g. AW, BGS, 001). */
export const ORG_CODE_RE = /^[A-Z0-9]{1,10}$/;

function checkPatch(patch: Partial<Settings>): Partial<Settings> {
  const out = { ...patch };
  if (out.archiveMode !== undefined && !ARCHIVE_MODES.includes(out.archiveMode))
    throw validation('归档方式只能是“按件归档”（piece）或“组卷”（volume）');
  if (out.orgCode !== undefined) {
    out.orgCode = out.orgCode.trim().toUpperCase();
    if (out.orgCode && !ORG_CODE_RE.test(out.orgCode))
      throw validation(`机构（问题）代码“${patch.orgCode}”不对：只能是 1–10 位字母或数字，如 AW`);
  }
  return out;
}

export function getSettings(ctx: AppContext): Settings {
  const rows = ctx.db.select().from(settings).all();
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    if (r.key in out) (out as unknown as Record<string, string>)[r.key] = r.value;
  }
  return out;
}

export function updateSettings(ctx: AppContext, input: Partial<Settings>): Settings {
  const patch = checkPatch(input);
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
