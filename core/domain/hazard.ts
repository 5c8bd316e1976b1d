/**
 * The hazard ledger's vocabulary (隐患台账): fields, levels, statuses and their rules. Pure: shared by the
 * services, the importer and the renderer.
 */

export const HAZARD_LEVELS = ['一般', '重大'] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];

/** The closure path (闭环): 未整改 → 整改中 → 已整改 → 已验收销号. 逾期 is derived, never stored. */
export const HAZARD_STATUSES = ['未整改', '整改中', '已整改', '已验收销号'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

/** Statuses that count as rectified (整改完成) in statistics. */
export const RECTIFIED_STATUSES: readonly HazardStatus[] = ['已整改', '已验收销号'];

export const INDUSTRIES = [
  '燃气',
  '危化品',
  '建筑施工',
  '交通运输',
  '消防',
  '特种设备',
  '文化旅游',
  '教育',
  '电力',
  '工贸',
  '粉尘涉爆',
  '有限空间',
  '矿山',
  '水利',
  '农业农村',
  '商贸',
  '其他',
] as const;

/**
 * 隐患类别 offered in the filter and the form: the accident types of GB 6441 and the hazard types ledgers use.
 * Any other text may be stored (ledgers write their own).
 */
export const HAZARD_CATEGORIES = [
  '高处坠落',
  '坍塌',
  '触电',
  '火灾',
  '爆炸',
  '物体打击',
  '机械伤害',
  '起重伤害',
  '车辆伤害',
  '中毒和窒息',
  '淹溺',
  '灼烫',
  '消防安全',
  '用电安全',
  '燃气安全',
  '机械防护',
  '特种设备安全',
  '安全管理',
  '其他',
] as const;

export const HAZARD_SOURCES = ['自查', '部门检查', '暗访暗查', '回头看', '专项检查', '群众举报', '其他'] as const;

/**
 * One hazard as stored and as an import row produces it. Money is kept exact in 分 (fen, integer);
 * a deadline is a date, or the words as written (立即整改, 3月底前) when it is not a date.
 */
export interface HazardFields {
  hazardNo: string | null; // the township's own number
  enterpriseName: string; // 隐患单位 (生产经营单位)
  townshipName: string | null; // 乡镇（街道）
  village: string | null; // 村（社区）
  industry: string | null; // 行业领域
  /** 隐患类别: the kind of hazard or the accident it may cause (高处坠落, 触电, 消防安全); not an industry. */
  category?: string | null;
  description: string; // 隐患描述
  location: string | null; // 隐患部位
  source: string | null; // 隐患来源
  foundDate: string | null; // YYYY-MM-DD
  foundBy: string | null; // 检查人/发现人
  level: HazardLevel;
  responsibleUnit: string | null; // 五落实: 责任单位
  responsiblePerson: string | null; // 五落实: 责任人
  measures: string | null; // 五落实: 整改措施
  fundsFen: number | null; // 五落实: 资金（分）
  deadlineDate: string | null; // 五落实: 时限 (a date)
  deadlineText: string | null; // 五落实: 时限 as written when not a date
  emergencyPlan: string | null; // 五落实: 应急预案
  interimMeasures: string | null; // 临时管控措施
  status: HazardStatus;
  completedDate: string | null;
  acceptedBy: string | null; // 验收人
  acceptedDate: string | null; // 验收日期
  supervised: boolean; // 挂牌督办
  /** 挂牌督办: 督办单位 and 督办期限 (a date). A 重大 hazard is always supervised. */
  supervisingUnit?: string | null;
  supervisionDeadline?: string | null;
  notes: string | null;
}

/** Field → Chinese label, in ledger column order. */
export const HAZARD_FIELD_LABELS: Record<keyof HazardFields, string> = {
  hazardNo: '隐患编号',
  enterpriseName: '隐患单位',
  townshipName: '乡镇（街道）',
  village: '村（社区）',
  industry: '行业领域',
  category: '隐患类别',
  description: '隐患描述',
  location: '隐患部位',
  source: '隐患来源',
  foundDate: '发现日期',
  foundBy: '检查人',
  level: '隐患等级',
  responsibleUnit: '整改责任单位',
  responsiblePerson: '整改责任人',
  measures: '整改措施',
  fundsFen: '整改资金（元）',
  deadlineDate: '整改时限',
  deadlineText: '整改时限（原文）',
  emergencyPlan: '应急预案',
  interimMeasures: '临时管控措施',
  status: '整改状态',
  completedDate: '完成日期',
  acceptedBy: '验收人',
  acceptedDate: '验收日期',
  supervised: '挂牌督办',
  supervisingUnit: '督办单位',
  supervisionDeadline: '督办期限',
  notes: '备注',
};

/** The 五落实 of a hazard's rectification, with whether each is filled. */
export function fiveImplementations(
  h: Pick<
    HazardFields,
    | 'responsibleUnit'
    | 'responsiblePerson'
    | 'measures'
    | 'fundsFen'
    | 'deadlineDate'
    | 'deadlineText'
    | 'emergencyPlan'
  >,
) {
  const items = [
    { key: '责任', ok: !!(h.responsibleUnit?.trim() || h.responsiblePerson?.trim()) },
    { key: '措施', ok: !!h.measures?.trim() },
    { key: '资金', ok: h.fundsFen !== null && h.fundsFen !== undefined },
    { key: '时限', ok: !!(h.deadlineDate || h.deadlineText?.trim()) },
    { key: '预案', ok: !!h.emergencyPlan?.trim() },
  ];
  return { items, complete: items.every((i) => i.ok), missing: items.filter((i) => !i.ok).map((i) => i.key) };
}

/** 逾期: not rectified and past its dated deadline (a deadline in words never makes a hazard overdue). */
export function isOverdue(h: Pick<HazardFields, 'status' | 'deadlineDate'>, today: string): boolean {
  return !RECTIFIED_STATUSES.includes(h.status) && !!h.deadlineDate && h.deadlineDate < today;
}

/** Formats 分 as 元 without losing precision: 1234567 → "12345.67". */
export function fenToYuan(fen: number | null): string {
  if (fen === null || fen === undefined) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${sign}${yuan}${rest ? `.${String(rest).padStart(2, '0').replace(/0$/, '')}` : ''}`;
}

/**
 * Fields a hazard import writes and compares with the stored hazard, in ledger order (townshipName is handled
 * with the unit link). The import contract's output schema enumerates these too.
 */
export const IMPORTED_FIELDS = [
  'hazardNo',
  'enterpriseName',
  'village',
  'industry',
  'category',
  'description',
  'location',
  'source',
  'foundDate',
  'foundBy',
  'level',
  'responsibleUnit',
  'responsiblePerson',
  'measures',
  'fundsFen',
  'deadlineDate',
  'deadlineText',
  'emergencyPlan',
  'interimMeasures',
  'status',
  'completedDate',
  'acceptedBy',
  'acceptedDate',
  'supervised',
  'notes',
] as const satisfies readonly (keyof HazardFields)[];
export type ImportedField = (typeof IMPORTED_FIELDS)[number];
