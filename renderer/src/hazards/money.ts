/**
 * 整改资金: the form takes 元 as typed ("12000.5", "12,000.50", "3000元") and the ledger stores 分. The
 * conversion is done on the digits, never by multiplying a float, so 12000.5 元 is exactly 1200050 分.
 */

/** 元 text → 分; null when empty; throws a Chinese message when it is not an amount. */
export function yuanToFen(text: string | null | undefined): number | null {
  const s = (text ?? '').replace(/[\s,，]/g, '').replace(/元$/, '');
  if (!s) return null;
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) throw new Error('整改资金请填写金额（元），最多两位小数，如 12000.5');
  const digits = `${m[1]}${(m[2] ?? '').padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  const fen = Number(digits);
  if (!Number.isSafeInteger(fen) || fen > 1e13) throw new Error('整改资金数额过大，请核对');
  return fen;
}

/** Shows 分 as 元 with thousands separators: 1200050 → "12,000.50". */
export function showYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const yuan = Math.floor(fen / 100);
  const rest = fen % 100;
  return `${yuan.toLocaleString('zh-CN')}${rest ? `.${String(rest).padStart(2, '0')}` : ''} 元`;
}
