// The Risk page's risk-curve chart: ECharts as on the Challenge page, loaded only when the page has a curve to show
// (a separate file, so the other pages do not carry the library).
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

// the page is redrawn every 2 s into new elements: the previous chart is disposed, never left behind
let last: echarts.ECharts | null = null;

export function drawChart(target: HTMLElement, option: Record<string, unknown>): void {
  last?.dispose();
  last = echarts.init(target, null, { renderer: 'canvas' });
  last.setOption(option);
}

/** The kept chart follows its element's width (a resized window, the page moved between widths). */
export function resizeChart(): void {
  last?.resize();
}
