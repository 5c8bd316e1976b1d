/** IPC contract of the 回收站 (trash:*). */
import { z } from 'zod';
import { done, empty, id, rowId } from '../ipc/primitives';

export const contract = {
  'trash:list': empty,
  'trash:restore': z.object({ entity: z.enum(['pledge', 'hazard', 'return']), id }).strict(),
} as const satisfies Record<string, z.ZodType>;

export const trashItem = z.object({
  entity: z.enum(['pledge', 'hazard', 'return']),
  label: z.string(),
  id: rowId,
  title: z.string(),
  deletedAt: z.string(),
  purgeOn: z.string(),
});

export const outputs = {
  'trash:list': z.array(trashItem),
  'trash:restore': done,
} satisfies { [C in keyof typeof contract]: z.ZodType };
