/** Chart options for the statistics page, built from the stats rows. */
import type { EChartOption } from './EChart';
import type { StatsRow } from './types';

const BLUE = '#1f5fbf';
const GREEN = '#52a35a';
const RED = '#d9534f';
const ORANGE = '#f0a030';
const PALETTE = [
  '#1f5fbf',
  '#52a35a',
  '#f0a030',
  '#d9534f',
  '#7b5bb6',
  '#2aa4b8',
  '#c2607a',
  '#8a9a3b',
  '#5b7db1',
  '#b07a3b',
  '#4f9e8e',
  '#999',
];

const tooltip = { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } };

/** Stacked bars by township: rectified and not yet rectified. */
export function townshipChart(rows: StatsRow[]): EChartOption {
  const xs = rows.slice(0, 30);
  return {
    color: [GREEN, RED],
    tooltip,
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 10 },
    grid: { left: 8, right: 8, top: 30, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: xs.map((r) => r.key.replace(/禹州高新技术产业开发区/, '高新区')),
      axisLabel: { interval: 0, rotate: xs.length > 10 ? 40 : 0, fontSize: 12 },
    },
    yAxis: { type: 'value', name: '处', nameTextStyle: { padding: [0, 24, 0, 0] }, minInterval: 1 },
    series: [
      { name: '已整改', type: 'bar', stack: 'n', data: xs.map((r) => r.rectified), barMaxWidth: 28 },
      { name: '未整改', type: 'bar', stack: 'n', data: xs.map((r) => r.total - r.rectified), barMaxWidth: 28 },
    ],
  };
}

/** At most this many slices; the smallest of the rest are summed as 其他. */
export const PIE_MAX_SLICES = 10;

/** The ring's slices, largest first: at most PIE_MAX_SLICES, the tail summed as 其他. */
export function pieSlices(rows: StatsRow[]): { name: string; value: number }[] {
  const all = rows
    .map((r) => ({ name: r.key, value: r.total }))
    .filter((x) => x.value > 0)
    .sort((a, b) => b.value - a.value);
  if (all.length <= PIE_MAX_SLICES) return all;
  const head = all.slice(0, PIE_MAX_SLICES - 1);
  const rest = all.slice(PIE_MAX_SLICES - 1).reduce((n, x) => n + x.value, 0);
  return [...head, { name: '其他', value: rest }];
}

/**
 * Hazards by industry as a ring. The names and counts are in the legend beside it (a label drawn outside the
 * ring is cut to "粉..." when the card is narrow, as at 1366×768); the hovered slice shows its name inside.
 */
export function industryChart(rows: StatsRow[]): EChartOption {
  const data = pieSlices(rows);
  const count = new Map(data.map((d) => [d.name, d.value]));
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 处（{d}%）' },
    legend: {
      orient: 'vertical',
      left: '62%',
      top: 'middle',
      itemWidth: 12,
      itemHeight: 10,
      itemGap: 8,
      textStyle: { fontSize: 12 },
      formatter: (name: string) => `${name}  ${count.get(name) ?? 0} 处`,
    },
    series: [
      {
        name: '行业领域',
        type: 'pie',
        radius: ['45%', '78%'],
        center: ['31%', '52%'],
        label: { show: false, position: 'center' },
        labelLine: { show: false },
        emphasis: {
          label: { show: true, formatter: '{b}\n{c} 处', fontSize: 14, lineHeight: 20, fontWeight: 'bold' },
        },
        data,
      },
    ],
  };
}

/** Found, rectified and 重大 by month. */
export function monthChart(rows: StatsRow[]): EChartOption {
  return {
    color: [BLUE, GREEN, ORANGE],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 10 },
    grid: { left: 8, right: 16, top: 30, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: rows.map((r) => (r.key === '未填写' ? r.key : `${Number(r.key.slice(5))}月`)),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '发现隐患', type: 'line', smooth: true, data: rows.map((r) => r.total), areaStyle: { opacity: 0.08 } },
      { name: '已整改', type: 'line', smooth: true, data: rows.map((r) => r.rectified) },
      { name: '重大隐患', type: 'line', smooth: true, data: rows.map((r) => r.major) },
    ],
  };
}
