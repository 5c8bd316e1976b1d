/** IPC contract of data safety: backup and restore (backup:*) and the data check (check:*). */
import { z } from 'zod';
import { count, empty, str } from '../ipc/primitives';
import { backupOutputs } from './outputs';

export const contract = {
  'backup:create': empty,
  'backup:inspect': empty,
  'backup:restore': z.object({ token: z.string().regex(/^[0-9a-f]{32}$/, '无效的备份标识') }).strict(),
  'backup:chooseAutoDir': empty,
  'check:run': z.object({ repair: z.boolean().optional() }).strict(),
} as const satisfies Record<string, z.ZodType>;

export const tableCounts = z.record(z.string(), count);
export const backupMade = z
  .object({ file: z.string(), bytes: z.number(), ms: z.number(), counts: tableCounts, problems: z.array(z.string()) })
  .nullable();
export const backupSeen = z
  .object({
    token: z.string(),
    file: z.string(),
    createdAt: z.string(),
    appVersion: z.string(),
    counts: tableCounts,
    attachments: count,
    bytes: z.number(),
    problems: z.array(z.string()),
  })
  .nullable();
export const checkReport = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  problems: z.array(z.object({ severity: z.enum(['error', 'warning']), message: z.string(), action: z.string() })),
  stats: z.object({
    attachments: count,
    attachmentBytes: z.number(),
    orphanFiles: count,
    tempFiles: count,
    hazardsIndexed: count,
    hazards: count,
    leftovers: count,
  }),
  repaired: z.object({ tempFilesRemoved: count, leftoversRemoved: count, indexRebuilt: z.boolean() }).nullable(),
});

export const outputs = {
  ...backupOutputs,
  'backup:create': backupMade,
  'backup:inspect': backupSeen,
  'backup:restore': z.object({ safetyBackup: str, restarting: z.boolean() }),
  'check:run': checkReport,
} satisfies { [C in keyof typeof contract]: z.ZodType };
