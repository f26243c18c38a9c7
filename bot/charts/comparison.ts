import type { ChartConfiguration, Plugin } from 'chart.js';
import type { Partner, RecommendResult } from '../../engine/types.js';
import { formatKrw } from '../../engine/value/market-cap.js';
import { krwTick } from './football-field.js';
import { type RenderOptions, renderChartPng } from './render.js';

/**
 * The comparison chart of a recommendation: the requester's valuation and each partner's, as
 * horizontal bars on a logarithmic axis, labelled with the value and its method. Companies without
 * a valuation keep their row, marked "가치 없음", so the chart lists every partner of the result.
 */

const REQUESTER_COLOUR = 'rgba(192, 57, 43, 0.8)';
const PARTNER_COLOUR = 'rgba(70, 130, 180, 0.7)';

const METHOD_NAMES_KO: Record<string, string> = {
  market_cap: '시가총액',
  ensemble: '앙상블',
};

interface Row {
  label: string;
  valueKrw: number | null;
  method: string | null;
  requester: boolean;
}

function valueLabels(rows: readonly Row[]): Plugin<'bar'> {
  return {
    id: 'exitValueLabels',
    afterDatasetsDraw(chart) {
      const meta = chart.getDatasetMeta(0);
      const { ctx } = chart;
      ctx.save();
      ctx.fillStyle = '#222222';
      ctx.textBaseline = 'middle';
      rows.forEach((row, i) => {
        const element = meta.data[i];
        if (!element || row.valueKrw === null) return;
        const method = row.method ? ` · ${METHOD_NAMES_KO[row.method] ?? row.method}` : '';
        ctx.fillText(`${formatKrw(row.valueKrw)}${method}`, element.x + 6, element.y);
      });
      ctx.restore();
    },
  };
}

/** Builds the chart for the requester and the given partners (default: all partners of the result). */
export function comparisonConfig(
  result: RecommendResult,
  partners: readonly Partner[] = result.partners,
): ChartConfiguration<'bar'> | null {
  const rows: Row[] = [
    {
      label: `요청 기업 ${result.requester.name}`,
      valueKrw: result.requester.valuation?.value ?? null,
      method: result.requester.valuation?.method ?? null,
      requester: true,
    },
    ...partners.map((partner) => ({
      label: `#${partner.rank} ${partner.name}`,
      valueKrw: partner.valuation?.value ?? null,
      method: partner.valuation?.method ?? null,
      requester: false,
    })),
  ];
  const values = rows.flatMap((row) => (row.valueKrw !== null && row.valueKrw > 0 ? [row.valueKrw] : []));
  if (values.length === 0) return null;
  const labels = rows.map((row) => (row.valueKrw === null ? `${row.label} (가치 없음)` : row.label));
  const minimum = Math.min(...values) / 2;
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: '기업가치',
          data: rows.map((row) => row.valueKrw ?? Number.NaN),
          backgroundColor: rows.map((row) => (row.requester ? REQUESTER_COLOUR : PARTNER_COLOUR)),
          barPercentage: 0.65,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      layout: { padding: { right: 150 } },
      plugins: {
        title: {
          display: true,
          text: `${result.requester.name}와 추천 파트너의 기업가치`,
          font: { size: 18, weight: 'bold' },
        },
        subtitle: {
          display: true,
          text: '로그 축 · 상장사는 시가총액, 비상장사는 앙상블 추정치',
          padding: { bottom: 12 },
        },
        legend: { display: false },
      },
      scales: {
        x: {
          type: 'logarithmic',
          min: minimum,
          max: Math.max(...values) * 2,
          ticks: { callback: krwTick, autoSkip: false },
        },
        y: { type: 'category' },
      },
    },
    plugins: [valueLabels(rows)],
  };
}

/**
 * Renders the comparison chart to PNG, or returns null when neither the requester nor any partner
 * has a valuation. This is the function `exitbot recommend --chart <file.png>` calls.
 */
export async function renderComparison(
  result: RecommendResult,
  options: RenderOptions & { partners?: readonly Partner[] } = {},
): Promise<Buffer | null> {
  const config = comparisonConfig(result, options.partners);
  return config ? renderChartPng(config, options) : null;
}
