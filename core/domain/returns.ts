/** Return kinds, their Chinese names, default limits, and periodic due dates. Pure. */
export const RETURN_KIND_LABELS = {
  pledge: '明白书',
  report: '专题报告',
  worklist: '工作清单',
  selfcheck: '自查报告',
  ledger: '隐患台账',
} as const;
export type AnyReturnKind = keyof typeof RETURN_KIND_LABELS;

/** 专题报告 ≤ 2000 字; 工作清单 (措施 + 进展) ≤ 300 字 (禹安办〔2024〕1号). */
export const DEFAULT_LENGTH_LIMITS: Partial<Record<AnyReturnKind, number>> = { report: 2000, worklist: 300 };

/** 字数 as a clerk counts it: every character except whitespace. */
export function countChars(text: string | null | undefined): number {
  return [...(text ?? '').replace(/\s+/g, '')].length;
}

export type Period = 'once' | 'monthly' | 'quarterly';

function pad(n: number) {
  return String(n).padStart(2, '0');
}

function clampDay(y: number, m: number, d: number) {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Math.min(d, last);
}

/** Periods of a periodic return from `start` (YYYY-MM-DD) up to and including the one containing `until`. */
export function periodsBetween(period: Exclude<Period, 'once'>, start: string, until: string): string[] {
  const [sy, sm] = start.split('-').map(Number) as [number, number];
  const [uy, um] = until.split('-').map(Number) as [number, number];
  const out: string[] = [];
  if (period === 'monthly') {
    for (let y = sy, m = sm; y < uy || (y === uy && m <= um); m === 12 ? ((y += 1), (m = 1)) : (m += 1))
      out.push(`${y}-${pad(m)}`);
  } else {
    const q0 = Math.ceil(sm / 3);
    const q1 = Math.ceil(um / 3);
    for (let y = sy, q = q0; y < uy || (y === uy && q <= q1); q === 4 ? ((y += 1), (q = 1)) : (q += 1))
      out.push(`${y}-Q${q}`);
  }
  return out;
}

/** Due date of a period: day `dueDay` of the month (monthly) or of the quarter's last month (quarterly). */
export function periodDueDate(periodKey: string, dueDay: number): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  const [y, m] = q ? [Number(q[1]), Number(q[2]) * 3] : (periodKey.split('-').map(Number) as [number, number]);
  return `${y}-${pad(m)}-${pad(clampDay(y, m, dueDay))}`;
}

export function periodLabel(periodKey: string | null): string {
  if (!periodKey) return '';
  const q = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const [y, m] = periodKey.split('-').map(Number);
  return `${y}年${m}月`;
}
