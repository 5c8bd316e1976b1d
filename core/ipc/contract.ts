/**
 * The one IPC contract: every channel the renderer may call, with the zod schema of its input.
 * The preload's allowlist, the renderer's typed client and the main-process dispatcher all derive from it.
 */
import { z } from 'zod';

const id = z.number().int().positive().max(2_147_483_647);
const text = (max = 200) => z.string().max(max, `不能超过 ${max} 个字`);
const optText = (max = 200) => text(max).nullish();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const unitKind = z.enum(['乡镇', '街道', '开发区', '部门', '企业', '其他']);
const empty = z.object({}).strict();

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

const noticeInput = z
  .object({
    docNo: text(50),
    title: text(300),
    issuedOn: date.nullish(),
    deadline: date.nullish(),
    notes: optText(2000),
  })
  .strict();

const pledgeInput = z
  .object({
    noticeId: id.nullish(),
    level: z.number().int().min(1, '谈话层级为 1–4').max(4, '谈话层级为 1–4'),
    talkerName: text(100),
    talkerTitle: text(100),
    talkeeName: text(100),
    talkeeUnitId: id,
    talkeeTitle: text(100),
    reportingUnitId: id.nullish(),
    talkDate: date.nullish(),
    signed: z.boolean(),
    signedDate: date.nullish(),
    custody: optText(200),
    notes: optText(2000),
    attachmentIds: z.array(id).max(50).optional(),
  })
  .strict();

const settingsPatch = z
  .object({
    officeName: text(100).optional(),
    committeeName: text(100).optional(),
    fondsName: text(100).optional(),
    fondsCode: text(50).optional(),
    clerkName: text(50).optional(),
  })
  .strict();

export const contract = {
  'app:info': empty,
  'app:chooseDataDir': empty,
  'app:showDataDir': empty,

  'settings:get': empty,
  'settings:update': z.object({ patch: settingsPatch }).strict(),

  'units:list': z.object({ search: text(100).optional(), kind: unitKind.optional() }).strict(),
  'units:create': unitInput,
  'units:update': z.object({ id, patch: unitInput.partial().strict() }).strict(),

  'notices:list': z.object({ search: text(100).optional() }).strict(),
  'notices:create': noticeInput,
  'notices:update': z.object({ id, patch: noticeInput.partial().strict() }).strict(),
  'notices:requirements': z.object({ noticeId: id }).strict(),
  'notices:setPledgeRequirements': z
    .object({
      noticeId: id,
      items: z
        .array(z.object({ unitId: id, expectedCount: z.number().int().min(0).max(10000), deadline: date.nullish() }).strict())
        .max(5000),
    })
    .strict(),

  'pledges:list': z
    .object({
      search: text(100).optional(),
      noticeId: id.optional(),
      level: z.number().int().min(1).max(4).optional(),
      unitId: id.optional(),
      signed: z.enum(['signed', 'unsigned']).optional(),
      hasScan: z.boolean().optional(),
      dateFrom: date.optional(),
      dateTo: date.optional(),
      sortField: z.enum(['talkDate', 'signedDate', 'level', 'talkeeName', 'talkeeUnit', 'createdAt']).optional(),
      sortOrder: z.enum(['asc', 'desc']).optional(),
      page: z.number().int().min(1).max(1_000_000).optional(),
      pageSize: z.number().int().min(1).max(500).optional(),
    })
    .strict(),
  'pledges:get': z.object({ id }).strict(),
  'pledges:create': pledgeInput,
  'pledges:update': z.object({ id, patch: pledgeInput.partial().strict() }).strict(),
  'pledges:delete': z.object({ id }).strict(),
  'pledges:coverage': z.object({ noticeId: id }).strict(),
  'pledges:print': z.object({ id }).strict(),

  'attachments:pick': empty,
  'attachments:preview': z.object({ id }).strict(),
  'attachments:open': z.object({ id }).strict(),

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

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]>;

export const CHANNELS = Object.keys(contract) as Channel[];

export interface ApiError {
  code: string;
  message: string;
}
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };
