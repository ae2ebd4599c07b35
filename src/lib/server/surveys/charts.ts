// Results charts drawn on the server as SVG with ECharts, so they read without JavaScript; each one
// comes with a text alternative (and the page shows the figures in a table beside it).
import * as echarts from 'echarts';
import type { QuestionResult } from './service';

const COLORS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#a21caf'];

function render(option: echarts.EChartsOption, width: number, height: number): string {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
	chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 12 }, ...option });
	const svg = chart.renderToSVGString();
	chart.dispose();
	return svg;
}

/** Truncated for the axis; the full label is in the table beside the chart. */
const short = (s: string, n = 38) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * The chart of one question's results, or null for text answers and numbers. `otherLabel` names the
 * "Autre" choice. The SVG is marked aria-hidden: the figures are in the table beside it.
 */
export function questionChart(r: QuestionResult, otherLabel: string): string | null {
	if (r.kind === 'choices' || r.kind === 'scale') {
		const items = r.counts.map((c) => ({ label: c.key === '_other' ? otherLabel : c.label, count: c.count, percent: c.percent }));
		const height = Math.max(120, 34 * items.length + 50);
		return render(
			{
				grid: { left: 30, right: 70, top: 10, bottom: 24, containLabel: true },
				xAxis: { type: 'value', minInterval: 1 },
				yAxis: { type: 'category', inverse: true, data: items.map((i) => short(i.label)), axisLabel: { color: '#1f2937' } },
				series: [{ type: 'bar', data: items.map((i) => i.count), itemStyle: { color: COLORS[0] }, barMaxWidth: 22, label: { show: true, position: 'right', color: '#1f2937', formatter: (p: { dataIndex: number }) => `${items[p.dataIndex].count} (${String(items[p.dataIndex].percent).replace('.', ',')} %)` } }]
			},
			640,
			height
		);
	}
	if (r.kind === 'matrix') {
		const columns = r.rows[0]?.counts ?? [];
		const height = Math.max(140, 40 * r.rows.length + 80);
		return render(
			{
				legend: { bottom: 0, textStyle: { color: '#1f2937' } },
				grid: { left: 30, right: 20, top: 10, bottom: 40, containLabel: true },
				xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
				yAxis: { type: 'category', inverse: true, data: r.rows.map((row) => short(row.label)), axisLabel: { color: '#1f2937' } },
				series: columns.map((c, ci) => ({
					name: short(c.label, 24),
					type: 'bar' as const,
					stack: 'all',
					barMaxWidth: 24,
					itemStyle: { color: COLORS[ci % COLORS.length] },
					data: r.rows.map((row) => row.counts[ci]?.percent ?? 0)
				}))
			},
			640,
			height
		);
	}
	return null;
}
