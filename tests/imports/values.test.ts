import { describe, expect, it } from 'vitest';
import {
  decimalToInt,
  excelSerialToDate,
  excelSerialToIso,
  parseDateCell,
  parseDateText,
  parseLevel,
  parseMoneyCell,
  parseMoneyText,
  parsePledgeLevel,
  parseStatus,
  parseSupervised,
  parseYesNo,
  cleanValue,
  charCount,
} from '../../core/imports/parse/values';

const ctx = { date1904: false, year: 2024 };
const noYear = { date1904: false, year: null };

const iso = (r: ReturnType<typeof parseDateText>) => (r.kind === 'date' ? r.iso : r.kind);

describe('Excel serials', () => {
  it('1900 system, with Excel’s invented 1900-02-29', () => {
    expect(excelSerialToIso(1, false)).toBe('1900-01-01');
    expect(excelSerialToIso(59, false)).toBe('1900-02-28');
    expect(excelSerialToIso(60, false)).toBeNull(); // 1900-02-29 never existed
    expect(excelSerialToIso(61, false)).toBe('1900-03-01');
    expect(excelSerialToIso(45356, false)).toBe('2024-03-05');
    expect(excelSerialToIso(45356.75, false)).toBe('2024-03-05'); // a time of day does not move the date
    expect(excelSerialToIso(45351, false)).toBe('2024-02-29'); // a real leap day
  });

  it('1904 system', () => {
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(excelSerialToIso(43894, true)).toBe('2024-03-05');
    expect(excelSerialToIso(60, true)).toBe('1904-03-01');
  });

  it('dates agree with exceljs’ UTC convention', () => {
    expect(excelSerialToDate(45356, false).toISOString()).toBe('2024-03-05T00:00:00.000Z');
    expect(excelSerialToDate(43894, true).toISOString()).toBe('2024-03-05T00:00:00.000Z');
  });

  it('date cells holding serial numbers use the workbook’s system', () => {
    expect(iso(parseDateCell(45356, { date1904: false, year: null }))).toBe('2024-03-05');
    expect(iso(parseDateCell(43894, { date1904: true, year: null }))).toBe('2024-03-05');
    expect(iso(parseDateCell(20240305, noYear))).toBe('2024-03-05');
    expect(parseDateCell(4.97, noYear).kind).toBe('invalid'); // 1900-01-04 is not a plausible ledger date
  });
});

describe('dates written as text', () => {
  it.each([
    ['2024.3.5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['２０２４年３月５日', '2024-03-05'],
    ['２０２４年3月27日', '2024-03-27'],
    [' 2024. 3. 5 ', '2024-03-05'],
    ['2024-03-05 00:00:00', '2024-03-05'],
    ['2024/3/5 8:30', '2024-03-05'],
    ['二〇二四年三月十五日', '2024-03-15'],
    ['2024年2月29日', '2024-02-29'],
  ])('%s → %s', (text, expected) => {
    const r = parseDateText(text, noYear);
    expect(r).toEqual({ kind: 'date', iso: expected });
  });

  it('takes the year from the sheet for 3月5日 and 3.5, with a note', () => {
    const r = parseDateText('3月5日', ctx);
    expect(r).toMatchObject({ kind: 'date', iso: '2024-03-05' });
    expect(r.kind === 'date' && r.note).toContain('年份取自表头（2024年）');
    expect(parseDateText('3.5', ctx)).toMatchObject({ kind: 'date', iso: '2024-03-05' });
    expect(parseDateText('１２月３１日', ctx)).toMatchObject({ kind: 'date', iso: '2024-12-31' });
    expect(parseDateCell(3.5, ctx)).toMatchObject({ kind: 'date', iso: '2024-03-05' });
  });

  it('says so when there is no year anywhere', () => {
    const r = parseDateText('3月5日', noYear);
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.reason).toContain('指定年份');
  });

  it.each(['2024.13.5', '2024-02-30', '2023年2月29日', '2024.3.5.6', '2024.0.5', '13月5日'])(
    '%s is not a valid date',
    (text) => {
      const r = parseDateText(text, ctx);
      expect(r.kind).toBe('invalid');
      expect(r.kind === 'invalid' && r.reason).toContain('不是有效日期');
    },
  );

  it.each(['立即整改', '3月底前', '长期', '2024年3月', '持续整改', '即查即改'])(
    '%s is not a date and stays text',
    (text) => {
      expect(parseDateText(text, ctx)).toEqual({ kind: 'text', text });
    },
  );

  it('reads “…前” deadlines as the date, with a note', () => {
    const r = parseDateText('2024年3月5日前', ctx);
    expect(r).toMatchObject({ kind: 'date', iso: '2024-03-05' });
    expect(r.kind === 'date' && r.note).toContain('按 2024-03-05 导入');
  });

  it('reads Dates from exceljs as UTC calendar days', () => {
    expect(parseDateCell(new Date('2024-03-05T00:00:00Z'), noYear)).toEqual({ kind: 'date', iso: '2024-03-05' });
    expect(parseDateCell(new Date('2024-03-05T23:59:59.999Z'), noYear)).toEqual({ kind: 'date', iso: '2024-03-05' });
    expect(parseDateCell(new Date('1899-12-30T08:30:00Z'), noYear).kind).toBe('invalid'); // a time without a date
    expect(parseDateCell({ error: '#N/A' }, noYear).kind).toBe('invalid');
    expect(parseDateCell(null, noYear).kind).toBe('empty');
  });
});

