/**
 * IPC contract of the archive package (电子档案、归档信息包): its export, the 四性检测 of an exported package
 * and the re-check of sealed volumes and packages. The channels keep the volumes: prefix the page calls them by.
 */
import { z } from 'zod';
import { empty, id, jobId, named } from '../ipc/primitives';
import { packageOutputs } from './outputs';

export const contract = {
  'volumes:exportPackage': z
    .object({
      year: named('年度', z.number().int().min(1949).max(2100)).optional(),
      volumeIds: named('案卷', z.array(id).min(1).max(10_000)).optional(),
      mode: named('归档方式', z.enum(['按件', '组卷'])).optional(),
      zip: named('压缩为 .zip 文件', z.boolean()).optional(),
      jobId: jobId.optional(),
    })
    .strict()
    .refine((i) => i.year !== undefined || i.volumeIds !== undefined, '请选择要导出的年度或案卷'),
  'volumes:checkPackage': z.object({ packageId: named('信息包', id).optional(), jobId: jobId.optional() }).strict(),
  'volumes:openCheckReport': z
    .object({ token: named('检测报告', z.string().regex(/^[0-9a-f]{32}$/, '无效的检测报告标识')) })
    .strict(),
  'volumes:exportedPackages': empty,
  'volumes:recheckArchives': z.object({ full: named('全面核对', z.boolean()).optional() }).strict(),
  'volumes:recheckState': empty,
} as const satisfies Record<string, z.ZodType>;

export const outputs = {
  ...packageOutputs,
} satisfies { [C in keyof typeof contract]: z.ZodType };
