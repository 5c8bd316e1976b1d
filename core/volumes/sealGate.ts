/**
 * Finalising is deliberate (封卷, and 装盒 in the 按件 mode): it is refused while the completeness check has errors
 * (the message lists them), while 立卷人, 检查人 or 全宗号 is blank, and while the check has warnings the clerk has
 * not confirmed (the message lists them; the UI shows them in a dialog, the CLI asks for --confirm-warnings).
 * A refusal changes nothing.
 */
import { validation, type AppError } from '../platform/errors';
import type { CheckResult, Problem } from './types';

export interface SealPeople {
  creator: string;
  checker: string;
  fondsCode: string;
}

const listed = (ps: Problem[], max = 20) =>
  ps
    .slice(0, max)
    .map((p, i) => `${i + 1}. ${p.message}`)
    .join('；') + (ps.length > max ? `；……共 ${ps.length} 个` : '');

/** Why this volume may not be sealed now, or null. `what` names the act: 封卷 or 装盒. */
export function sealRefusal(
  h: SealPeople,
  check: CheckResult,
  confirmWarnings: boolean,
  what = '封卷',
): AppError | null {
  const blank = [
    !h.creator.trim() && '立卷人',
    !h.checker.trim() && '检查人',
    !h.fondsCode.trim() && '全宗号（设置 → 全宗号）',
  ].filter((x): x is string => !!x);
  if (blank.length)
    return validation(`${what}前须填写${blank.join('、')}；请在案卷信息中填写后再${what}。未${what}，没有任何改动`);
  const errors = check.problems.filter((p) => p.severity === 'error');
  if (errors.length)
    return validation(
      `组卷检查还有 ${errors.length} 个缺漏，不能${what}：${listed(errors)}。请补齐后重新检查再${what}；未${what}，没有任何改动`,
    );
  const warnings = check.problems.filter((p) => p.severity === 'warning');
  if (warnings.length && !confirmWarnings)
    return validation(
      `组卷检查有 ${warnings.length} 个提示需要确认：${listed(warnings)}。请逐条核对，确认无误后再${what}（界面中在确认框中确认，命令行加 --confirm-warnings）；未${what}，没有任何改动`,
    );
  return null;
}
