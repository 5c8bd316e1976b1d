/**
 * Header text → field, per kind of return, and which kind a sheet is. Matching is tolerant: spaces and line
 * breaks inside header cells, full-/half-width, quotes, required-marks (*) and parenthesised units or notes
 * （万元）（不超过300字）（社区） are all ignored for the match; the unit and the 字数 limit are kept.
 */
import { HAZARD_FIELD_LABELS, type HazardFields } from '../../domain/hazard';
import { halfWidth } from './text';
import type { ImportKind } from './types';

export type ValueType =
  'text' | 'longText' | 'date' | 'deadline' | 'money' | 'level' | 'status' | 'yesNo' | 'pledgeLevel';

export interface FieldDef {
  field: string;
  label: string;
  type: ValueType;
  required?: boolean;
  /** Normalised header keys (see headerKey) that mean this field. */
  synonyms: readonly string[];
}

/** The column field that carries a row number (序号); used as hazardNo when there is no 编号 column. */
export const SERIAL_FIELD = 'serial';

type HazardField = Exclude<keyof HazardFields, 'deadlineText'>;

const hazard = (field: HazardField, type: ValueType, synonyms: string[], required = false): FieldDef => ({
  field,
  label: HAZARD_FIELD_LABELS[field],
  type,
  required,
  synonyms,
});

