/**
 * The words units use for a hazard's level and status, for yes/no, and for a 明白书's talk level.
 *
 * Decisions (see the import report):
 * - 较大/较大隐患 is not a level of this ledger (一般 | 重大, per 《安全生产事故隐患排查治理暂行规定》): it is imported
 *   as 一般 with a warning, so 重大 statistics are not inflated and the clerk is asked to check.
 * - 未完成/未整改/否/× → 未整改; only words saying work is under way (整改中, 正在整改, 部分完成, 推进中) → 整改中.
 * - 已销号/销号/已验收/验收合格/闭环 → 已验收销号; 已整改/完成/已完成/√/是/整改到位 → 已整改.
 * - "已整改（未验收）"-style phrases take the rectified part: 已整改.
 */
import type { HazardLevel, HazardStatus } from '../domain/hazard';
import { wordKey } from './text';

export type WordResult<T> = { ok: true; value: T; note?: string } | { ok: false; reason: string };

const LEVELS: Record<string, HazardLevel> = {
  重大: '重大',
  重大隐患: '重大',
  重大事故隐患: '重大',
  重大安全隐患: '重大',
  重大安全生产事故隐患: '重大',
  一般: '一般',
  一般隐患: '一般',
  一般事故隐患: '一般',
  一般安全隐患: '一般',
  一般安全生产事故隐患: '一般',
};

/** `yesMeansMajor`: the column is "是否重大隐患", so 是 → 重大, 否 → 一般. */
export function parseLevel(text: string, yesMeansMajor = false): WordResult<HazardLevel> {
  const k = wordKey(text);
  const exact = LEVELS[k];
  if (exact) return { ok: true, value: exact };
  if (yesMeansMajor) {
    const yn = parseYesNo(text);
    if (yn !== undefined && yn !== null) return { ok: true, value: yn ? '重大' : '一般' };
  }
  if (/较大/.test(k)) {
    return { ok: true, value: '一般', note: `“${text.trim()}”不是本台账的隐患等级（只有一般、重大），按一般隐患导入，请核对` };
  }
  if (/^(非|不是|不属于)重大/.test(k)) return { ok: true, value: '一般' };
  if (/重大/.test(k)) return { ok: true, value: '重大', note: `“${text.trim()}”按重大隐患导入` };
  if (/一般|较小|轻微/.test(k)) return { ok: true, value: '一般', note: `“${text.trim()}”按一般隐患导入` };
  return { ok: false, reason: '不是隐患等级（应为“一般”或“重大”）' };
}

const STATUSES: Record<string, HazardStatus> = {
  未整改: '未整改',
  未完成: '未整改',
  否: '未整改',
  '×': '未整改',
  '✗': '未整改',
  '✘': '未整改',
  x: '未整改',
  未: '未整改',
  待整改: '未整改',
  尚未整改: '未整改',
  没有整改: '未整改',
  未开始: '未整改',
  整改中: '整改中',
  正在整改: '整改中',
  在整改: '整改中',
  整改当中: '整改中',
  正在推进: '整改中',
  推进中: '整改中',
  进行中: '整改中',
  部分整改: '整改中',
  部分完成: '整改中',
  未完成整改中: '整改中',
  已整改: '已整改',
  整改完成: '已整改',
  完成: '已整改',
  已完成: '已整改',
  完成整改: '已整改',
  已完成整改: '已整改',
  整改完毕: '已整改',
  已整改完毕: '已整改',
  已整改到位: '已整改',
  整改到位: '已整改',
  已落实: '已整改',
  已处理: '已整改',
  已办结: '已整改',
  是: '已整改',
  '√': '已整改',
  '✓': '已整改',
  '✔': '已整改',
  '☑': '已整改',
  已销号: '已验收销号',
  销号: '已验收销号',
  已验收: '已验收销号',
  验收: '已验收销号',
  已验收销号: '已验收销号',
  验收销号: '已验收销号',
  已验收并销号: '已验收销号',
  验收合格: '已验收销号',
  已闭环: '已验收销号',
  闭环: '已验收销号',
  已整改已销号: '已验收销号',
  已整改并销号: '已验收销号',
};

export function parseStatus(text: string): WordResult<HazardStatus> {
  const k = wordKey(text);
  const exact = STATUSES[k];
  if (exact) return { ok: true, value: exact };
  const rule = ((): HazardStatus | null => {
    if (/(未|待|尚未|没有|暂未)(验收|销号|复查)/.test(k) && /(已整改|已完成|整改完成|完成整改|到位|完毕)/.test(k)) return '已整改';
    if (/整改中|正在|进行中|推进中|部分|阶段/.test(k)) return '整改中';
    if (/未整改|未完成|尚未|没有整改|待整改|未开始|暂未/.test(k)) return '未整改';
    if (/销号|验收合格|已验收|闭环/.test(k)) return '已验收销号';
    if (/已整改|已完成|整改完成|完成整改|整改到位|完毕|办结/.test(k)) return '已整改';
    return null;
  })();
  if (rule) return { ok: true, value: rule, note: `“${text.trim()}”按“${rule}”导入` };
  return { ok: false, reason: '无法识别的整改状态（应为未整改、整改中、已整改或已验收销号）' };
}

const YES = new Set(['是', '已签订', '签订', '已签', '已签字', '签字', '√', '✓', '✔', '☑', 'y', 'yes', '1', 'true', '有', '已', '已挂牌', '挂牌', '已盖章', '盖章', '已审定', '审定']);
const NO = new Set(['否', '未签订', '未签', '未签字', '没有签订', '不', '×', '✗', '✘', 'x', 'n', 'no', '0', 'false', '无', '未', '未挂牌', '未盖章', '未审定']);

/** true/false for yes/no words, null for an empty cell, undefined when not a yes/no word. */
export function parseYesNo(text: string): boolean | null | undefined {
  const k = wordKey(text);
  if (k === '') return null;
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  if (/^(未|没有|尚未|暂未)/.test(k)) return false;
  if (/^(已|是)/.test(k)) return true;
  return undefined;
}

/** 挂牌督办 columns often name the level instead of 是: 市级挂牌, 省级督办 → true. */
export function parseSupervised(text: string): boolean | null | undefined {
  const yn = parseYesNo(text);
  if (yn !== undefined) return yn;
  return /挂牌|督办|省级|市级|县级/.test(wordKey(text)) ? true : undefined;
}

const CN_LEVEL: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** 一级/第一层级/1/Ⅰ or the level's wording (党政主要负责人 …) → 1–4. */
export function parsePledgeLevel(text: string): number | null | undefined {
  const k = wordKey(text);
  if (k === '') return null;
  const m = /^第?([一二三四1-4])(级|层级|层|类)?$/.exec(k);
  if (m) return CN_LEVEL[m[1]!];
  const roman = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'].indexOf(k.replace(/级$/, ''));
  if (roman >= 0) return roman + 1;
  if (/企业主要负责人|生产经营单位主要负责人/.test(k)) return 4;
  if (/行业|分管负责人与.*(企业|生产经营)/.test(k)) return 3;
  if (/副职|部门主要负责人/.test(k)) return 2;
  if (/党委|政府|党政主要/.test(k)) return 1;
  return undefined;
}
