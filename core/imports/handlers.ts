/** Handlers of imports:* (core/imports/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { listBatches, undoImport } from './commit';
import { commitPicked, pickImportFile, previewImport, returnLetterPicked, saveTemplate } from './session';
import type { contract, outputs } from './contract';

export const handlers = {
  'imports:pickFile': (ctx) => pickImportFile(ctx),
  'imports:preview': (ctx, i) => previewImport(ctx, i.token, i.options, i.jobId),
  'imports:commit': (ctx, i) => commitPicked(ctx, i.token, i.options, i.jobId),
  'imports:returnLetter': (ctx, i) => returnLetterPicked(ctx, i.token, i.options),
  'imports:list': (ctx) => listBatches(ctx),
  'imports:undo': (ctx, i) => undoImport(ctx, i.id),
  'imports:template': (ctx, i) => saveTemplate(ctx, i.noticeId, i.unitId),
} satisfies HandlerMap<typeof contract, typeof outputs>;
