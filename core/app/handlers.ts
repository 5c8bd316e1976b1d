/** Handlers of app:* and jobs:* (core/app/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { chooseDataDir, dataDirInfo, showDataDir } from '../platform/dataDir';
import { cancelJob, jobProgress } from '../platform/jobs';
import { APP_VERSION } from '../platform/version';
import type { contract, outputs } from './contract';

export const handlers = {
  'app:info': (ctx) => ({ version: APP_VERSION, ...dataDirInfo(ctx) }),
  'app:chooseDataDir': (ctx) => chooseDataDir(ctx),
  'app:showDataDir': (ctx) => showDataDir(ctx),

  'jobs:progress': (_ctx, i) => jobProgress(i.jobId),
  'jobs:cancel': (_ctx, i) => cancelJob(i.jobId),
} satisfies HandlerMap<typeof contract, typeof outputs>;
