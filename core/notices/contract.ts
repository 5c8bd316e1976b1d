/** IPC contract of the notices (通知) and what each asks of the units (requirements). */
import { z } from 'zod';
import { count, date, id, named, optText, rowId, str, text } from '../ipc/primitives';

const requirementKind = z.enum(['pledge', 'report', 'worklist', 'selfcheck', 'ledger']);

const noticeInput = z
  .object({
    docNo: text(50),
    title: text(300),
    issuedOn: date.nullish(),
    deadline: date.nullish(),
    notes: optText(2000),
  })
  .strict();

export const contract = {
  'notices:list': z.object({ search: text(100).optional() }).strict(),
  'notices:create': noticeInput,
  'notices:update': z.object({ id, patch: noticeInput.partial().strict() }).strict(),
  'notices:requirements': z.object({ noticeId: id }).strict(),
  'notices:setRequirements': z
    .object({
      noticeId: id,
      kind: named('材料类别', requirementKind),
      items: z
        .array(
          z
            .object({
              unitId: id,
              expectedCount: z.number().int().min(0).max(10000),
              deadline: date.nullish(),
              period: z.enum(['once', 'monthly', 'quarterly']).optional(),
              dueDay: z.number().int().min(1).max(31).nullish(),
              lengthLimit: z.number().int().min(1).max(1_000_000).nullish(),
            })
            .strict(),
        )
        .max(5000),
    })
    .strict(),
} as const satisfies Record<string, z.ZodType>;

export const noticeRow = z.object({
  id: rowId,
  docNo: z.string(),
  issuer: z.string(),
  year: z.number().int(),
  seq: z.number().int(),
  title: z.string(),
  issuedOn: z.string().nullable(),
  deadline: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export const requirement = z.object({
  unitId: rowId,
  unitName: z.string(),
  kind: z.enum(['pledge', 'report', 'worklist', 'selfcheck', 'ledger']),
  expectedCount: count,
  deadline: str,
  period: z.enum(['once', 'monthly', 'quarterly']),
  dueDay: count.nullable(),
  lengthLimit: count.nullable(),
});

export const outputs = {
  'notices:list': z.array(noticeRow),
  'notices:create': noticeRow,
  'notices:update': noticeRow,
  'notices:requirements': z.array(requirement),
  'notices:setRequirements': z.array(requirement),
} satisfies { [C in keyof typeof contract]: z.ZodType };