export const HAZARD_FIELDS: readonly FieldDef[] = [
  hazard('hazardNo', 'text', ['隐患编号', '编号', '台账编号', '隐患序号编号', '登记编号']),
  hazard(
    'enterpriseName',
    'text',
    [
      '企业名称',
      '单位名称',
      '隐患单位',
      '生产经营单位',
      '生产经营单位名称',
      '企业单位名称',
      '企业',
      '单位',
      '检查对象',
      '被检查单位',
      '被检查单位名称',
      '被检查企业',
      '存在隐患单位',
      '隐患单位名称',
      '场所名称',
      '企业场所名称',
      '检查单位名称',
      '经营单位',
      '市场主体名称',
    ],
    true,
  ),
  hazard('townshipName', 'text', [
    '乡镇',
    '乡镇街道',
    '所属乡镇',
    '所属乡镇街道',
    '乡镇名称',
    '街道',
    '属地',
    '属地乡镇',
    '所在乡镇',
  ]),
  hazard('village', 'text', ['村', '村社区', '所属村', '所属村社区', '行政村', '所在村', '村居', '社区']),
  hazard('industry', 'text', ['行业领域', '行业类别', '行业', '所属行业', '行业分类', '领域', '所属领域', '行业类型']),
  hazard('category', 'text', [
    '隐患类别',
    '事故类型',
    '问题类别',
    '问题类型',
    '隐患分类',
    '事故类别',
    '可能导致的事故类型',
    '易发事故类型',
    '问题分类',
  ]),
  hazard(
    'description',
    'longText',
    [
      '隐患描述',
      '隐患内容',
      '存在问题',
      '检查发现问题',
      '主要问题',
      '隐患情况',
      '存在的问题',
      '发现问题',
      '问题描述',
      '隐患问题',
      '具体隐患',
      '隐患名称',
      '事故隐患',
      '隐患具体情况',
      '存在的安全隐患',
      '安全隐患',
      '隐患',
      '隐患描述具体问题',
      '发现的问题',
      '检查发现的问题',
      '问题隐患',
      '隐患及问题',
      '存在隐患',
      '隐患基本情况',
      '问题',
    ],
    true,
  ),
  hazard('location', 'text', ['隐患部位', '部位', '隐患位置', '具体位置', '隐患地点', '所在部位']),
  hazard('source', 'text', ['隐患来源', '来源', '发现方式', '检查方式', '检查类型', '排查方式']),
  hazard('foundDate', 'date', [
    '发现时间',
    '检查时间',
    '排查日期',
    '排查时间',
    '检查日期',
    '发现日期',
    '排查发现时间',
    '登记时间',
    '检查发现时间',
  ]),
  hazard('foundBy', 'text', ['检查人', '排查人', '发现人', '检查人员', '排查人员', '检查人员姓名']),
  hazard('level', 'level', [
    '隐患等级',
    '等级',
    '隐患级别',
    '级别',
    '隐患分级',
    '是否重大隐患',
    '是否重大事故隐患',
    '隐患等级一般重大',
  ]),
  hazard('responsibleUnit', 'text', ['责任单位', '整改责任单位', '整改单位', '责任主体']),
  hazard('responsiblePerson', 'text', ['整改责任人', '责任人', '整改负责人', '负责人', '责任人姓名', '整改责任人员']),
  hazard('measures', 'longText', [
    '整改措施',
    '措施',
    '整改要求',
    '整改方案',
    '整改意见',
    '治理措施',
    '整改措施及要求',
    '处理措施',
  ]),
  hazard('fundsFen', 'money', [
    '整改资金',
    '资金',
    '资金投入',
    '整改投入',
    '投入资金',
    '整改费用',
    '治理资金',
    '整改资金投入',
    '投入',
  ]),
  hazard('deadlineDate', 'deadline', [
    '整改时限',
    '完成时限',
    '整改期限',
    '时限',
    '整改完成时限',
    '要求完成时间',
    '计划完成时间',
    '整改期限时间',
  ]),
  hazard('emergencyPlan', 'text', ['应急预案', '预案', '应急处置预案', '应急预案制定情况']),
  hazard('interimMeasures', 'longText', ['临时管控措施', '管控措施', '临时措施', '临时防范措施', '整改前管控措施']),
  hazard('status', 'status', [
    '整改状态',
    '完成情况',
    '整改情况',
    '整改进度',
    '整改完成情况',
    '状态',
    '隐患状态',
    '整改进展',
    '整改进展情况',
    '治理情况',
    '整改结果',
    '治理状态',
    '隐患治理状态',
    '闭环情况',
    '整改落实情况',
  ]),
  // More columns that speak of the status: read together with 整改状态 (hazardRows), never stored on their own.
  {
    field: 'doneFlag',
    label: '是否整改完成',
    type: 'status',
    synonyms: [
      '是否整改完成',
      '是否完成整改',
      '是否整改',
      '是否整改到位',
      '是否完成',
      '是否已整改',
      '整改是否完成',
      '整改完成',
    ],
  },
  {
    field: 'reviewResult',
    label: '复查结果',
    type: 'status',
    synonyms: ['复查结果', '复查情况', '复查意见', '复核结果', '复核情况', '复查'],
  },
  {
    field: 'acceptResult',
    label: '验收结果',
    type: 'status',
    synonyms: ['验收结果', '验收情况', '验收意见', '是否验收', '是否验收合格', '验收'],
  },
  {
    field: 'closeResult',
    label: '销号情况',
    type: 'status',
    synonyms: ['销号情况', '是否销号', '销号', '销号结果', '是否闭环'],
  },
  hazard('completedDate', 'date', [
    '整改完成时间',
    '完成时间',
    '整改完成日期',
    '完成日期',
    '实际完成时间',
    '整改日期',
    '实际完成日期',
  ]),
  hazard('acceptedBy', 'text', ['验收人', '复查人', '复核人', '销号人', '验收人员', '复查人员']),
  hazard('acceptedDate', 'date', [
    '验收时间',
    '验收日期',
    '销号时间',
    '销号日期',
    '复查日期',
    '复查时间',
    '复核时间',
    '复核日期',
  ]),
  hazard('supervised', 'yesNo', ['挂牌督办', '是否挂牌督办', '督办', '是否督办']),
  hazard('notes', 'longText', ['备注', '备注说明']),
  { field: SERIAL_FIELD, label: '序号', type: 'text', synonyms: ['序号', '排序', '顺序号', 'NO', 'NO.'] },
];

