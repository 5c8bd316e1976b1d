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

/** Hazards by industry as a ring. */
export function industryChart(rows: StatsRow[]): EChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 处（{d}%）' },
    legend: {
      type: 'scroll',
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemWidth: 12,
      itemHeight: 10,
      textStyle: { fontSize: 12 },
    },
    series: [
      {
        name: '行业领域',
        type: 'pie',
        radius: ['42%', '72%'],
        center: ['36%', '52%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b}\n{c}', fontSize: 12 },
        data: rows.map((r) => ({ name: r.key, value: r.total })),
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
