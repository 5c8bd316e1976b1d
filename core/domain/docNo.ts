/**
 * 文号 (document number) such as 禹安〔2023〕1号 or 禹安办〔2024〕1号: issuer abbreviation, year in 〔〕, number, 号.
 * Pure: used by services and by the renderer's form validation.
 */
export interface DocNo {
  issuer: string;
  year: number;
  seq: number;
  /** Canonical spelling with 〔〕 and no spaces. */
  text: string;
}

export type DocNoResult = { ok: true; value: DocNo } | { ok: false; message: string };

const FULLWIDTH_DIGITS = /[０-９]/g;

export function parseDocNo(input: string): DocNoResult {
  const raw = (input ?? '').replace(/\s+/g, '').replace(FULLWIDTH_DIGITS, (d) => String(d.charCodeAt(0) - 0xff10));
  if (!raw) return { ok: false, message: '文号不能为空，格式如 禹安〔2023〕1号' };
  // Accept the brackets people type instead of 〔〕: [] 【】 () （） ［］ ﹝﹞ 〖〗
  const m = /^(.+?)[〔[【(（［﹝〖](\d{4})[〕\]】)）］﹞〗]第?(\d{1,4})号$/.exec(raw);
  if (!m) {
    return { ok: false, message: `文号“${input}”格式不对，应为 发文机关代字〔年份〕序号号，如 禹安〔2023〕1号` };
  }
  const issuer = m[1]!;
  const year = Number(m[2]);
  const seq = Number(m[3]);
  if (year < 1949 || year > 2100) return { ok: false, message: `文号“${input}”中的年份 ${year} 不合理` };
  if (seq < 1) return { ok: false, message: `文号“${input}”中的序号必须大于 0` };
  if (/[〔〕[\]【】()（）\d]/.test(issuer)) {
    return { ok: false, message: `文号“${input}”的发文机关代字“${issuer}”含有数字或括号` };
  }
  return { ok: true, value: { issuer, year, seq, text: `${issuer}〔${year}〕${seq}号` } };
}
