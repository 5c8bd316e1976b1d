/** Handlers of volumes:* (core/volumes/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { previewVolume } from '../print/preview';
import {
  checkVolume,
  createEdition,
  createSupplement,
  createVolume,
  deleteVolume,
  exportSpineInteractive,
  exportVolumeInteractive,
  exportVolumeOfdInteractive,
  getVolume,
  listVolumes,
  previewSelection,
  updateVolume,
  volumeHistory,
  volumeStatus,
} from './index';
import type { contract, outputs } from './contract';

export const handlers = {
  'volumes:list': (ctx) => listVolumes(ctx),
  'volumes:get': (ctx, i) => getVolume(ctx, i.id),
  'volumes:preview': (ctx, i) => previewSelection(ctx, i.selection, i.orderBy),
  'volumes:create': (ctx, i) => createVolume(ctx, i),
  'volumes:update': (ctx, i) => updateVolume(ctx, i.id, i.patch),
  'volumes:delete': (ctx, i) => deleteVolume(ctx, i.id),
  'volumes:check': (ctx, i) => checkVolume(ctx, i.id),
  'volumes:status': (ctx, i) => volumeStatus(ctx, i.id),
  'volumes:export': (ctx, i) =>
    i.format === 'ofd'
      ? exportVolumeOfdInteractive(ctx, i.id, { seal: i.seal, jobId: i.jobId })
      : exportVolumeInteractive(ctx, i.id, { seal: i.seal, confirmWarnings: i.confirmWarnings, jobId: i.jobId }),
  'volumes:seal': (ctx, i) =>
    exportVolumeInteractive(ctx, i.id, { seal: true, confirmWarnings: i.confirmWarnings, jobId: i.jobId }),
  'volumes:spine': (ctx, i) => exportSpineInteractive(ctx, i.id),
  'volumes:printPreview': (ctx, i) => previewVolume(ctx, i.id, i.jobId),
  'volumes:supplement': (ctx, i) => createSupplement(ctx, i.id),
  'volumes:newEdition': (ctx, i) => createEdition(ctx, i.id),
  'volumes:history': (ctx, i) => volumeHistory(ctx, i.id),
} satisfies HandlerMap<typeof contract, typeof outputs>;