export const PLEDGE_FIELDS: readonly FieldDef[] = [
  {
    field: 'level',
    label: '谈话层级',
    type: 'pledgeLevel',
    synonyms: ['层级', '谈话层级', '谈心层级', '级别', '谈话级别', '类别'],
  },
  {
    field: 'talkerName',
    label: '谈话人',
    type: 'text',
    required: true,
    synonyms: ['谈话人', '谈话人姓名', '谈心人', '谈话领导'],
  },
  { field: 'talkerTitle', label: '谈话人职务', type: 'text', synonyms: ['谈话人职务', '谈心人职务', '谈话领导职务'] },
  {
    field: 'talkeeName',
    label: '谈话对象',
    type: 'text',
    required: true,
    synonyms: ['谈话对象', '谈话对象姓名', '谈心对象', '被谈话人', '被谈话人姓名'],
  },
  {
    field: 'talkeeUnitName',
    label: '谈话对象单位',
    type: 'text',
    synonyms: [
      '谈话对象单位',
      '谈心对象单位',
      '单位',
      '所在单位',
      '工作单位',
      '谈话对象所在单位',
      '被谈话人单位',
      '单位名称',
    ],
  },
  {
    field: 'talkeeTitle',
    label: '谈话对象职务',
    type: 'text',
    synonyms: ['谈话对象职务', '谈心对象职务', '职务', '被谈话人职务'],
  },
  {
    field: 'talkDate',
    label: '谈话时间',
    type: 'date',
    synonyms: ['谈话时间', '谈话日期', '谈心时间', '谈心日期', '签订时间', '时间', '日期'],
  },
  {
    field: 'signed',
    label: '是否签订',
    type: 'yesNo',
    synonyms: ['是否签订', '是否签订明白书', '签订情况', '是否签字', '是否签订责任明白书', '签订'],
  },
  { field: 'signedDate', label: '签订日期', type: 'date', synonyms: ['签订日期', '签字日期', '签订明白书时间'] },
  { field: 'notes', label: '备注', type: 'longText', synonyms: ['备注'] },
  { field: SERIAL_FIELD, label: '序号', type: 'text', synonyms: ['序号', 'NO'] },
];

export const WORKLIST_FIELDS: readonly FieldDef[] = [
  {
    field: 'unitName',
    label: '单位',
    type: 'text',
    synonyms: ['单位', '单位名称', '责任单位', '牵头单位', '填报单位'],
  },
  {
    field: 'measure',
    label: '贯彻落实措施',
    type: 'longText',
    required: true,
    synonyms: [
      '贯彻落实措施',
      '落实措施',
      '工作措施',
      '措施',
      '具体措施',
      '贯彻落实情况措施',
      '工作任务',
      '重点任务',
      '工作内容',
    ],
  },
  {
    field: 'progress',
    label: '工作进展情况',
    type: 'longText',
    synonyms: ['工作进展情况', '进展情况', '工作进展', '完成情况', '落实情况', '工作完成情况', '进展'],
  },
  {
    field: 'responsibleDept',
    label: '责任股室',
    type: 'text',
    synonyms: ['责任股室', '责任科室', '责任部门', '责任股室单位', '牵头股室', '承办股室'],
  },
  { field: 'responsiblePerson', label: '责任人', type: 'text', synonyms: ['责任人', '负责人', '责任领导'] },
  {
    field: 'deadlineDate',
    label: '完成时限',
    type: 'deadline',
    synonyms: ['完成时限', '时限', '完成时间', '时间节点', '整改时限'],
  },
  { field: 'completedDate', label: '实际完成时间', type: 'date', synonyms: ['实际完成时间', '完成日期'] },
  { field: 'notes', label: '备注', type: 'longText', synonyms: ['备注'] },
  { field: SERIAL_FIELD, label: '序号', type: 'text', synonyms: ['序号', 'NO'] },
];

export const REPORT_FIELDS: readonly FieldDef[] = [
  {
    field: 'unitName',
    label: '单位',
    type: 'text',
    required: true,
    synonyms: ['单位', '单位名称', '报送单位', '填报单位'],
  },
  { field: 'title', label: '报告名称', type: 'text', synonyms: ['报告名称', '标题', '报告标题', '材料名称'] },
  { field: 'content', label: '报告内容', type: 'longText', synonyms: ['报告内容', '主要内容', '自查情况', '内容'] },
  {
    field: 'submittedDate',
    label: '报送时间',
    type: 'date',
    synonyms: ['报送时间', '报送日期', '上报时间', '提交时间'],
  },
  { field: 'sealed', label: '是否盖章', type: 'yesNo', synonyms: ['是否盖章', '加盖公章', '是否加盖公章'] },
  {
    field: 'approved',
    label: '是否审定',
    type: 'yesNo',
    synonyms: ['是否审定', '主要负责同志审定', '是否经主要负责同志审定'],
  },
  { field: 'notes', label: '备注', type: 'longText', synonyms: ['备注'] },
  { field: SERIAL_FIELD, label: '序号', type: 'text', synonyms: ['序号'] },
];

