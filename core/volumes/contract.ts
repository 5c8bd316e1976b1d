/**
 * IPC contract of the volumes (组卷与按件归档, volumes:*): drafts, checks, the PDF/OFD and seal, the 卷脊,
 * editions. The archive package channels (volumes:exportPackage, volumes:checkPackage …) are in
 * core/archivePackage/contract.ts; the Excel registers of the volumes page in core/exports/contract.ts.
 */
import { z } from 'zod';
import {
  date,
  done,
  empty,
  hazardFilter,
  hazardLevel,
  id,
  jobId,
  named,
  optText,
  printPreview,
  text,
} from '../ipc/primitives';
import { volumeOutputs } from './outputs';

const volumeKind = z.enum(['pledge', 'return', 'hazard', 'closure']);
const volumeSelection = z
  .object({
    kinds: z.array(volumeKind).min(1, '请至少选择一类材料').max(4),
    noticeId: id.optional(),
    unitId: id.optional(),
    year: z.number().int().min(1949).max(2100).optional(),
    level: z.number().int().min(1).max(4).optional(),
    hazardLevel: hazardLevel.optional(),
    includeUnsigned: z.boolean().optional(),
  })
  .strict();
const confirmWarnings = named('确认组卷检查的提示', z.boolean());
const volumeOrder = z.enum(['date', 'unit', 'level', 'manual']);
const volumeItem = z
  .object({
    kind: named('材料类别', z.enum(['pledge', 'return', 'ledger', 'closure'])),
    recordId: id.nullable(),
    params: z
      .object({ filter: z.object(hazardFilter).strict(), unitName: text(100).optional() })
      .strict()
      .nullish(),
    title: named('题名', optText(300)),
    note: named('备注', optText(100)),
  })
  .strict();
const volumeInput = z
  .object({
    title: named('案卷题名', text(200)).optional(),
    fondsName: text(100).optional(),
    fondsCode: text(50).optional(),
    categoryCode: z
      .string()
      .regex(/^[A-Za-z0-9]{1,8}$/, '类别代码只能是 1–8 位字母或数字')
      .optional(),
    categoryName: text(50).optional(),
    year: z.number().int().min(1949).max(2100).optional(),
    retention: z.enum(['Y', 'D30', 'D10']).optional(),
    volumeNo: z.number().int().min(1).max(9999).optional(),
    organization: text(50).optional(),
    creator: text(50).optional(),
    checker: text(50).optional(),
    compiledDate: date.nullish(),
    remarks: text(5000).optional(),
    secrecy: optText(20),
    orderBy: volumeOrder.optional(),
    pageLimit: z.number().int().min(10).max(2000).optional(),
    duplex: z.boolean().optional(),
    archiveStamp: z.boolean().optional(),
    pdfa: z.boolean().optional(),
    spineWidth: named(
      '盒脊厚度（毫米）',
      z.union([z.literal(20), z.literal(30), z.literal(40), z.literal(50)]).nullish(),
    ),
    selection: volumeSelection.optional(),
    items: named('卷内文件', z.array(volumeItem).max(20_000)).optional(),
    newVolume: named('确认另组新卷', z.boolean()).optional(),
  })
  .strict();

export const contract = {
  'volumes:list': empty,
  'volumes:get': z.object({ id }).strict(),
  'volumes:preview': z.object({ selection: volumeSelection, orderBy: volumeOrder.optional() }).strict(),
  'volumes:create': volumeInput,
  'volumes:update': z.object({ id, patch: volumeInput.extend({ reselect: z.boolean().optional() }).strict() }).strict(),
  'volumes:delete': z.object({ id }).strict(),
  'volumes:check': z.object({ id }).strict(),
  'volumes:status': z.object({ id }).strict(),
  'volumes:export': z
    .object({
      id,
      seal: z.boolean().optional(),
      confirmWarnings: confirmWarnings.optional(),
      jobId: jobId.optional(),
      /** PDF (the default; the only format a volume is sealed in) or OFD (GB/T 33190). */
      format: named('导出格式（PDF 或 OFD）', z.enum(['pdf', 'ofd'])).optional(),
    })
    .strict(),
  'volumes:seal': z.object({ id, confirmWarnings: confirmWarnings.optional(), jobId: jobId.optional() }).strict(),
  'volumes:spine': z.object({ id }).strict(),
  /** A draft volume as it would print, for the print preview. */
  'volumes:printPreview': z.object({ id, jobId: jobId.optional() }).strict(),
  'volumes:supplement': z.object({ id }).strict(),
  'volumes:newEdition': z.object({ id }).strict(),
  'volumes:history': z.object({ id }).strict(),
} as const satisfies Record<string, z.ZodType>;

export const outputs = {
  ...volumeOutputs,
  'volumes:delete': done,
  'volumes:printPreview': printPreview,
} satisfies { [C in keyof typeof contract]: z.ZodType };
