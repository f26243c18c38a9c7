import type { ChartConfiguration, Plugin } from 'chart.js';
import type { MethodId, ValuationBreakdown } from '../../engine/value/breakdown.js';
import { formatKrw } from '../../engine/value/market-cap.js';
import { type RenderOptions, renderChartPng } from './render.js';

/**
 * The valuation range ("football field") chart of one company: a horizontal bar per method from
 * the low to the high end of its range, a dot at its value, and a dashed line at the market
 * capitalisation when there is one. The value axis is logarithmic because methods can differ by
 * orders of magnitude.
 */

export const METHOD_LABELS_KO: Record<MethodId, string> = {
  market_cap: '시가총액',
  ensemble: '앙상블',
  regression: '시장가치 회귀',
  dcf_fcff: 'DCF (FCFF)',
  dcf_reference: 'DCF (1차 버전 방식)',
  sector_multiple: '업종 배수',
};

const BAR_COLOUR = 'rgba(70, 130, 180, 0.55)';
const CHOSEN_COLOUR = 'rgba(25, 80, 150, 0.85)';
const MARKET_CAP_COLOUR = '#c0392b';

/** Ticks at 1, 2 and 5 times powers of ten, labelled in 억원 or 조원. */
export function krwTick(value: number | string): string {
  const number = Number(value);
  if (!(number > 0)) return '';
  const mantissa = number / 10 ** Math.floor(Math.log10(number) + 1e-9);
  return [1, 2, 5].some((wanted) => Math.abs(mantissa - wanted) < 1e-6) ? formatKrw(number) : '';
}

function marketCapLine(valueKrw: number, label: string): Plugin<'bar'> {
  return {
    id: 'exitMarketCapLine',
    afterDatasetsDraw(chart) {
      const x = chart.scales.x?.getPixelForValue(valueKrw);
      if (x === undefined || !Number.isFinite(x)) return;
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.strokeStyle = MARKET_CAP_COLOUR;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = MARKET_CAP_COLOUR;
      ctx.textAlign = x > (chartArea.left + chartArea.right) / 2 ? 'right' : 'left';
      ctx.fillText(label, x + (ctx.textAlign === 'right' ? -6 : 6), chartArea.top + 14);
      ctx.restore();
    },
  };
}

/**
 * Builds the chart configuration, or returns null when no method has a value and there is no market
 * capitalisation.
 */
export function footballFieldConfig(breakdown: ValuationBreakdown): ChartConfiguration<'bar'> | null {
  const rows = breakdown.summary.filter((row) => row.method !== 'market_cap');
  const marketCap = breakdown.marketCap.atValuationDate ?? breakdown.marketCap.latest;
  const valued = rows.filter((row) => row.valueKrw !== null);
  if (valued.length === 0 && !marketCap) return null;

  const labels = rows.map((row) =>
    row.valueKrw === null ? `${METHOD_LABELS_KO[row.method]} (산출 불가)` : METHOD_LABELS_KO[row.method],
  );
  const bars = rows.map((row) => {
    if (row.valueKrw === null) return null;
    const range = row.range ?? { lowKrw: row.valueKrw * 0.98, highKrw: row.valueKrw * 1.02 };
    return [range.lowKrw, range.highKrw] as [number, number];
  });
  const points = rows.flatMap((row, i) =>
    row.valueKrw === null ? [] : [{ x: row.valueKrw, y: labels[i] as string }],
  );
  const extremes = [...bars.flatMap((bar) => bar ?? []), ...(marketCap ? [marketCap.valueKrw] : [])];
  const chosen = breakdown.chosen;
  const subtitle = chosen
    ? `채택: ${METHOD_LABELS_KO[chosen.method]} ${formatKrw(chosen.valueKrw)} · 평가일 ${breakdown.asOf}`
    : `채택 가치 없음 · 평가일 ${breakdown.asOf}`;
  const marketCapLabel = marketCap ? `시가총액 ${formatKrw(marketCap.valueKrw)}` : '';

  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: '범위',
          data: bars as unknown as number[],
          backgroundColor: rows.map((row) => (row.method === chosen?.method ? CHOSEN_COLOUR : BAR_COLOUR)),
          borderSkipped: false,
          barPercentage: 0.6,
        },
        {
          type: 'scatter' as unknown as 'bar',
          label: '추정치',
          data: points as unknown as number[],
          backgroundColor: '#111111',
          pointRadius: 5,
        } as unknown as ChartConfiguration<'bar'>['data']['datasets'][number],
      ],
    },
    options: {
      indexAxis: 'y',
      layout: { padding: { right: 24 } },
      plugins: {
        title: {
          display: true,
          text: `${breakdown.company.name} 기업가치 범위`,
          font: { size: 18, weight: 'bold' },
        },
        subtitle: { display: true, text: subtitle, padding: { bottom: 12 } },
        legend: { display: false },
      },
      scales: {
        x: {
          type: 'logarithmic',
          min: Math.min(...extremes) / 1.6,
          max: Math.max(...extremes) * 1.6,
          ticks: { callback: krwTick, autoSkip: false },
          title: { display: true, text: '기업가치 (로그 축)' },
        },
        y: { type: 'category' },
      },
    },
    plugins: marketCap ? [marketCapLine(marketCap.valueKrw, marketCapLabel)] : [],
  };
}

/** Renders the football-field chart to PNG, or returns null when there is nothing to draw. */
export async function renderFootballField(
  breakdown: ValuationBreakdown,
  options: RenderOptions = {},
): Promise<Buffer | null> {
  const config = footballFieldConfig(breakdown);
  return config ? renderChartPng(config, options) : null;
}
