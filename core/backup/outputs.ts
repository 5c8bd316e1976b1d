/**
 * Output shape of backup:chooseAutoDir: the settings with the chosen folder, null when the clerk cancelled. The
 * other backup channels (backup:create/inspect/restore, check:run) are in core/ipc/outputs/reports.ts.
 */
import type { z } from 'zod';
import type { Channel } from '../ipc/contract';
import { settingsView } from '../settings/outputs';

export const backupOutputs = {
  'backup:chooseAutoDir': settingsView.nullable(),
} satisfies { [C in Channel]?: z.ZodType };
