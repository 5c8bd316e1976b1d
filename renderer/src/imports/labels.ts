/** Chinese words of the import wizard: kinds of return, how a column was recognised, where a year came from. */
import { IMPORT_KIND_LABELS } from '../../../core/imports/parse/types';
import type { ImportKind, Preview, PreviewColumn } from './types';

export const KIND_LABELS: Record<ImportKind, string> = IMPORT_KIND_LABELS;
export const KIND_ORDER: ImportKind[] = ['hazard', 'pledge', 'worklist', 'report'];

/** Short names for tables and tags. */
export const KIND_SHORT: Record<string, string> = {
  hazard: '隐患台账',
  pledge: '明白书汇总表',
  worklist: '工作清单',
  report: '报告登记表',
};

export const KIND_COLORS: Record<string, string> = {
  hazard: 'volcano',
  pledge: 'geekblue',
  worklist: 'cyan',
  report: 'purple',
};

/** How a column's field was determined, as a tag. */
export function confidenceTag(
  c: PreviewColumn,
  source: Preview['mappingSource'],
): { label: string; color: string; hint: string } {
  switch (c.confidence) {
    case 'synonym':
      return { label: '按表头', color: 'success', hint: '表头文字与该字段的常用写法（同义词）一致' };
    case 'content':
      return { label: '按内容', color: 'processing', hint: '表头有多种含义，按列中填写的内容判断' };
    case 'user':
      return source === 'remembered'
        ? { label: '上次选择', color: 'purple', hint: '该单位上次导入同样格式的表格时选择的对应关系' }
        : { label: '手动指定', color: 'blue', hint: '本次手动选择的对应关系' };
    default:
      return { label: '未识别', color: 'default', hint: '未能从表头判断该列的内容，不导入；如需导入请选择对应字段' };
  }
}

export const YEAR_SOURCE: Record<string, string> = {
  option: '手动指定',
  title: '取自标题',
  reportDate: '取自填报时间',
};

/** 2024-Q1 → 2024年第一季度; 2024-03 → 2024年3月. */
export function periodLabel(p: string | null): string | null {
  if (!p) return null;
  const q = /^(\d{4})-Q([1-4])$/.exec(p);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  return p;
}

/** Where the clerk finds the records after an import. */
export const RESULT_PAGES: Record<string, { path: string; label: string }> = {
  hazard: { path: 'hazards', label: '查看隐患台账' },
  pledge: { path: 'pledges', label: '查看明白书登记' },
  worklist: { path: 'returns', label: '查看报送登记' },
  report: { path: 'returns', label: '查看报送登记' },
};
