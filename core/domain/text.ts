/** Full-width digits and Latin letters → half-width, the ideographic space → a space. Chinese punctuation
 * （，：；！？） is kept: it is part of the text. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Every full-width form (digits, letters and ASCII punctuation) → half-width: for parsing, never for storing. */
export function foldFullWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Stored text: zero-width characters removed, spaces collapsed, trimmed. */
export function cleanText(s: string | null | undefined): string {
  return toHalfWidth(s ?? '')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A unit name or alias as stored: cleaned, without any spaces. */
export function nameKey(s: string): string {
  return cleanText(s).replace(/\s+/g, '');
}

/** Looser key for matching names written differently: every full-width form folded, brackets unified. */
export function matchKey(s: string): string {
  return foldFullWidth(nameKey(s))
    .replace(/[〔【[]/g, '(')
    .replace(/[〕】\]]/g, ')');
}

/** Chinese month line as on the form: 二〇二三年一月 */
export function chineseYearMonth(year: number, month: number): string {
  const digits = '〇一二三四五六七八九';
  const y = String(year)
    .split('')
    .map((d) => digits[Number(d)])
    .join('');
  const m = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'][month];
  return `${y}年${m}月`;
}
