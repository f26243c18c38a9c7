import { describe, expect, it } from 'vitest';
import type { MonthlyCloseRow } from '../../../data/store/valuation-queries.js';
import {
  DEFAULT_BETA_OPTIONS,
  estimateBeta,
  fitOls,
  indexCodeForMarket,
} from '../../../engine/value/beta.js';
import { addMonths, annualisedReturn, IndexLevels, monthEnd } from '../../../engine/value/market-series.js';

/** Index returns that vary month to month without randomness. */
function marketReturn(i: number): number {
  return 0.03 * Math.sin(i * 1.3) + 0.01 * Math.cos(i * 0.7);
}

function syntheticSeries(months: number, slope: number, intercept: number, noise = (_: number) => 0) {
  const indexRows: { date: string; value: number }[] = [];
  const closes: MonthlyCloseRow[] = [];
  let level = 1000;
  let price = 10_000;
  for (let i = 0; i <= months; i++) {
    const month = addMonths('2018-11', i);
    if (i > 0) {
      const rm = marketReturn(i);
      level *= 1 + rm;
      price *= 1 + intercept + slope * rm + noise(i);
    }
    indexRows.push({ date: monthEnd(month), value: level });
    closes.push({ companyId: 1, month, lastTradingDate: monthEnd(month), closeKrw: price });
  }
  return { index: IndexLevels.fromCloses('KOSPI', indexRows), closes };
}

describe('OLS beta', () => {
  it('recovers an exact slope', () => {
    const { index, closes } = syntheticSeries(36, 1.5, 0.002);
    const beta = estimateBeta(closes, index, { ...DEFAULT_BETA_OPTIONS, asOf: '2021-11-30' });
    if (beta.status !== 'ok') throw new Error(beta.reason);
    expect(beta.beta).toBeCloseTo(1.5, 10);
    expect(beta.alphaMonthly).toBeCloseTo(0.002, 10);
    expect(beta.rSquared).toBeCloseTo(1, 10);
    expect(beta.standardError).toBeLessThan(1e-8);
    expect(beta.months).toBe(36);
    expect(beta.window).toEqual({ from: '2018-11-30', to: '2021-11-30' });
  });

  it('reports a standard error with noise', () => {
    const { index, closes } = syntheticSeries(36, 0.8, 0, (i) => 0.02 * Math.sin(i * 2.9));
    const beta = estimateBeta(closes, index, { ...DEFAULT_BETA_OPTIONS, asOf: '2021-11-30' });
    if (beta.status !== 'ok') throw new Error(beta.reason);
    expect(beta.beta).toBeGreaterThan(0.5);
    expect(beta.beta).toBeLessThan(1.1);
    expect(beta.standardError).toBeGreaterThan(0);
    expect(beta.rSquared).toBeLessThan(1);
  });

  it('rejects fewer than the minimum months', () => {
    const { index, closes } = syntheticSeries(12, 1, 0);
    const beta = estimateBeta(closes, index, { ...DEFAULT_BETA_OPTIONS, asOf: '2021-11-30' });
    expect(beta).toEqual({
      status: 'not_available',
      reason: 'only 12 monthly returns in the window 2018-11..2019-11 (at least 24 are needed)',
    });
  });

  it('limits the window to the configured months', () => {
    const { index, closes } = syntheticSeries(36, 1.2, 0);
    const beta = estimateBeta(closes, index, {
      ...DEFAULT_BETA_OPTIONS,
      windowMonths: 24,
      asOf: '2021-11-30',
    });
    if (beta.status !== 'ok') throw new Error(beta.reason);
    expect(beta.months).toBe(24);
    expect(beta.window.from).toBe('2019-11-30');
  });

  it('skips returns across a missing month', () => {
    const { index, closes } = syntheticSeries(36, 1, 0);
    const withGap = closes.filter((row) => row.month !== '2020-06');
    const beta = estimateBeta(withGap, index, { ...DEFAULT_BETA_OPTIONS, asOf: '2021-11-30' });
    if (beta.status !== 'ok') throw new Error(beta.reason);
    expect(beta.months).toBe(34);
    expect(beta.beta).toBeCloseTo(1, 10);
  });

  it('drops split-like jumps', () => {
    const { index, closes } = syntheticSeries(36, 1, 0);
    const split = closes.map((row) =>
      row.month >= '2020-01' ? { ...row, closeKrw: row.closeKrw / 50 } : row,
    );
    const beta = estimateBeta(split, index, { ...DEFAULT_BETA_OPTIONS, asOf: '2021-11-30' });
    if (beta.status !== 'ok') throw new Error(beta.reason);
    expect(beta.droppedReturns).toBe(1);
    expect(beta.beta).toBeCloseTo(1, 10);
  });

  it('applies the Blume adjustment', () => {
    const { index, closes } = syntheticSeries(36, 2, 0);
    const beta = estimateBeta(closes, index, { ...DEFAULT_BETA_OPTIONS, blume: true, asOf: '2021-11-30' });
    if (beta.status !== 'ok') throw new Error(beta.reason);
    expect(beta.beta).toBeCloseTo(2, 10);
    expect(beta.adjustedBeta).toBeCloseTo(0.67 * 2 + 0.33, 10);
  });

  it('needs closes before the valuation date', () => {
    const { index, closes } = syntheticSeries(36, 1, 0);
    expect(estimateBeta(closes, index, { ...DEFAULT_BETA_OPTIONS, asOf: '2010-01-01' })).toEqual({
      status: 'not_available',
      reason: 'no monthly closes on or before 2010-01-01',
    });
  });

  it('fails on a constant regressor', () => {
    expect(fitOls([1, 1, 1, 1], [1, 2, 3, 4])).toBeUndefined();
  });
});

describe('index series', () => {
  it('compounds daily returns into levels', () => {
    const levels = IndexLevels.fromReturns('KOSPI', [
      { date: '2020-01-02', value: 0.1 },
      { date: '2020-01-03', value: -0.5 },
    ]);
    expect(levels.levelOnOrBefore('2020-01-03')?.value).toBeCloseTo(0.55, 12);
    expect(levels.levelOnOrBefore('2020-01-01')).toBeUndefined();
    expect(levels.basis).toBe('compounded_returns');
  });

  it('annualises the return over the window', () => {
    const levels = IndexLevels.fromCloses('KOSDAQ', [
      { date: '2019-01-01', value: 100 },
      { date: '2021-01-01', value: 121 },
    ]);
    const result = annualisedReturn(levels, '2019-01-01', '2021-01-01');
    expect(result?.annualised).toBeCloseTo(0.1, 3);
  });

  it('maps markets to indexes', () => {
    expect(indexCodeForMarket('KOSDAQ GLOBAL')).toBe('KOSDAQ');
    expect(indexCodeForMarket('KONEX')).toBe('KOSDAQ');
    expect(indexCodeForMarket('KOSPI')).toBe('KOSPI');
    expect(indexCodeForMarket(null)).toBe('KOSPI');
  });
});
