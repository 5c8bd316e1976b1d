/**
 * The one IPC contract: every channel the renderer may call, with the zod schema of its input (`contract`) and
 * of its output (`outputs`). Each feature owns its channels in core/<feature>/contract.ts; this file only
 * gathers them. The preload's allowlist, the renderer's typed client and the main-process dispatcher all derive
 * from it.
 */
import type { z } from 'zod';
import * as app from '../app/contract';
import * as archivePackage from '../archivePackage/contract';
import * as attachments from '../attachments/contract';
import * as audit from '../audit/contract';
import * as backup from '../backup/contract';
import * as demo from '../demo/contract';
import * as exportsFeature from '../exports/contract';
import * as hazards from '../hazards/contract';
import * as imports from '../imports/contract';
import * as notices from '../notices/contract';
import * as pledges from '../pledges/contract';
import * as print from '../print/contract';
import * as returns from '../returns/contract';
import * as settings from '../settings/contract';
import * as stats from '../stats/contract';
import * as trash from '../trash/contract';
import * as units from '../units/contract';
import * as volumes from '../volumes/contract';

export const contract = {
  ...app.contract,
  ...demo.contract,
  ...settings.contract,
  ...units.contract,
  ...notices.contract,
  ...hazards.contract,
  ...returns.contract,
  ...stats.contract,
  ...imports.contract,
  ...trash.contract,
  ...backup.contract,
  ...pledges.contract,
  ...attachments.contract,
  ...volumes.contract,
  ...archivePackage.contract,
  ...exportsFeature.contract,
  ...print.contract,
  ...audit.contract,
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]>;

export const CHANNELS = Object.keys(contract) as Channel[];

/**
 * The output side: for every channel, the zod schema of what its handler returns (core/ipc/outputs.ts says how
 * the renderer and the handlers use it).
 */
export const outputs = {
  ...app.outputs,
  ...demo.outputs,
  ...settings.outputs,
  ...units.outputs,
  ...notices.outputs,
  ...hazards.outputs,
  ...returns.outputs,
  ...stats.outputs,
  ...imports.outputs,
  ...trash.outputs,
  ...backup.outputs,
  ...pledges.outputs,
  ...attachments.outputs,
  ...volumes.outputs,
  ...archivePackage.outputs,
  ...exportsFeature.outputs,
  ...print.outputs,
  ...audit.outputs,
} satisfies { [C in Channel]: z.ZodType };

export interface ApiError {
  code: string;
  message: string;
}
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };
