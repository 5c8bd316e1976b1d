/** IPC contract of the 操作日志 (audit:*). */
import { z } from 'zod';
import { date, id, page, rowId, str, text } from '../ipc/primitives';

export const contract = {
  'audit:list': z
    .object({
      entity: text(50).optional(),
      entityId: id.optional(),
      from: date.optional(),
      to: date.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      offset: z.number().int().min(0).optional(),
    })
    .strict(),
} as const satisfies Record<string, z.ZodType>;

/** One entry of 操作记录 as stored (before/after are JSON text). */
export const auditRow = z.object({
  id: rowId,
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: rowId.nullable(),
  summary: str,
  before: str,
  after: str,
});

export const outputs = {
  'audit:list': page(auditRow),
} satisfies { [C in keyof typeof contract]: z.ZodType };
