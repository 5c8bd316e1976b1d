import { describe, expect, test } from 'vitest';
import { parseTypedDate } from '../../core/domain/dates';

describe('parseTypedDate: dates as a clerk types them', () => {
  test.each([
    '2026-11-30',
    '2026/11/30',
    '2026.11.30',
    '20261130',
    '2026年11月30日',
    '２０２６／１１／３０',
    ' 2026/11/30 ',
  ])('%s', (t) => {
    expect(parseTypedDate(t)).toEqual({ kind: 'date', iso: '2026-11-30' });
  });
  test('short forms', () => {
    expect(parseTypedDate('2026/1/5')).toEqual({ kind: 'date', iso: '2026-01-05' });
    expect(parseTypedDate('')).toEqual({ kind: 'empty' });
  });
  test('refusals say why', () => {
    expect(parseTypedDate('2026-02-30')).toEqual({ kind: 'invalid', reason: '2026年2月没有 30 日（该月只有 28 天）' });
    expect(parseTypedDate('2024-02-29').kind).toBe('date');
    expect(parseTypedDate('2026-13-01')).toMatchObject({ kind: 'invalid', reason: '没有 13 月，请检查月份' });
    expect(parseTypedDate('明天')).toMatchObject({ kind: 'invalid' });
    expect(parseTypedDate('2026-12-03', { notAfter: '2026-12-02', label: '发现日期' })).toEqual({
      kind: 'invalid',
      reason: '发现日期不能晚于今天（2026-12-02），填的是 2026-12-03',
    });
    expect(parseTypedDate('2026-12-02', { notAfter: '2026-12-02' }).kind).toBe('date');
  });
});
