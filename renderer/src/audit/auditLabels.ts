/** Chinese names for the audit log's actions, record kinds and the fields in its before/after snapshots. */
import { FIELD_LABELS } from '../../../core/ipc/labels';

export const ACTION_LABELS: Record<string, { label: string; color: string }> = {
  create: { label: '新增', color: 'success' },
  update: { label: '修改', color: 'processing' },
  delete: { label: '删除', color: 'error' },
  restore: { label: '恢复', color: 'cyan' },
  attach: { label: '添加附件', color: 'geekblue' },
  detach: { label: '移除附件', color: 'orange' },
  settings: { label: '设置', color: 'purple' },
  import: { label: '导入', color: 'geekblue' },
  undo: { label: '撤销导入', color: 'orange' },
  seal: { label: '封卷', color: 'gold' },
};

export const ENTITY_LABELS: Record<string, string> = {
  unit: '单位',
  notice: '通知',
  pledge: '明白书',
  hazard: '隐患',
  return: '报送',
  import: '导入批次',
  volume: '案卷',
  attachment: '附件',
  settings: '系统设置',
  backup: '数据备份',
  check: '数据检查',
  trash: '回收站',
};

/** Snapshot fields shown under another name: the readable twin of an id takes the id's label. */
const EXTRA_FIELD_LABELS: Record<string, string> = {
  noticeDocNo: '通知文号',
  talkeeUnitName: '谈话对象单位',
  reportingUnitName: '报送单位',
  status: '状态',
  attachments: '扫描件',
  issuer: '发文机关代字',
  year: '年份',
  seq: '序号',
  unitName: '单位',
  expectedCount: '应签份数',
  originalName: '文件名',
  mime: '文件类型',
  size: '大小',
  pageCount: '页数',
  file: '文件',
  safetyFile: '恢复前的安全备份',
  counts: '内容',
  tempFilesRemoved: '清理的临时文件',
  leftoversRemoved: '清理的中断操作文件',
  indexRebuilt: '重建隐患索引',
};

export function fieldLabel(key: string): string {
  return EXTRA_FIELD_LABELS[key] ?? FIELD_LABELS[key] ?? key;
}

/** Bookkeeping fields, and ids whose readable twin is shown instead: never listed. */
export const HIDDEN_FIELDS = new Set([
  'id',
  'noticeId',
  'talkeeUnitId',
  'reportingUnitId',
  'unitId',
  'parentId',
  'version',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'sha256',
  'issuer',
  'year',
  'seq',
]);
