/** Text clean-up for cell values and header texts. Full-width punctuation in Chinese prose is kept. */
import { foldFullWidth } from '../../domain/text';

const ZERO_WIDTH = /[\u200b-\u200f\u2028\u2029\u2060\ufeff\u00ad]/g;

/** Full-width digits, letters and ASCII punctuation → half-width (for parsing numbers, dates, codes). */
export function halfWidth(s: string): string {
  // Fast path (most cells): nothing full-width, no ideographic space, nothing zero-width.
  if (!HALF_WIDTH_WORK.test(s)) return s;
  return foldFullWidth(s).replace(ZERO_WIDTH, '');
}
const HALF_WIDTH_WORK = /[\uff01-\uff5e\u3000\u200b-\u200f\u2028\u2029\u2060\ufeff\u00ad]/;

/** Anything cleanValue would change: whitespace of any kind (\s covers NBSP, U+3000, CR, LF, U+2028/9, U+FEFF) or zero-width. */
const CLEAN_WORK = /[\s\u200b-\u200f\u2060\u00ad]/;

/**
 * A text value as stored: zero-width characters removed, non-breaking/ideographic spaces made plain,
 * trimmed. Single-line fields collapse all whitespace runs (line breaks too) to one space; multi-line
 * fields (descriptions, measures …) keep line breaks, trimmed per line, without empty lines.
 */
export function cleanValue(s: string, multiline = false): string {
  // Fast path: without whitespace or zero-width characters there is nothing to clean, in either mode.
  if (!CLEAN_WORK.test(s)) return s;
  const t = s
    .replace(ZERO_WIDTH, '')
    .replace(/[\u00a0\u3000\t\f\v]/g, ' ')
    .replace(/\r\n?/g, '\n');
  if (!multiline) return t.replace(/\s+/g, ' ').trim();
  return t
    .split('\n')
    .map((l) => l.replace(/ +/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

/** Compact key for comparing short words (status, level, yes/no): half-width, no spaces or punctuation around. */
export function wordKey(s: string): string {
  return halfWidth(s)
    .replace(/\s+/g, '')
    .replace(/^[,.;:!?，。；：！？、"'“”‘’()（）[\]【】]+|[,.;:!?，。；：！？、"'“”‘’]+$/g, '')
    .toLowerCase();
}

/** Number of characters as a 字数 limit counts them: every character except whitespace. */
export function charCount(s: string): number {
  return [...s.replace(/\s+/g, '')].length;
}
