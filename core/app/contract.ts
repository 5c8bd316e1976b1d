/** IPC contract of the app itself: version and data folder (app:*), and the progress of long jobs (jobs:*). */
import { z } from 'zod';
import { done, empty, jobId } from '../ipc/primitives';

export const contract = {
  'app:info': empty,
  'app:chooseDataDir': empty,
  'app:showDataDir': empty,

  'jobs:progress': z.object({ jobId }).strict(),
  'jobs:cancel': z.object({ jobId }).strict(),
} as const satisfies Record<string, z.ZodType>;

export const dataDirInfo = z.object({
  dataDir: z.string(),
  dbFile: z.string(),
  attachmentsDir: z.string(),
  backupsDir: z.string(),
  tmpDir: z.string(),
  onNetwork: z.boolean(),
  empty: z.boolean(),
});
/** Progress of a long job (core/platform/jobs.ts). */
export const jobState = z.object({
  id: z.string(),
  label: z.string(),
  done: z.number(),
  total: z.number(),
  message: z.string(),
  finished: z.boolean(),
  cancelRequested: z.boolean(),
  cancellable: z.boolean(),
});

export const outputs = {
  'app:info': dataDirInfo.extend({ version: z.string() }),
  'app:chooseDataDir': z.object({ dataDir: z.string(), restarting: z.boolean() }).nullable(),
  'app:showDataDir': done,

  'jobs:progress': jobState.nullable(),
  'jobs:cancel': z.boolean(),
} satisfies { [C in keyof typeof contract]: z.ZodType };
