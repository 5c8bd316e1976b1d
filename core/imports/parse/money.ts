/**
 * Money as written (5000, 5000元, 1.2万元, １２００, 0.5万, ￥3,000) → exact 分 (integer). Decimal strings are
 * parsed by hand, never through floating-point multiplication, so 1.2万元 is exactly 1200000 分.
 * A unit in the cell wins over the header's unit (（万元）), which applies to bare numbers.
 */
import { isCellError, numberText, type Cell } from './grid';
import { halfWidth } from './text';

export type MoneyUnit = '元' | '万元';

export type MoneyResult =
  | { kind: 'empty' }
  | { kind: 'fen'; fen: number; note?: string }
  /** Not an amount (自筹, 待定 …): kept as written. */
  | { kind: 'text'; text: string };

const UNIT_POW: Record<string, number> = {
  分: 0,
  角: 1,
  元: 2,
  块: 2,
  百元: 4,
  千元: 5,
  万: 6,
  万元: 6,
  亿: 10,
  亿元: 10,
};

const EMPTY = /^(?:[-—–－~～/\\]+|无|没有|暂无|不涉及|未涉及|\/|n\/?a|null)$/i;

/**
 * value × 10^pow as an integer, from a plain decimal string ("1.2", 6 → 1200000). Rounds half up at the last
 * digit; `rounded` says whether it had to.
 */
export function decimalToInt(dec: string, pow: number): { value: bigint; rounded: boolean } | null {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(dec);
  if (!m || (m[1] === '' && !m[2])) return null;
  const int = m[1] || '0';
  const frac = m[2] ?? '';
  const digits = BigInt(int + frac);
  const shift = pow - frac.length;
  if (shift >= 0) return { value: digits * 10n ** BigInt(shift), rounded: false };
  const div = 10n ** BigInt(-shift);
  const q = digits / div;
  const r = digits % div;
  return { value: r * 2n >= div ? q + 1n : q, rounded: r !== 0n };
}

export function parseMoneyText(input: string, headerUnit?: MoneyUnit): MoneyResult {
  const written = input.trim();
  let s = halfWidth(written).replace(/\s+/g, '');
  if (s === '') return { kind: 'empty' };
  if (EMPTY.test(s)) return { kind: 'empty' };
  const notes: string[] = [];
  s = s.replace(/^(?:约|大约|共计|合计|计)/, (w) => {
    notes.push(`“${written}”是约数，按数字导入`);
    return w ? '' : w;
  });
  s = s.replace(/^(?:[￥¥]|RMB|人民币)/i, '').replace(/(?:人民币)$/, '');
  // Thousands separators: 1,200 / 1,200,000.50
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?/.test(s)) s = s.replace(/,/g, '');
  const m = /^(\d+(?:\.\d*)?|\.\d+)(分|角|元|块|百元|千元|万元|万|亿元|亿)?(?:钱|整|左右)?$/.exec(s);
  if (!m) return { kind: 'text', text: written };
  const unit = m[2] ?? headerUnit ?? '元';
  const pow = UNIT_POW[unit] ?? 2;
  const r = decimalToInt(m[1]!, pow);
  if (!r) return { kind: 'text', text: written };
  if (r.value > BigInt(Number.MAX_SAFE_INTEGER)) return { kind: 'text', text: written };
  if (r.rounded) notes.push(`“${written}”精确到分后按 ${fenText(Number(r.value))} 元导入`);
  return notes.length
    ? { kind: 'fen', fen: Number(r.value), note: notes.join('；') }
    : { kind: 'fen', fen: Number(r.value) };
}

/** Any cell in a money column. Numbers are read as Excel shows them (15 significant digits). */
export function parseMoneyCell(cell: Cell, headerUnit?: MoneyUnit): MoneyResult {
  if (cell === null) return { kind: 'empty' };
  if (isCellError(cell) || cell instanceof Date || typeof cell === 'boolean')
    return { kind: 'text', text: String(cell) };
  if (typeof cell === 'number') {
    if (cell < 0) return { kind: 'text', text: numberText(cell) };
    return parseMoneyText(numberText(cell), headerUnit);
  }
  return parseMoneyText(cell, headerUnit);
}

/** 1234567 → "12345.67" */
export function fenText(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const rest = fen % 100;
  return rest ? `${yuan}.${String(rest).padStart(2, '0')}` : String(yuan);
}
