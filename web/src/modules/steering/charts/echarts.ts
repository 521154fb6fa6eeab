// Apache ECharts, only the parts the dashboards draw (tree-shaken: line and bar charts, grid, legend,
// tooltip, canvas renderer). The canvas keeps the strict Content-Security-Policy: ECharts sets its sizes through
// the CSSOM (allowed), and the tooltip is drawn in the canvas (renderMode 'richText'), not as HTML with style
// attributes (refused).
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export type { ECharts };

export function createChart(element: HTMLElement): ECharts {
  return init(element, undefined, { renderer: 'canvas', locale: 'EN' });
}

/** The colours of the series: dark enough on white (contrast ≥ 4.5:1), told apart by more than their hue. */
export const COLOURS = {
  primary: '#1d4f91',
  secondary: '#a3461a',
  women: '#8a2f6b',
  men: '#1d6a70',
  grid: '#e3e7eb',
  text: '#525a63',
};

/** The tooltip of every chart: drawn in the canvas (see above), French numbers given by each chart. */
export function tooltip(valueFormatter: (value: unknown) => string): TooltipComponentOption {
  return { trigger: 'axis', renderMode: 'richText', valueFormatter: valueFormatter as never, confine: true };
}
