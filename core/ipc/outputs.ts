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

export { outputs };

/**
 * Channels whose output schema is still `z.unknown()` (outputDebt() in their feature contract): the renderer
 * keeps reading their type from the handler (renderer/src/api/client.ts), which is why the renderer may still
 * type-import core/ipc/handlers.ts. Shrink this list; never grow it (tests/app/outputs.test.ts caps its length).
 * Left for now:
 * - settings:get/update, backup:chooseAutoDir (returns the settings): settings keys are being added in parallel;
 * - volumes:*: the volume structures change with the archive package and seal work in progress;
 * - imports:preview/commit/returnLetter: the import plan and its per-row report, large and internal;
 * - app:loadDemo: a summary of what the demo filled in, shown once.
 */
export const OUTPUT_SCHEMA_DEBT = [
  'app:loadDemo',
  'settings:get',
  'settings:update',
  'imports:preview',
  'imports:commit',
  'imports:returnLetter',
  'backup:chooseAutoDir',
  'volumes:list',
  'volumes:get',
  'volumes:preview',
  'volumes:create',
  'volumes:update',
  'volumes:check',
  'volumes:status',
  'volumes:export',
  'volumes:seal',
  'volumes:supplement',
  'volumes:newEdition',
  'volumes:history',
  // arrived with the 卷脊, 归档信息包 and 四性检测 work, merged after this list was made
  'volumes:spine',
  'volumes:exportPackage',
  'volumes:checkPackage',
  'volumes:openCheckReport',
  'volumes:exportedPackages',
  'volumes:recheckArchives',
  'volumes:recheckState',
] as const satisfies readonly Channel[];
export type OutputDebtChannel = (typeof OUTPUT_SCHEMA_DEBT)[number];

export type Outputs = typeof outputs;
export type ChannelResult<C extends Channel> = z.infer<Outputs[C]>;