export const FIELD_TABLES: Record<ImportKind, readonly FieldDef[]> = {
  hazard: HAZARD_FIELDS,
  pledge: PLEDGE_FIELDS,
  worklist: WORKLIST_FIELDS,
  report: REPORT_FIELDS,
};

/** Headers that mean different fields depending on what is in the column (解决 by content in parse). */
export const AMBIGUOUS_HEADERS: Partial<Record<ImportKind, Record<string, readonly string[]>>> = {
  // 火龙镇 writes 一般事故隐患/重大事故隐患 under 隐患类别; other townships write 燃气/危化品 there.
  // An accident type (高处坠落, 触电) or a hazard type (消防安全) goes to 隐患类别, only industries to 行业领域.
  hazard: {
    隐患类别: ['level', 'industry', 'category'],
    隐患类型: ['level', 'industry', 'category'],
    类别: ['level', 'industry', 'category'],
    类型: ['level', 'industry', 'category'],
  },
};

/** The fields a column can be mapped to in the wizard, in ledger order (序号 excluded). */
export function mappableFields(kind: ImportKind): { field: string; label: string; required: boolean }[] {
  return FIELD_TABLES[kind]
    .filter((f) => f.field !== SERIAL_FIELD)
    .map((f) => ({ field: f.field, label: f.label, required: !!f.required }));
}

export function fieldDef(kind: ImportKind, field: string): FieldDef | undefined {
  return FIELD_TABLES[kind].find((f) => f.field === field);
}

export interface HeaderKey {
  key: string;
  unit?: '元' | '万元';
  lengthLimit?: number;
}

