/** IPC contract of the attachments (扫描件与文档附件, attachments:*). */
import { z } from 'zod';
import { count, done, empty, id, scanView, str } from '../ipc/primitives';

export const contract = {
  'attachments:pick': empty,
  'attachments:pickDocument': empty,
  'attachments:preview': z.object({ id }).strict(),
  'attachments:open': z.object({ id }).strict(),
  'attachments:rotate': z
    .object({ id, page: z.number().int().min(0).max(100_000), turn: z.enum(['left', 'right']) })
    .strict(),
} as const satisfies Record<string, z.ZodType>;

/** A stored scan or document, as the attachments table holds it. */
export const attachmentRow = z.object({
  ...scanView,
  sha256: z.string(),
  pageRotations: str,
  createdAt: z.string(),
});

export const outputs = {
  'attachments:pick': z.array(attachmentRow),
  'attachments:pickDocument': z.array(attachmentRow.extend({ textLength: count.nullable() })),
  'attachments:preview': z.object({ attachment: attachmentRow, base64: z.string() }),
  'attachments:open': done,
  'attachments:rotate': attachmentRow,
} satisfies { [C in keyof typeof contract]: z.ZodType };
