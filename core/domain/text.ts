/** Text normalisation shared by name matching and search: full-width → half-width, collapse spaces. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

export function cleanText(s: string | null | undefined): string {
  return toHalfWidth(s ?? '')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Key used to compare unit names and aliases: no spaces at all, half-width. */
export function nameKey(s: string): string {
  return cleanText(s).replace(/\s+/g, '');
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
