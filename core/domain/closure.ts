/**
 * The closure loop (闭环) of a hazard as a state machine: 未整改 → 整改中 → 已整改 → 已验收销号, one step at a
 * time; moving back (复查不合格: 已整改 → 整改中) is allowed with a reason. Each status has what it needs:
 * 已整改 a 完成日期 and the 整改措施; 已验收销号 also the 验收人 and 验收日期 and, for a 重大 hazard, the whole 五落实
 * and an attached 整改报告 or 验收 document. Pure: every entry point (form, batch action, CLI, import) asks here.
 */
import { fiveImplementations, HAZARD_STATUSES, type HazardFields, type HazardStatus } from './hazard';

/** What the rules look at: the hazard's fields and whether a 整改报告/验收 document is attached. */
export type ClosureFacts = Pick<
  HazardFields,
  | 'level'
  | 'measures'
  | 'completedDate'
  | 'acceptedBy'
  | 'acceptedDate'
  | 'responsibleUnit'
  | 'responsiblePerson'
  | 'fundsFen'
  | 'deadlineDate'
  | 'deadlineText'
  | 'emergencyPlan'
> & { hasReport: boolean };

/** 五落实 keys (fiveImplementations) → the words a refusal uses. */
export const FIVE_LABELS: Record<string, string> = {
  责任: '整改责任人（责任单位）',
  措施: '整改措施',
  资金: '整改资金',
  时限: '整改时限',
  预案: '应急预案',
};

/** The attachment roles that count as a 整改报告 or 验收 document. */
export const CLOSURE_REPORT_ROLES: readonly string[] = ['report'];

const rank = (s: HazardStatus) => HAZARD_STATUSES.indexOf(s);
const q = (s: string) => `“${s}”`;

/** What a hazard lacks to be in a status (empty when nothing). */
export interface ClosureGaps {
  /** Fields to fill (完成日期, 整改措施, 验收人, 验收日期). */
  fields: string[];
  /** 重大 only: the 五落实 items missing, in words. */
  five: string[];
  /** 重大 only: no 整改报告/验收 document attached. */
  report: boolean;
}

export function closureGaps(status: HazardStatus, f: ClosureFacts): ClosureGaps {
  const gaps: ClosureGaps = { fields: [], five: [], report: false };
  if (rank(status) < rank('已整改')) return gaps;
  if (!f.completedDate) gaps.fields.push('整改完成日期');
  if (!f.measures?.trim()) gaps.fields.push('整改措施');
  if (status !== '已验收销号') return gaps;
  if (!f.acceptedBy?.trim()) gaps.fields.push('验收人');
  if (!f.acceptedDate) gaps.fields.push('验收日期');
  if (f.level === '重大') {
    // 措施 is asked for above already; the 五落实 list names the rest.
    gaps.five = fiveImplementations(f)
      .missing.filter((k) => !(k === '措施' && gaps.fields.includes('整改措施')))
      .map((k) => FIVE_LABELS[k] ?? k);
    gaps.report = !f.hasReport;
  }
  return gaps;
}

export const hasGaps = (g: ClosureGaps) => g.fields.length > 0 || g.five.length > 0 || g.report;

/** The gaps as one Chinese sentence: what must be filled or attached for `status`. */
export function describeGaps(status: HazardStatus, g: ClosureGaps): string {
  const parts: string[] = [];
  if (g.fields.length)
    parts.push(`${status === '已验收销号' ? '验收销号' : `改为${q(status)}`}须填写${g.fields.join('、')}`);
  if (g.five.length || g.report) {
    const five = g.five.length ? `补齐五落实：${g.five.join('、')}` : '';
    const report = g.report ? '上传整改报告或验收材料' : '';
    parts.push(`重大隐患销号前须${five}${five && report ? '；并' : ''}${report}`);
  }
  return parts.join('；');
}

/** The statuses a move from → to would skip (empty for one step forward, or any move back). */
export function skippedSteps(from: HazardStatus, to: HazardStatus): HazardStatus[] {
  return HAZARD_STATUSES.slice(rank(from) + 1, rank(to)) as HazardStatus[];
}

export const isBackward = (from: HazardStatus, to: HazardStatus) => rank(to) < rank(from);

export interface Transition {
  /** The status before; null for a new hazard (which may start at 未整改 or 整改中). */
  from: HazardStatus | null;
  to: HazardStatus;
  /** The hazard as it would be after the change. */
  after: ClosureFacts;
  /** The hazard before the change (an edit that keeps the status may not take away what the status needs). */
  before?: ClosureFacts | null;
  /** Why (required to move back). */
  note?: string | null;
}

/**
 * Why a change of a hazard is refused, as one Chinese sentence saying what is missing; null when allowed.
 * An edit that keeps the status is only refused for what it takes away (a record kept from before the rule
 * stays editable).
 */
export function closureRefusal(t: Transition): string | null {
  const { from, to } = t;
  if (from === null) {
    if (rank(to) > rank('整改中')) {
      const skipped = HAZARD_STATUSES.slice(1, rank(to));
      return `新登记的隐患不能直接改为${q(to)}：须先经过${skipped.map(q).join('')}（请先按“未整改”或“整改中”登记，再逐步修改状态）`;
    }
  } else if (from !== to) {
    if (isBackward(from, to)) {
      if (!t.note?.trim()) return `从${q(from)}退回${q(to)}须填写原因（如复查不合格）`;
      return null;
    }
    const skipped = skippedSteps(from, to);
    if (skipped.length) return `不能直接改为${q(to)}：须先经过${skipped.map(q).join('')}`;
  }
  const gaps = closureGaps(to, t.after);
  if (from === to && t.before) {
    const was = closureGaps(to, t.before);
    gaps.fields = gaps.fields.filter((x) => !was.fields.includes(x));
    gaps.five = gaps.five.filter((x) => !was.five.includes(x));
    gaps.report = gaps.report && !was.report;
  }
  return hasGaps(gaps) ? describeGaps(to, gaps) : null;
}

/**
 * The status an imported row is stored at. A township's ledger is the record of its rectification: its 已整改 is
 * taken as written (the 整改率 of the 通报 is built on these ledgers, which often have no 完成日期 column; the
 * 销号 step asks for what is missing). Its 已验收销号 closes the loop only with what 销号 needs; otherwise the
 * hazard is stored 已整改, with why.
 */
export function importedStatus(
  written: HazardStatus,
  f: ClosureFacts,
): { status: HazardStatus; missing: string | null } {
  if (written !== '已验收销号') return { status: written, missing: null };
  const gaps = closureGaps(written, f);
  return hasGaps(gaps)
    ? { status: '已整改', missing: describeGaps(written, gaps) }
    : { status: written, missing: null };
}
