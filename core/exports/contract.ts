/**
 * IPC contract of the Excel registers kept beside the volumes (导出台账 Excel on the volumes page): the hazard
 * ledger and the 明白书 summary of the whole county. The 材料报送情况跟踪表 is board:export
 * (core/returns/contract.ts); each list page's 导出 is its own feature's channel (hazards:export …).
 */
import { z } from 'zod';
import { hazardFilter, id, savedFile } from '../ipc/primitives';

export const contract = {
  'exports:ledger': z.object(hazardFilter).strict(),
  'exports:pledgeSummary': z
    .object({ noticeId: id.optional(), unitId: id.optional(), level: z.number().int().min(1).max(4).optional() })
    .strict(),
} as const satisfies Record<string, z.ZodType>;

export const outputs = {
  'exports:ledger': savedFile,
  'exports:pledgeSummary': savedFile,
} satisfies { [C in keyof typeof contract]: z.ZodType };
