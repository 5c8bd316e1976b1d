/** IPC contract of the settings (设置). */
import { z } from 'zod';
import { empty, named, text } from '../ipc/primitives';
import { settingsOutputs } from './outputs';

const settingsPatch = z
  .object({
    officeName: text(100).optional(),
    committeeName: text(100).optional(),
    fondsName: text(100).optional(),
    fondsCode: text(50).optional(),
    categoryName: text(50).optional(),
    clerkName: text(50).optional(),
    archiveMode: named('归档方式', z.enum(['piece', 'volume'])).optional(),
    orgCode: named('机构（问题）代码', text(10)).optional(),
    // autoBackupDir is not here: a path only from the folder dialog (backup:chooseAutoDir), never from the page.
  })
  .strict();

export const contract = {
  'settings:get': empty,
  'settings:update': z.object({ patch: settingsPatch }).strict(),
} as const satisfies Record<string, z.ZodType>;

export const outputs = {
  ...settingsOutputs,
} satisfies { [C in keyof typeof contract]: z.ZodType };
