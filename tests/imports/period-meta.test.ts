/** The period a return names above its header (issue #16): title month or quarter, 月份/年月 labels, 填报时间. */
import { describe, expect, it } from 'vitest';
import { extractMeta } from '../../core/imports/parse/layout';

const period = (lines: string[], footer: string[] = []) => extractMeta(lines, footer, '台账.xlsx').period;

describe('the period above the header', () => {
  it('reads the title, a labelled month, or the month of 填报时间/报送日期', () => {
    expect(period(['方山镇2024年3月份安全隐患排查台账'])).toBe('2024-03');
    expect(period(['方山镇2024年第一季度隐患台账'])).toBe('2024-Q1');
    expect(period(['方山镇隐患台账', '月份：2024-03'])).toBe('2024-03');
    expect(period(['方山镇隐患台账', '填报单位：方山镇人民政府 年月：2024.4'])).toBe('2024-04');
    expect(period(['方山镇隐患台账', '填报单位：方山镇人民政府 填报时间：2024年3月28日'])).toBe('2024-03');
    expect(period(['方山镇隐患台账', '填报单位：方山镇 报送日期：2024-05-06'])).toBe('2024-05');
    expect(period(['方山镇隐患台账'], ['填报时间：2024年6月1日'])).toBe('2024-06');
    expect(period(['方山镇隐患台账', '填报单位：方山镇人民政府'])).toBeNull();
    expect(period(['方山镇隐患台账', '月份：2024-13'])).toBeNull();
  });
});
