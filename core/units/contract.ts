/** IPC contract of the units (单位): inputs and outputs of units:*. */
import { z } from 'zod';
import { id, named, optText, rowId, savedFile, text, unitKind } from '../ipc/primitives';

const unitQuery = z
  .object({
    search: text(100).optional(),
    kind: unitKind.optional(),
    activeOnly: named('只列启用的单位', z.boolean()).optional(),
  })
  .strict();

const unitInput = z
  .object({
    name: text(100),
    kind: unitKind.optional(),
    parentId: id.nullish(),
    contact: optText(50),
    phone: optText(50),
    notes: optText(500),
    aliases: z.array(text(100)).max(50).optional(),
  })
  .strict();

export const contract = {
  'units:list': unitQuery,
  /** 导出 of the page: the workbook of the filtered list, through the save dialog. */
  'units:export': unitQuery,
  'units:create': unitInput,
  'units:update': z.object({ id, patch: unitInput.partial().strict() }).strict(),
  'units:merge': z.object({ fromId: named('被合并的单位', id), intoId: named('合并到的单位', id) }).strict(),
  'units:setActive': z.object({ id, active: named('是否启用', z.boolean()) }).strict(),
} as const satisfies Record<string, z.ZodType>;

export const unitRow = z.object({
  id: rowId,
  name: z.string(),
  kind: unitKind,
  parentId: rowId.nullable(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  aliases: z.array(z.string()),
  active: z.boolean(),
});
export const mergeResult = z.object({
  unit: unitRow,
  moved: z.object({
    pledges: z.number(),
    returns: z.number(),
    hazards: z.number(),
    requirements: z.number(),
    imports: z.number(),
    mappings: z.number(),
    children: z.number(),
    aliases: z.number(),
  }),
});

export const outputs = {
  'units:list': z.array(unitRow),
  'units:export': savedFile,
  'units:create': unitRow,
  'units:update': unitRow,
  'units:merge': mergeResult,
  'units:setActive': unitRow,
} satisfies { [C in keyof typeof contract]: z.ZodType };
