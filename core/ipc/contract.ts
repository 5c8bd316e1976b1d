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
const hazardLevel = z.enum(['一般', '重大']);
const hazardStatus = z.enum(['未整改', '整改中', '已整改', '已验收销号']);
const returnKind = z.enum(['report', 'worklist', 'selfcheck', 'ledger']);
const requirementKind = z.enum(['pledge', 'report', 'worklist', 'selfcheck', 'ledger']);
const ids = z.array(id).max(100_000);
/** A field's Chinese name where it differs from the common one in labels.ts (see fieldLabel.ts). */
const named = <T extends z.ZodType>(title: string, schema: T): T => schema.meta({ title }) as T;

const hazardInput = z
  .object({
    hazardNo: optText(50),
    enterpriseName: text(200),
    townshipUnitId: id.nullable(),
    village: optText(100),
    industry: optText(50),
    category: optText(50),
    description: text(2000),
    location: optText(500),
    source: optText(50),
    foundDate: date.nullish(),
    foundBy: optText(100),
    level: named('隐患等级', hazardLevel).optional(),
    responsibleUnit: optText(200),
    responsiblePerson: optText(100),
    measures: optText(2000),
    fundsFen: z.number().int().min(0).max(1e13).nullish(),
    deadlineDate: date.nullish(),
    deadlineText: optText(100),
    emergencyPlan: optText(500),
    interimMeasures: optText(2000),
    status: hazardStatus.optional(),
    completedDate: date.nullish(),
    acceptedBy: optText(100),
    acceptedDate: date.nullish(),
    supervised: z.boolean().optional(),
    supervisingUnit: optText(100),
    supervisionDeadline: date.nullish(),
    notes: optText(2000),
    noticeId: id.nullish(),
    reportingUnitId: id.nullish(),
    attachments: z
      .array(z.object({ attachmentId: id, role: z.enum(['before', 'after', 'report', 'other']) }).strict())
      .max(100)
      .optional(),
    statusNote: optText(500),
    confirmDuplicate: named('确认不是重复', z.boolean()).optional(),
  })
  .strict();

const hazardFilter = {
  search: text(100).optional(),
  townshipUnitIds: z.array(id).max(500).optional(),
  industries: z.array(text(50)).max(100).optional(),
  categories: z.array(text(50)).max(100).optional(),
  levels: z.array(hazardLevel).max(2).optional(),
  statuses: z.array(hazardStatus).max(4).optional(),
  overdue: z.boolean().optional(),
  supervised: z.boolean().optional(),
  fiveIncomplete: z.boolean().optional(),
  foundFrom: date.optional(),
  foundTo: date.optional(),
  deadlineFrom: date.optional(),
  deadlineTo: date.optional(),
  noticeId: id.optional(),
  reportingUnitId: id.optional(),
};
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
const jobId = z.string().regex(/^[0-9a-zA-Z-]{8,64}$/, '无效的任务标识');
const printToken = z.string().regex(/^[0-9a-f]{32}$/, '打印预览已过期，请重新点击“打印”');
const importToken = z.string().regex(/^[0-9a-f]{32}$/, '无效的文件标识');
const boardQuery = z.object({ noticeId: id.optional(), onlyLate: z.boolean().optional() }).strict();
const statsQuery = z.object({ ...hazardFilter, from: date.optional(), to: date.optional() }).strict();

const unitQuery = z
  .object({
    search: text(100).optional(),
    kind: unitKind.optional(),
    activeOnly: named('只列启用的单位', z.boolean()).optional(),
  })
  .strict();
const returnQuery = z
  .object({
    noticeId: id.optional(),
    unitId: id.optional(),
    kind: named('报送类别', returnKind).optional(),
    status: named('报送状态', z.enum(['已接收', '退回修改'])).optional(),
    latestOnly: z.boolean().optional(),
  })
  .strict();
const pledgeFilter = {
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
};

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
    confirmDuplicate: named('确认不是重复', z.boolean()).optional(),
  })
  .strict();

