import type { ChannelInput, ChannelOutput } from '../api/client';

export type ReturnView = ChannelOutput<'returns:list'>[number];
export type ReturnQuery = ChannelInput<'returns:list'>;
export type ReturnKind = ReturnView['kind'];

/** The kinds registered here (明白书 have their own register). */
export const RETURN_KINDS: { value: ReturnKind; label: string }[] = [
  { value: 'report', label: '专题报告' },
  { value: 'worklist', label: '工作清单' },
  { value: 'selfcheck', label: '自查报告' },
  { value: 'ledger', label: '隐患台账回执' },
];

export const kindLabel = (k: ReturnKind) => RETURN_KINDS.find((x) => x.value === k)?.label ?? k;
