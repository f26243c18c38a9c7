import type { ChartConfiguration } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { comparisonConfig, renderComparison } from '../../../bot/charts/comparison.js';
import { footballFieldConfig, krwTick, renderFootballField } from '../../../bot/charts/football-field.js';
import { withRenderedChart } from '../../../bot/charts/render.js';
import { createChartRenderer } from '../../../bot/charts/renderer.js';
import { ensureChartSetup } from '../../../bot/charts/setup.js';
import type { RecommendResult } from '../../../engine/types.js';
import type { ValuationBreakdown } from '../../../engine/value/breakdown.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

function titled(title: string): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: { labels: ['x'], datasets: [{ data: [1] }] },
    options: {
      plugins: { title: { display: true, text: title, font: { size: 40 } }, legend: { display: false } },
    },
  };
}

async function pixels(title: string): Promise<Buffer> {
  return withRenderedChart(titled(title), { width: 400, height: 200 }, (canvas) =>
    Buffer.from(canvas.getContext('2d').getImageData(0, 0, 400, 200).data),
  );
}

/** Builds the parts of a breakdown that the football-field chart reads. */
function breakdown(summary: ValuationBreakdown['summary'], marketCapKrw: number | null): ValuationBreakdown {
  return {
    company: {
      id: 1,
      name: '테스트전자',
      ticker: null,
      brn: null,
      listed: marketCapKrw !== null,
      market: null,
      sector: null,
    },
    asOf: '2021-11-05',
    summary,
    marketCap: {
      atValuationDate: marketCapKrw === null ? null : { valueKrw: marketCapKrw, source: 'test', asOf: null },
      latest: null,
    },
    chosen: { method: 'ensemble', valueKrw: 5e11, why: 'test' },
  } as unknown as ValuationBreakdown;
}

const row = (method: ValuationBreakdown['summary'][number]['method'], valueKrw: number | null) => ({
  method,
  label: method,
  valueKrw,
  reason: valueKrw === null ? 'not available' : null,
  ensembleWeight: null,
  range: valueKrw === null ? null : { lowKrw: valueKrw * 0.7, highKrw: valueKrw * 1.4, basis: 'test' },
});

describe('chart fonts', () => {
  it('registers a Hangul font', () => {
    expect(ensureChartSetup().path).not.toBeNull();
  });

  it('draws different Hangul labels differently', async () => {
    const first = await pixels('가나다라');
    const second = await pixels('마바사아');
    const same = await pixels('가나다라');
    expect(first.equals(same)).toBe(true);
    expect(first.equals(second)).toBe(false);
  });
});

describe('football-field chart', () => {
  it('renders a PNG with every method', async () => {
    const summary = [
      row('ensemble', 5e11),
      row('regression', 4e11),
      row('dcf_fcff', null),
      row('dcf_reference', 9e12),
      row('sector_multiple', 6e11),
    ];
    const config = footballFieldConfig(breakdown(summary, 7e11));
    expect(config?.data.labels).toEqual([
      '앙상블',
      '시장가치 회귀',
      'DCF (FCFF) (산출 불가)',
      'DCF (1차 버전 방식)',
      '업종 배수',
    ]);
    expect(config?.data.datasets[0]?.data[0]).toEqual([3.5e11, 7e11]);
    expect(config?.data.datasets[0]?.data[2]).toBeNull();
    const png = await renderFootballField(breakdown(summary, 7e11));
    expect([...(png ?? Buffer.alloc(0)).subarray(0, 4)]).toEqual(PNG_SIGNATURE);
  });

  it('has nothing to draw without values', () => {
    expect(footballFieldConfig(breakdown([row('ensemble', null)], null))).toBeNull();
  });

  it('labels ticks at 1, 2 and 5', () => {
    expect(krwTick(1e12)).toBe('1조원');
    expect(krwTick(2e10)).toBe('200억원');
    expect(krwTick(3e10)).toBe('');
  });
});

describe('comparison chart', () => {
  const valuation = (value: number, method: string) => ({
    value,
    currency: 'KRW' as const,
    method,
    source: 'test',
    asOf: null,
  });
  const result = {
    requester: { id: 1, name: '요청회사', valuation: valuation(1e11, 'ensemble') },
    partners: [
      { rank: 1, name: '파트너일', valuation: valuation(5e12, 'market_cap') },
      { rank: 2, name: '파트너이', valuation: null },
    ],
  } as unknown as RecommendResult;

  it('lists the requester and every partner', async () => {
    const config = comparisonConfig(result);
    expect(config?.data.labels).toEqual(['요청 기업 요청회사', '#1 파트너일', '#2 파트너이 (가치 없음)']);
    const png = await renderComparison(result);
    expect([...(png ?? Buffer.alloc(0)).subarray(0, 4)]).toEqual(PNG_SIGNATURE);
  });

  it('has nothing to draw without valuations', () => {
    const empty = {
      ...result,
      requester: { ...result.requester, valuation: null },
      partners: [],
    } as unknown as RecommendResult;
    expect(comparisonConfig(empty)).toBeNull();
  });
});

describe('chart renderer', () => {
  const valuation = (value: number) => ({
    value,
    currency: 'KRW' as const,
    method: 'market_cap',
    source: 'test',
    asOf: null,
  });
  const partner = { id: 9, rank: 1, name: '파트너', valuation: valuation(3e12) };
  const result = {
    requester: { id: 1, name: '요청회사', valuation: valuation(1e11) },
    partners: [partner],
  } as unknown as RecommendResult;

  it('renders the partners chart as a reply image', async () => {
    const renderer = createChartRenderer();
    const image = await renderer.renderPartners(result, result.partners);
    expect(image?.mimeType).toBe('image/png');
    expect(image?.fileName).toBe('partner-valuations.png');
    expect([...(image?.data ?? new Uint8Array()).subarray(0, 4)]).toEqual(PNG_SIGNATURE);
  });

  it('draws the football field when breakdowns load', async () => {
    const loaded: number[] = [];
    const renderer = createChartRenderer({
      valuationOf: async (id) => {
        loaded.push(id);
        return breakdown([row('ensemble', 5e11)], 7e11);
      },
    });
    const image = await renderer.renderValuation(
      result,
      result.partners[0] as RecommendResult['partners'][number],
    );
    expect(loaded).toEqual([9]);
    expect(image?.title).toBe('Valuation range of 파트너');
  });
});
