/** Output shapes of the settings channels (settings:get/update); backup:chooseAutoDir returns them too. */
import { z } from 'zod';
import type { Channel } from '../ipc/contract';

/** 归档方式: 'piece' 按件归档 (DA/T 22-2015) or 'volume' 组卷 (GB/T 9705-2008). */
export const archiveMode = z.enum(['piece', 'volume']);

/** The clerk's settings, every key filled (core/settings/service.ts Settings). */
export const settingsView = z.object({
  officeName: z.string(),
  committeeName: z.string(),
  fondsName: z.string(),
  fondsCode: z.string(),
  categoryName: z.string(),
  clerkName: z.string(),
  autoBackupDir: z.string(),
  archiveMode,
  orgCode: z.string(),
});

export const settingsOutputs = {
  'settings:get': settingsView,
  'settings:update': settingsView,
} satisfies { [C in Channel]?: z.ZodType };
