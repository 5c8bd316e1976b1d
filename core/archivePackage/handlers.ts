/** Handlers of the archive package channels (core/archivePackage/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { exportPackageInteractive } from './interactive';
import { checkPackageInteractive, exportedPackages, openCheckReport, recheckAll, recheckState } from './checkService';
import type { contract, outputs } from './contract';

export const handlers = {
  'volumes:exportPackage': (ctx, i) => exportPackageInteractive(ctx, i),
  'volumes:checkPackage': (ctx, i) => checkPackageInteractive(ctx, i),
  'volumes:openCheckReport': (ctx, i) => openCheckReport(ctx, i.token),
  'volumes:exportedPackages': (ctx) => exportedPackages(ctx),
  'volumes:recheckArchives': (ctx, i) => recheckAll(ctx, !!i.full),
  'volumes:recheckState': (ctx) => recheckState(ctx),
} satisfies HandlerMap<typeof contract, typeof outputs>;
