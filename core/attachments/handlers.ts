/** Handlers of attachments:* (core/attachments/contract.ts). */
import type { HandlerMap } from '../ipc/handlerMap';
import { importDocuments } from './documents';
import { importScans, openAttachment, readAttachment, rotateAttachmentPage } from './service';
import type { contract, outputs } from './contract';

export const handlers = {
  'attachments:pick': (ctx) => importScans(ctx),
  'attachments:pickDocument': (ctx) => importDocuments(ctx),
  'attachments:preview': (ctx, i) => readAttachment(ctx, i.id),
  'attachments:open': (ctx, i) => openAttachment(ctx, i.id),
  'attachments:rotate': (ctx, i) => rotateAttachmentPage(ctx, i.id, i.page, i.turn),
} satisfies HandlerMap<typeof contract, typeof outputs>;