const settingsPatch = z
  .object({
    officeName: text(100).optional(),
    committeeName: text(100).optional(),
    fondsName: text(100).optional(),
    fondsCode: text(50).optional(),
    categoryName: text(50).optional(),
    clerkName: text(50).optional(),
    archiveMode: named('归档方式', z.enum(['piece', 'volume'])).optional(),
    orgCode: named('机构（问题）代码', text(10)).optional(),
    // autoBackupDir is not here: a path only from the folder dialog (backup:chooseAutoDir), never from the page.
  })
  .strict();

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
  'app:info': empty,
  'app:chooseDataDir': empty,
  'app:showDataDir': empty,
  'app:loadDemo': empty,

  'settings:get': empty,
  'settings:update': z.object({ patch: settingsPatch }).strict(),

  'units:list': unitQuery,
  /** 导出 of the page: the workbook of the filtered list, through the save dialog. */
  'units:export': unitQuery,
  'units:create': unitInput,
  'units:update': z.object({ id, patch: unitInput.partial().strict() }).strict(),
  'units:merge': z.object({ fromId: named('被合并的单位', id), intoId: named('合并到的单位', id) }).strict(),
  'units:setActive': z.object({ id, active: named('是否启用', z.boolean()) }).strict(),

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

  'hazards:list': z
    .object({
      ...hazardFilter,
      sortField: z
        .enum(['foundDate', 'deadlineDate', 'level', 'status', 'enterpriseName', 'township', 'id'])
        .optional(),
      sortOrder: z.enum(['asc', 'desc']).optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  'hazards:export': z.object(hazardFilter).strict(),
  'hazards:get': z.object({ id }).strict(),
  'hazards:create': hazardInput,
  'hazards:update': z.object({ id, patch: hazardInput.partial().strict() }).strict(),
  'hazards:delete': z.object({ id }).strict(),
  'hazards:changeStatus': z
    .object({
      ids,
      to: named('改为状态', hazardStatus),
      note: optText(500),
      date: date.nullish(),
      acceptedBy: optText(100),
    })
    .strict(),

  'returns:list': returnQuery,
  'returns:export': returnQuery,
  'returns:register': z
    .object({
      noticeId: id,
      unitId: id,
      kind: named('报送类别', returnKind),
      period: text(10).nullish(),
      title: named('材料题名', optText(300)),
      ownDocNo: named('文号', optText(100)),
      receivedDate: named('收到日期', date),
      approved: z.boolean().optional(),
      sealed: z.boolean().optional(),
      content: optText(200_000),
      textLength: z.number().int().min(0).max(10_000_000).nullish(),
      attachmentIds: z.array(id).max(50).optional(),
      notes: optText(2000),
    })
    .strict(),
  'returns:update': z
    .object({
      id,
      patch: z
        .object({
          title: named('材料题名', optText(300)),
          ownDocNo: named('文号', optText(100)),
          receivedDate: named('收到日期', date).optional(),
          approved: z.boolean().optional(),
          sealed: z.boolean().optional(),
          notes: optText(2000),
          attachmentIds: named('附件', z.array(id).max(50)).optional(),
        })
        .strict(),
    })
    .strict(),
  'returns:delete': z.object({ id }).strict(),
  'returns:sendBack': z.object({ id, reason: text(500) }).strict(),
  'returns:history': z.object({ id }).strict(),

  'board:get': boardQuery,
  'board:export': boardQuery,
  /** The 催报通知 PDF for the print preview (打印 / 另存为 through print:pdf / print:save). */
  'board:printChase': boardQuery,
  'board:exportChase': z
    .object({ noticeId: id.optional(), onlyLate: z.boolean().optional(), format: z.enum(['xlsx', 'pdf']) })
    .strict(),

  'stats:get': statsQuery,
  'stats:exportExcel': statsQuery,

  'home:summary': empty,

  'imports:pickFile': empty,
  'imports:preview': z.object({ token: importToken, options: importOptions, jobId: jobId.optional() }).strict(),
  'imports:commit': z.object({ token: importToken, options: importOptions, jobId: jobId.optional() }).strict(),
  'imports:returnLetter': z.object({ token: importToken, options: importOptions }).strict(),
  'imports:list': empty,
  'imports:undo': z.object({ id }).strict(),
  'imports:template': z.object({ noticeId: id, unitId: id.optional() }).strict(),

  'jobs:progress': z.object({ jobId }).strict(),
  'jobs:cancel': z.object({ jobId }).strict(),

  'trash:list': empty,
  'trash:restore': z.object({ entity: z.enum(['pledge', 'hazard', 'return']), id }).strict(),

  'backup:create': empty,
  'backup:inspect': empty,
  'backup:restore': z.object({ token: z.string().regex(/^[0-9a-f]{32}$/, '无效的备份标识') }).strict(),
  'backup:chooseAutoDir': empty,
  'check:run': z.object({ repair: z.boolean().optional() }).strict(),

  'pledges:list': z
    .object({
      ...pledgeFilter,
      page: z.number().int().min(1).max(1_000_000).optional(),
      pageSize: z.number().int().min(1).max(500).optional(),
    })
    .strict(),
  'pledges:export': z.object(pledgeFilter).strict(),
  'pledges:get': z.object({ id }).strict(),
  'pledges:create': pledgeInput,
  'pledges:update': z.object({ id, patch: pledgeInput.partial().strict() }).strict(),
  'pledges:delete': z.object({ id }).strict(),
  'pledges:coverage': z.object({ noticeId: id }).strict(),
  'pledges:coverageDefault': empty,
  /** The pre-filled form for the print preview. */
  'pledges:print': z.object({ id }).strict(),

  'attachments:pick': empty,
  'attachments:pickDocument': empty,
  'attachments:preview': z.object({ id }).strict(),
  'attachments:open': z.object({ id }).strict(),
  'attachments:rotate': z
    .object({ id, page: z.number().int().min(0).max(100_000), turn: z.enum(['left', 'right']) })
    .strict(),

  'volumes:list': empty,
  'volumes:get': z.object({ id }).strict(),
  'volumes:preview': z.object({ selection: volumeSelection, orderBy: volumeOrder.optional() }).strict(),
  'volumes:create': volumeInput,
  'volumes:update': z.object({ id, patch: volumeInput.extend({ reselect: z.boolean().optional() }).strict() }).strict(),
  'volumes:delete': z.object({ id }).strict(),
  'volumes:check': z.object({ id }).strict(),
  'volumes:status': z.object({ id }).strict(),
  'volumes:export': z
    .object({ id, seal: z.boolean().optional(), confirmWarnings: confirmWarnings.optional(), jobId: jobId.optional() })
    .strict(),
  'volumes:seal': z.object({ id, confirmWarnings: confirmWarnings.optional(), jobId: jobId.optional() }).strict(),
  'volumes:spine': z.object({ id }).strict(),
  /** A draft volume as it would print, for the print preview. */
  'volumes:printPreview': z.object({ id, jobId: jobId.optional() }).strict(),
  'volumes:supplement': z.object({ id }).strict(),
  'volumes:newEdition': z.object({ id }).strict(),
  'volumes:history': z.object({ id }).strict(),
  'volumes:exportLedger': z.object(hazardFilter).strict(),
  'volumes:exportPledgeSummary': z
    .object({ noticeId: id.optional(), unitId: id.optional(), level: z.number().int().min(1).max(4).optional() })
    .strict(),
  'volumes:exportBoard': boardQuery,
  'volumes:checkPackage': z.object({ packageId: named('信息包', id).optional(), jobId: jobId.optional() }).strict(),
  'volumes:openCheckReport': z
    .object({ token: named('检测报告', z.string().regex(/^[0-9a-f]{32}$/, '无效的检测报告标识')) })
    .strict(),
  'volumes:exportedPackages': empty,
  'volumes:recheckArchives': z.object({ full: named('全面核对', z.boolean()).optional() }).strict(),
  'volumes:recheckState': empty,
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

  /** 打印 / 另存为… of what the print preview shows (the token from the channel that made the preview). */
  'print:pdf': z.object({ token: named('打印预览', printToken) }).strict(),
  'print:save': z.object({ token: named('打印预览', printToken) }).strict(),

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
