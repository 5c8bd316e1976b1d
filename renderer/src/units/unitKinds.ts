import type { UnitKind } from '../api/types';

export const UNIT_KINDS: UnitKind[] = ['乡镇', '街道', '开发区', '部门', '企业', '其他'];

export const KIND_COLORS: Record<UnitKind, string> = {
  乡镇: 'blue',
  街道: 'cyan',
  开发区: 'geekblue',
  部门: 'purple',
  企业: 'orange',
  其他: 'default',
};
