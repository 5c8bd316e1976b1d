/** Handlers of backup:* and check:* (core/backup/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { backupTo, chooseAutoBackupDir, inspectBackup, restoreBackup, runCheck } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'backup:create': (ctx) => backupTo(ctx),
  'backup:inspect': (ctx) => inspectBackup(ctx),
  'backup:restore': (ctx, i) => restoreBackup(ctx, i.token),
  'backup:chooseAutoDir': (ctx) => chooseAutoBackupDir(ctx),
  'check:run': (ctx, i) => runCheck(ctx, i.repair),
} satisfies HandlerMap<typeof contract, typeof outputs>;
