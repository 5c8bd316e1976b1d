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
import { INDUSTRIES, type HazardLevel, type HazardStatus } from '../../domain/hazard';
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
    return {
      ok: true,
      value: '一般',
      note: `“${text.trim()}”不是本台账的隐患等级（只有一般、重大），按一般隐患导入，请核对`,
    };
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
  // 隐患状态 开放/关闭 (open/closed), and the words of 复查/验收/销号 columns.
  关闭: '已验收销号',
  已关闭: '已验收销号',
  合格: '已验收销号',
  验收通过: '已验收销号',
  通过: '已验收销号',
  复查合格: '已验收销号',
  开放: '未整改',
  打开: '未整改',
  未关闭: '未整改',
  未闭环: '未整改',
  未销号: '未整改',
  未验收: '未整改',
  不合格: '整改中',
  验收不合格: '整改中',
  复查不合格: '整改中',
  待验收: '已整改',
  待销号: '已整改',
  待复查: '已整改',
};

/**
 * Words that only say a hazard is not closed (开放, 未销号): it may be 未整改, 整改中 or already 已整改. Read with
 * the other status columns of the row (statusRange).
 */
const NOT_CLOSED = new Set(['开放', '打开', '未关闭', '未闭环', '未销号', '未验收']);
/** Words that say the work is not finished without saying whether it started (否, ×, 未完成). */
const NOT_DONE = new Set(['否', '×', '✗', '✘', 'x', '未', '未完成', '不合格', '验收不合格', '复查不合格']);

/**
 * The statuses a status word allows, for reading several status columns together: 开放 allows 未整改/整改中/已整改,
 * 是 (整改完成) allows 已整改/已验收销号, 已销号 only 已验收销号.
 */
export function statusRange(text: string, value: HazardStatus): readonly HazardStatus[] {
  const k = wordKey(text);
  if (NOT_CLOSED.has(k)) return ['未整改', '整改中', '已整改'];
  if (NOT_DONE.has(k)) return ['未整改', '整改中'];
  if (value === '已整改')
    return /(未|待|尚未|没有|暂未)(验收|销号|复查)/.test(k) || /^待/.test(k) ? ['已整改'] : ['已整改', '已验收销号'];
  return [value];
}

export function parseStatus(text: string): WordResult<HazardStatus> {
  const k = wordKey(text);
  const exact = STATUSES[k];
  if (exact) return { ok: true, value: exact };
  const rule = ((): HazardStatus | null => {
    if (/(未|待|尚未|没有|暂未)(验收|销号|复查)/.test(k) && /(已整改|已完成|整改完成|完成整改|到位|完毕)/.test(k))
      return '已整改';
    if (/^(未|没有|尚未|暂未)(销号|闭环|关闭|验收)/.test(k)) return '未整改';
    if (/整改中|正在|进行中|推进中|部分|阶段/.test(k)) return '整改中';
    if (/未整改|未完成|尚未|没有整改|待整改|未开始|暂未/.test(k)) return '未整改';
    if (/销号|验收合格|已验收|闭环/.test(k)) return '已验收销号';
    if (/已整改|已完成|整改完成|完成整改|整改到位|完毕|办结/.test(k)) return '已整改';
    return null;
  })();
  if (rule) return { ok: true, value: rule, note: `“${text.trim()}”按“${rule}”导入` };
  return { ok: false, reason: '无法识别的整改状态（应为未整改、整改中、已整改或已验收销号）' };
}

const YES = new Set([
  '是',
  '已签订',
  '签订',
  '已签',
  '已签字',
  '签字',
  '√',
  '✓',
  '✔',
  '☑',
  'y',
  'yes',
  '1',
  'true',
  '有',
  '已',
  '已挂牌',
  '挂牌',
  '已盖章',
  '盖章',
  '已审定',
  '审定',
]);
const NO = new Set([
  '否',
  '未签订',
  '未签',
  '未签字',
  '没有签订',
  '不',
  '×',
  '✗',
  '✘',
  'x',
  'n',
  'no',
  '0',
  'false',
  '无',
  '未',
  '未挂牌',
  '未盖章',
  '未审定',
]);

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

/** Industries as ledgers write them (行业领域), besides the app's own list. */
const INDUSTRY_WORDS = new Set<string>([
  ...INDUSTRIES,
  '危险化学品',
  '危化',
  '化工',
  '建筑',
  '建筑业',
  '住建',
  '房屋建筑',
  '市政',
  '道路运输',
  '道路交通',
  '交通',
  '运输',
  '物流',
  '冶金',
  '有色',
  '建材',
  '机械',
  '轻工',
  '纺织',
  '烟草',
  '商贸',
  '商场',
  '餐饮',
  '非煤矿山',
  '煤矿',
  '烟花爆竹',
  '民爆',
  '旅游',
  '文旅',
  '文化',
  '医疗',
  '卫生',
  '医疗卫生',
  '学校',
  '城镇燃气',
  '农业',
  '农机',
  '林业',
  '渔业',
  '水利',
  '供电',
  '人员密集场所',
  '九小场所',
  '养老',
  '宗教',
  '体育',
  '电力',
  '粉尘',
  '涉氨制冷',
  '工业',
  '工业企业',
  '加油站',
  '仓储',
]);

/** 建筑施工, 危化品行业, 燃气领域 … — not 消防安全, 高处坠落 or 一般隐患. */
export function isIndustry(text: string): boolean {
  const k = wordKey(text).replace(/(?:行业|领域|企业|单位)$/, '');
  return k !== '' && INDUSTRY_WORDS.has(k);
}

/** The accident types of GB 6441 (and their common spellings): what a hazard may lead to, not an industry. */
const ACCIDENT_TYPES = new Set([
  '物体打击',
  '车辆伤害',
  '机械伤害',
  '起重伤害',
  '触电',
  '淹溺',
  '灼烫',
  '火灾',
  '高处坠落',
  '坍塌',
  '冒顶片帮',
  '透水',
  '放炮',
  '火药爆炸',
  '瓦斯爆炸',
  '锅炉爆炸',
  '容器爆炸',
  '其他爆炸',
  '爆炸',
  '中毒和窒息',
  '中毒',
  '窒息',
  '其他伤害',
  '坠落',
  '高空坠落',
  '触电伤害',
  '火灾爆炸',
  '中毒窒息',
  '淹溺事故',
  '交通事故',
  '坍塌事故',
  '泄漏',
  '泄露',
]);

export function isAccidentType(text: string): boolean {
  return ACCIDENT_TYPES.has(wordKey(text));
}
