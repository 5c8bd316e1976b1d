import { describe, expect, it } from 'vitest';
import { parseDocNo } from '../../core/domain/docNo';

describe('parseDocNo (文号)', () => {
  it('parses the canonical form', () => {
    const r = parseDocNo('禹安〔2023〕1号');
    expect(r).toEqual({ ok: true, value: { issuer: '禹安', year: 2023, seq: 1, text: '禹安〔2023〕1号' } });
  });

  it.each([
    ['禹安办[2024]1号', '禹安办〔2024〕1号'],
    ['禹安办【2024】12号', '禹安办〔2024〕12号'],
    ['禹安办（2024）3号', '禹安办〔2024〕3号'],
    [' 禹安办 〔２０２４〕 ５号 ', '禹安办〔2024〕5号'],
    ['许安委〔2022〕第7号', '许安委〔2022〕7号'],
  ])('normalises %s', (input, text) => {
    const r = parseDocNo(input);
    expect(r.ok && r.value.text).toBe(text);
  });

  it.each([
    ['', '不能为空'],
    ['禹安2023年1号', '格式不对'],
    ['禹安〔23〕1号', '格式不对'],
    ['禹安〔1900〕1号', '年份'],
    ['禹安〔2023〕0号', '序号'],
    ['〔2023〕1号', '格式不对'],
  ])('rejects %s with a Chinese message', (input, fragment) => {
    const r = parseDocNo(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });
});
