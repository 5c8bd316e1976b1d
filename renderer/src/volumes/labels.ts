/** Chinese labels for the archive-volume pages. */
import type { Problem, Retention, VolumeItem, VolumeKind, VolumeOrder } from './types';

export const KIND_OPTIONS: { value: VolumeKind; label: string; hint: string }[] = [
  { value: 'pledge', label: '明白书', hint: '安全生产对话谈心明白书（含扫描件）' },
  { value: 'return', label: '自查报告等报送', hint: '各单位报送的自查报告等材料' },
  { value: 'hazard', label: '隐患台账摘录', hint: '隐患排查治理台账（按单位摘录）' },
  { value: 'closure', label: '隐患闭环档案', hint: '整改、验收、销号材料' },
];

/** How a kind reads in a suggested 案卷题名. */
export const KIND_TITLE: Record<VolumeKind, string> = {
  pledge: '安全生产对话谈心明白书',
  return: '自查报告及报送材料',
  hazard: '隐患排查治理台账',
  closure: '隐患整改闭环材料',
};

export const ITEM_KIND: Record<VolumeItem['kind'], { label: string; color: string }> = {
  pledge: { label: '明白书', color: 'blue' },
  return: { label: '报送材料', color: 'green' },
  ledger: { label: '台账摘录', color: 'orange' },
  closure: { label: '闭环档案', color: 'purple' },
};

export const ORDER_OPTIONS: { value: Exclude<VolumeOrder, 'manual'>; label: string }[] = [
  { value: 'date', label: '按日期' },
  { value: 'unit', label: '按单位' },
  { value: 'level', label: '按谈话层级' },
];

export const ORDER_LABELS: Record<VolumeOrder, string> = {
  date: '按日期',
  unit: '按单位',
  level: '按谈话层级',
  manual: '手工排序',
};

export const RETENTION_OPTIONS: { value: Retention; label: string }[] = [
  { value: 'Y', label: '永久' },
  { value: 'D30', label: '定期30年' },
  { value: 'D10', label: '定期10年' },
];

export const RETENTION_LABELS: Record<Retention, string> = { Y: '永久', D30: '定期30年', D10: '定期10年' };

export const SEVERITY: Record<Problem['severity'], { label: string; color: string }> = {
  error: { label: '问题', color: 'red' },
  warning: { label: '提醒', color: 'orange' },
};

export const PROBLEM_LABELS: Record<Problem['code'], string> = {
  empty: '空卷',
  'record-missing': '记录已删除',
  unsigned: '应签未签',
  'no-scan': '明白书缺扫描件',
  coverage: '签订不全',
  'return-missing': '未报送',
  'hazard-no-acceptance': '重大隐患销号无验收记录',
  'hazard-no-evidence': '重大隐患销号无佐证',
  'scan-missing': '扫描件丢失',
  'scan-damaged': '扫描件无法打开',
  'scan-encrypted': '扫描件已加密',
  'scan-mismatch': '扫描件校验不符',
  'blank-page': '空白页',
  'not-bindable': '附件未装订',
  'pdfa-cmyk': 'CMYK 图片',
  'pdfa-refused': '不符合 PDF/A',
  'glyph-missing': '字体缺字',
  'annotation-lost': '批注未能保留',
  orientation: '页面方向不符',
  'seal-no-pdf': '未保存封卷 PDF',
  'seal-pdf-missing': '封卷 PDF 丢失',
  'seal-pdf-changed': '封卷 PDF 被改动',
  'record-changed': '封卷后记录被修改',
  'fonds-code': '未设全宗号',
  'volume-no': '卷号重复',
  oversize: '超出页数上限',
  'org-code': '未设机构代码',
  'piece-series': '件号年度或期限不同',
};

export const EXPORT_KIND: Record<string, string> = { draft: '草稿导出', seal: '封卷', reexport: '重新导出' };
