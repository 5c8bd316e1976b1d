/**
 * The field tables, per kind of return: the hazard ledger (hazardFields.ts), the 明白书汇总表, the 工作清单 and
 * the 专题报告 list; the headers that mean different fields by content; and the fields a column can be mapped to
 * in the wizard. Matching header text to fields is headers.ts.
 */
import type { ImportKind } from './types';
import { SERIAL_FIELD, type FieldDef } from './fieldTypes';
import { HAZARD_FIELDS } from './hazardFields';

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
