/** Period presets of the statistics page (本月, 本季度, 本年, 上年), as ISO date pairs. */
import dayjs, { type Dayjs } from 'dayjs';

export type Range = [Dayjs, Dayjs];

function quarterStart(d: Dayjs): Dayjs {
  return d.month(Math.floor(d.month() / 3) * 3).startOf('month');
}

export function periodPresets(today = dayjs()): { label: string; value: Range }[] {
  const q = quarterStart(today);
  return [
    { label: '本月', value: [today.startOf('month'), today.endOf('month')] },
    { label: '本季度', value: [q, q.add(2, 'month').endOf('month')] },
    { label: '本年', value: [today.startOf('year'), today.endOf('year')] },
    { label: '上年', value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')] },
  ];
}

export function thisYear(today = dayjs()): Range {
  return [today.startOf('year'), today.endOf('year')];
}
