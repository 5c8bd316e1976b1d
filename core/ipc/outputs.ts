/**
 * The IPC contract's OUTPUT side: for every channel, the zod schema of what its handler returns (each feature's
 * `outputs` in core/<feature>/contract.ts, gathered in core/ipc/contract.ts). The renderer's client takes its
 * result types from here (z.infer), and every feature's handlers.ts is checked at compile time against these
 * schemas, so a service change that breaks what the renderer reads fails `npm run typecheck`.
 * Objects are not strict (a handler may return more than the renderer reads), but listed fields are required.
 */
import type { z } from 'zod';
import { outputs } from './contract';
import type { Channel } from './contract';

/** Every channel has a real output schema; tests/app/outputs.test.ts fails if a `z.unknown()` comes back. */
export { outputs };

export type Outputs = typeof outputs;
export type ChannelResult<C extends Channel> = z.infer<Outputs[C]>;
