/**
 * A small ECharts wrapper: only the charts and components the app uses are registered (echarts/core), drawn on a
 * canvas that follows its container's size.
 */
import {
  BarChart,
  LineChart,
  PieChart,
  type BarSeriesOption,
  type LineSeriesOption,
  type PieSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { FONT_FAMILY } from '../app/theme';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type EChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** The chart's element carries its instance, so tests can read what was drawn (texts and their boxes). */
export type EChartHost = HTMLDivElement & { echart?: echarts.ECharts };

interface Props {
  option: EChartOption;
  height?: number;
  testId?: string;
}

export function EChart({ option, height = 300, testId }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const host = el.current as EChartHost;
    const c = echarts.init(host, undefined, { renderer: 'canvas' });
    chart.current = c;
    host.echart = c;
    let frame = 0;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => c.resize());
    });
    ro.observe(host);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      c.dispose();
      chart.current = null;
      delete host.echart;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: FONT_FAMILY }, animationDuration: 300, ...option }, true);
  }, [option]);

  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} className="echart" />;
}
