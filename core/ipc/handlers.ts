/**
 * Channel → service call, gathered from each feature's handlers.ts (one-liners: behaviour lives in the services).
 * Each feature checks its own map against its output schemas (core/ipc/handlerMap.ts); the check here adds that
 * every channel of the contract has a handler.
 */
import type { HandlerMap } from './handlerMap';
import type { Channel, Contract } from './contract';
import type { Outputs } from './outputs';
import { handlers as app } from '../app/handlers';
import { handlers as archivePackage } from '../archivePackage/handlers';
import { handlers as attachments } from '../attachments/handlers';
import { handlers as audit } from '../audit/handlers';
import { handlers as backup } from '../backup/handlers';
import { handlers as demo } from '../demo/handlers';
import { handlers as exportsFeature } from '../exports/handlers';
import { handlers as hazards } from '../hazards/handlers';
import { handlers as imports } from '../imports/handlers';
import { handlers as notices } from '../notices/handlers';
import { handlers as pledges } from '../pledges/handlers';
import { handlers as print } from '../print/handlers';
import { handlers as returns } from '../returns/handlers';
import { handlers as settings } from '../settings/handlers';
import { handlers as stats } from '../stats/handlers';
import { handlers as trash } from '../trash/handlers';
import { handlers as units } from '../units/handlers';
import { handlers as volumes } from '../volumes/handlers';

export const handlers = {
  ...app,
  ...demo,
  ...settings,
  ...units,
  ...notices,
  ...hazards,
  ...returns,
  ...stats,
  ...imports,
  ...trash,
  ...backup,
  ...pledges,
  ...attachments,
  ...volumes,
  ...archivePackage,
  ...exportsFeature,
  ...print,
  ...audit,
} satisfies HandlerMap<Contract, Outputs>;

export type Handlers = typeof handlers;
export type ChannelOutput<C extends Channel> = Awaited<ReturnType<Handlers[C]>>;
