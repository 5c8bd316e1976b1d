/** IPC contract of the imports (导入): pick, preview, commit, undo, the 退回修改函 and the blank template. */
import { z } from 'zod';
import { empty, id, jobId, named, rowId, savedFile, str, text, count } from '../ipc/primitives';
import { importsOutputs } from './outputs';

const importOptions = z
  .object({
    unitId: id.optional(),
    noticeId: id.optional(),
    period: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, '报送期次应写成 2024-03（月）或 2024-Q1（季度）')
      .optional(),
    sheet: text(100).optional(),
    kind: named('报表类型', z.enum(['hazard', 'pledge', 'worklist', 'report'])).optional(),
    mapping: z.record(z.string().regex(/^\d{1,4}$/), text(50).nullable()).optional(),
    year: z.number().int().min(1990).max(2100).optional(),
    skipErrors: z.boolean().optional(),
  })
  .strict();
const importToken = z.string().regex(/^[0-9a-f]{32}$/, '无效的文件标识');

export const contract = {
  'imports:pickFile': empty,
  'imports:preview': z.object({ token: importToken, options: importOptions, jobId: jobId.optional() }).strict(),
  'imports:commit': z.object({ token: importToken, options: importOptions, jobId: jobId.optional() }).strict(),
  'imports:returnLetter': z.object({ token: importToken, options: importOptions }).strict(),
  'imports:list': empty,
  'imports:undo': z.object({ id }).strict(),
  'imports:template': z.object({ noticeId: id, unitId: id.optional() }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** One import batch of 导入记录 (the stored row, counts parsed, unit and notice named). */
export const importBatch = z.object({
  id: rowId,
  kind: z.enum(['hazard', 'pledge', 'worklist', 'report']),
  fileName: z.string(),
  fileSha256: z.string(),
  sourceAttachmentId: rowId.nullable(),
  unitId: rowId.nullable(),
  noticeId: rowId.nullable(),
  sheet: str,
  fingerprint: str,
  mapping: str,
  options: str,
  counts: z.record(z.string(), z.number()),
  status: z.enum(['committed', 'undone']),
  actor: z.string(),
  createdAt: z.string(),
  undoneAt: str,
  unitName: str,
  noticeDocNo: str,
});

export const outputs = {
  ...importsOutputs,
  'imports:pickFile': z.object({ token: z.string(), fileName: z.string(), size: z.number() }).nullable(),
  'imports:list': z.array(importBatch),
  'imports:undo': z.object({ batch: rowId, reverted: count }),
  'imports:template': savedFile,
} satisfies { [C in keyof typeof contract]: z.ZodType };