describe('money → 分', () => {
  const fen = (r: ReturnType<typeof parseMoneyText>) => (r.kind === 'fen' ? r.fen : r.kind);

  it.each([
    ['5000', undefined, 500_000],
    ['5000元', undefined, 500_000],
    ['1.2万元', undefined, 1_200_000],
    ['１２００', undefined, 120_000],
    ['0.5万', undefined, 500_000],
    ['￥3,000.50', undefined, 300_050],
    ['1，200元', undefined, 120_000],
    ['4.97', '万元', 4_970_000],
    ['5000元', '万元', 500_000], // the cell's unit wins over the header's
    ['0', undefined, 0],
    ['0.07', undefined, 7],
    ['123456789.99', undefined, 12_345_678_999],
  ] as const)('%s (header %s) → %i 分', (text, unit, expected) => {
    expect(fen(parseMoneyText(text, unit))).toBe(expected);
  });

  it('is exact where floating point is not', () => {
    expect(fen(parseMoneyText('1.2万元'))).toBe(1_200_000);
    expect(Math.trunc(19.99 * 100)).toBe(1998); // what a naive parser would store
    expect(fen(parseMoneyText('19.99'))).toBe(1999);
    expect(parseMoneyCell(19.99)).toEqual({ kind: 'fen', fen: 1999 });
    expect(Math.trunc(0.29 * 100)).toBe(28);
    expect(parseMoneyCell(0.29)).toEqual({ kind: 'fen', fen: 29 });
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(parseMoneyCell(0.1 + 0.2)).toEqual({ kind: 'fen', fen: 30 });
    expect(parseMoneyCell(4.35, '万元')).toEqual({ kind: 'fen', fen: 4_350_000 });
    expect(parseMoneyCell(1.15)).toEqual({ kind: 'fen', fen: 115 });
    expect(decimalToInt('1.005', 2)).toEqual({ value: 101n, rounded: true });
    expect(decimalToInt('0.3', 2)).toEqual({ value: 30n, rounded: false });
  });

  it.each(['—', '-', '/', '无', '－', '  '])('%s means no amount', (text) => {
    expect(parseMoneyText(text).kind).toBe('empty');
  });

  it.each(['自筹', '待定', '5000美元'])('%s is not an amount', (text) => {
    expect(parseMoneyText(text)).toEqual({ kind: 'text', text });
  });

  it('notes rounding and approximations', () => {
    const r = parseMoneyText('12.345元');
    expect(r).toMatchObject({ kind: 'fen', fen: 1235 });
    expect(r.kind === 'fen' && r.note).toContain('精确到分');
    expect(parseMoneyText('约5000元')).toMatchObject({
      kind: 'fen',
      fen: 500_000,
      note: expect.stringContaining('约数'),
    });
  });
});

describe('level words', () => {
  it.each([
    ['重大', '重大'],
    ['重大隐患', '重大'],
    ['重大事故隐患', '重大'],
    [' 重大事故隐患 ', '重大'],
    ['一般', '一般'],
    ['一般隐患', '一般'],
    ['一般事故隐患', '一般'],
  ] as const)('%s → %s', (text, level) => {
    expect(parseLevel(text)).toEqual({ ok: true, value: level });
  });

  it('较大 is not a level of this ledger: 一般 with a note', () => {
    const r = parseLevel('较大');
    expect(r).toMatchObject({ ok: true, value: '一般' });
    expect(r.ok && r.note).toContain('按一般隐患导入');
  });

  it('是/否 in a 是否重大隐患 column', () => {
    expect(parseLevel('是', true)).toEqual({ ok: true, value: '重大' });
    expect(parseLevel('否', true)).toEqual({ ok: true, value: '一般' });
    expect(parseLevel('是').ok).toBe(false);
  });

  it('rejects other words', () => {
    expect(parseLevel('燃气')).toEqual({ ok: false, reason: expect.stringContaining('不是隐患等级') });
  });
});