/** Normalised header text: "整改资金\n（万元）" → { key: "整改资金", unit: "万元" }. */
export function headerKey(text: string): HeaderKey {
  let s = halfWidth(text).replace(/\s+/g, '');
  let unit: HeaderKey['unit'];
  let lengthLimit: number | undefined;
  const notes: string[] = [];
  s = s.replace(/[([【{]([^()[\]【】{}]*)[)\]】}]/g, (_, inner: string) => {
    notes.push(inner);
    return '';
  });
  for (const n of [...notes, s]) {
    if (/万元/.test(n)) unit ??= '万元';
    else if (/(^|[^万])元/.test(n) && n !== s) unit ??= '元';
    const lim = /(?:不超过|不多于|不得超过|限|<=|≤)(\d+)字|(\d+)字(?:以内|以下)/.exec(n);
    if (lim) lengthLimit ??= Number(lim[1] ?? lim[2]);
  }
  s = s.replace(/["'“”‘’「」『』《》<>*※★☆:：/\\、·.\-_]/g, '');
  const unitSuffix = /^(.{2,}?)(万元|元)$/.exec(s);
  if (unitSuffix && !/^(单|公)$/.test(unitSuffix[1]!.slice(-1))) {
    unit ??= unitSuffix[2] as '元' | '万元';
    s = unitSuffix[1]!;
  }
  return { key: s.toUpperCase(), unit, lengthLimit };
}

export interface HeaderMatch {
  field: string;
  /** Other fields the same header can mean (resolved by the column's values). */
  alternatives?: readonly string[];
  how: 'exact' | 'contains';
}

function lookup(kind: ImportKind, key: string): HeaderMatch | null {
  if (!key) return null;
  const amb = AMBIGUOUS_HEADERS[kind]?.[key];
  if (amb && amb[0]) return { field: amb[0], alternatives: amb.slice(1), how: 'exact' };
  for (const def of FIELD_TABLES[kind]) if (def.synonyms.includes(key)) return { field: def.field, how: 'exact' };
  return null;
}

/**
 * The field a column's header means. `parts` are the header texts top-down (group headers first):
 * ["“五落实”情况", "整改责任人"]. Tries group+leaf, then the leaf, then a synonym contained in the leaf.
 */
export function matchHeader(kind: ImportKind, parts: readonly string[]): HeaderMatch | null {
  const keys = parts.map((p) => headerKey(p).key).filter((k) => k !== '');
  const leaf = keys[keys.length - 1];
  if (!leaf) return null;
  const groups = keys.slice(0, -1).filter((g) => g !== leaf);
  for (let i = 0; i < groups.length; i++) {
    const hit = lookup(kind, groups.slice(i).join('') + leaf);
    if (hit) return hit;
  }
  const exact = lookup(kind, leaf);
  if (exact) return exact;
  let best: { field: string; len: number } | null = null;
  for (const def of FIELD_TABLES[kind]) {
    for (const syn of def.synonyms) {
      if (syn.length >= 3 && leaf.includes(syn) && (!best || syn.length > best.len))
        best = { field: def.field, len: syn.length };
    }
  }
  return best ? { field: best.field, how: 'contains' } : null;
}

const TITLE_WORDS: Record<ImportKind, RegExp> = {
  hazard: /隐患|台账/,
  pledge: /明白书|谈话|谈心/,
  worklist: /工作清单|回头看|清单/,
  report: /报告/,
};

/** Fields that must be present for a sheet to be of the kind. */
const KIND_KEYS: Record<ImportKind, readonly string[][]> = {
  hazard: [['description'], ['enterpriseName', 'level'], ['enterpriseName', 'status']],
  pledge: [['talkeeName'], ['talkerName', 'signed']],
  worklist: [['measure'], ['progress', 'responsibleDept']],
  report: [
    ['unitName', 'title'],
    ['unitName', 'content'],
    ['unitName', 'submittedDate'],
  ],
};

const WORKLIST_SECOND = ['progress', 'responsibleDept'];
const HAZARD_SECOND = [
  'enterpriseName',
  'level',
  'measures',
  'deadlineDate',
  'townshipName',
  'village',
  'industry',
  'category',
  'fundsFen',
  'emergencyPlan',
  'interimMeasures',
  'responsibleUnit',
  'location',
  'foundBy',
  'supervised',
];

/** How well a header fits a kind: matched columns (+2 per key field), +3 when the title says so; 0 when a key field is missing. */
export function kindScore(kind: ImportKind, headers: readonly (readonly string[])[], title: string): number {
  const fields = new Set<string>();
  const exact = new Set<string>();
  for (const parts of headers) {
    const m = matchHeader(kind, parts);
    if (m && m.field !== SERIAL_FIELD) fields.add(m.field);
    if (m && m.how === 'exact') exact.add(m.field);
  }
  if (!KIND_KEYS[kind].some((set) => set.every((f) => fields.has(f)))) return 0;
  // A 工作清单 needs evidence from several of its own columns: its 贯彻落实措施 column named as such (not a header
  // that merely contains the words, like a task list's 需求贯彻落实措施说明) and one more of its columns.
  if (kind === 'worklist' && (!exact.has('measure') || !WORKLIST_SECOND.some((f) => exact.has(f)))) return 0;
  // A hazard ledger: its 隐患描述 and one column only a ledger has (a bug list has 问题描述 and 状态 too).
  if (kind === 'hazard' && !HAZARD_SECOND.some((f) => fields.has(f))) return 0;
  const keyFields = new Set(KIND_KEYS[kind].flat());
  let score = 0;
  for (const f of fields) score += keyFields.has(f) ? 3 : 1;
  if (TITLE_WORDS[kind].test(title)) score += 3;
  return score;
}

/** Which kind of return a sheet is, from its header and title; null when nothing fits. */
export function detectKind(headers: readonly (readonly string[])[], title: string): ImportKind | null {
  let best: ImportKind | null = null;
  let bestScore = 0;
  for (const kind of ['hazard', 'pledge', 'worklist', 'report'] as const) {
    const s = kindScore(kind, headers, title);
    if (s > bestScore) {
      best = kind;
      bestScore = s;
    }
  }
  return best;
}

/** Number of cells in a row whose text is a known header for any kind (used to find the header row). */
export function headerLikeCount(texts: readonly string[]): number {
  const kinds: ImportKind[] = ['hazard', 'pledge', 'worklist', 'report'];
  let best = 0;
  for (const kind of kinds) {
    const fields = new Set<string>();
    for (const t of texts) {
      const key = headerKey(t).key;
      if (key.length > 20) continue;
      const m = lookup(kind, key);
      if (m) fields.add(m.field);
    }
    best = Math.max(best, fields.size);
  }
  return best;
}