describe('status words', () => {
  it.each([
    ['已整改', '已整改'],
    ['完成', '已整改'],
    ['已完成', '已整改'],
    ['√', '已整改'],
    ['✓', '已整改'],
    ['是', '已整改'],
    ['已销号', '已验收销号'],
    ['销号', '已验收销号'],
    ['已验收', '已验收销号'],
    ['整改中', '整改中'],
    ['正在整改', '整改中'],
    ['未完成', '未整改'],
    ['未整改', '未整改'],
    ['否', '未整改'],
    ['×', '未整改'],
  ] as const)('%s → %s', (text, status) => {
    expect(parseStatus(text)).toEqual({ ok: true, value: status });
  });

  it.each([
    ['已整改（待验收）', '已整改'],
    ['已整改，已销号', '已验收销号'],
    ['部分完成', '整改中'],
    ['尚未整改完毕', '未整改'],
  ] as const)('phrases: %s → %s with a note', (text, status) => {
    const r = parseStatus(text);
    expect(r).toMatchObject({ ok: true, value: status });
  });

  it('rejects words that are not a status', () => {
    expect(parseStatus('见附件').ok).toBe(false);
  });
});

describe('yes/no, 挂牌督办 and 谈话层级', () => {
  it('yes/no', () => {
    expect(parseYesNo('是')).toBe(true);
    expect(parseYesNo('已签订')).toBe(true);
    expect(parseYesNo('√')).toBe(true);
    expect(parseYesNo('否')).toBe(false);
    expect(parseYesNo('未签订')).toBe(false);
    expect(parseYesNo('')).toBeNull();
    expect(parseYesNo('待定')).toBeUndefined();
    expect(parseSupervised('市级挂牌督办')).toBe(true);
  });

  it('talk levels', () => {
    expect(parsePledgeLevel('一级')).toBe(1);
    expect(parsePledgeLevel('第三层级')).toBe(3);
    expect(parsePledgeLevel('4')).toBe(4);
    expect(parsePledgeLevel('企业主要负责人谈话')).toBe(4);
    expect(parsePledgeLevel('')).toBeNull();
    expect(parsePledgeLevel('其他')).toBeUndefined();
  });
});

describe('text clean-up', () => {
  it('removes zero-width characters and stray spaces, keeps Chinese punctuation', () => {
    expect(cleanValue('\u200b 神垕镇\u3000中心加油站 \ufeff')).toBe('神垕镇 中心加油站');
    expect(cleanValue('疏散通道堆放杂物，\r\n安全出口被锁闭')).toBe('疏散通道堆放杂物， 安全出口被锁闭');
    expect(cleanValue('第一行\r\n\r\n  第二行  ', true)).toBe('第一行\n第二行');
    expect(charCount('已完成。 已完成。\n')).toBe(8);
  });
});

describe('numbers that are no date', () => {
  it('a phone number or an invalid Date in a date column is invalid, never a RangeError', async () => {
    const { parseDateCell } = await import('../../core/imports/parse/dates');
    const ctx = { date1904: false, year: 2024 };
    expect(parseDateCell(13800138000, ctx)).toEqual({ kind: 'invalid', reason: '不是有效日期（像是手机号码）' });
    expect(parseDateCell(1e300, ctx)).toEqual({ kind: 'invalid', reason: '不是有效日期' });
    expect(parseDateCell(new Date(NaN), ctx)).toEqual({ kind: 'invalid', reason: '不是有效日期' });
    expect(parseDateCell('13800138000', ctx)).toEqual({ kind: 'text', text: '13800138000' });
  });
});

describe('status words of real ledgers', () => {
  it('reads 开放/关闭, 未销号/未闭环, 合格/不合格, 待验收 and the range each allows', async () => {
    const { parseStatus, statusRange } = await import('../../core/imports/parse/words');
    const read = (t: string) => {
      const r = parseStatus(t);
      if (!r.ok) throw new Error(`${t}: ${r.reason}`);
      return [r.value, statusRange(t, r.value)];
    };
    expect(read('关闭')).toEqual(['已验收销号', ['已验收销号']]);
    expect(read('开放')).toEqual(['未整改', ['未整改', '整改中', '已整改']]);
    // 未销号 and 未闭环 say "not closed", never "closed" (they contain 销号/闭环).
    expect(read('未销号')).toEqual(['未整改', ['未整改', '整改中', '已整改']]);
    expect(read('未闭环')).toEqual(['未整改', ['未整改', '整改中', '已整改']]);
    expect(read('尚未销号')[0]).toBe('未整改');
    expect(read('合格')).toEqual(['已验收销号', ['已验收销号']]);
    expect(read('不合格')).toEqual(['整改中', ['未整改', '整改中']]);
    expect(read('待验收')).toEqual(['已整改', ['已整改']]);
    expect(read('是')).toEqual(['已整改', ['已整改', '已验收销号']]);
    expect(read('×')).toEqual(['未整改', ['未整改', '整改中']]);
    expect(read('√')).toEqual(['已整改', ['已整改', '已验收销号']]);
    expect(read('正在整改')).toEqual(['整改中', ['整改中']]);
    expect(read('已整改（未验收）')).toEqual(['已整改', ['已整改']]);
  });
});
