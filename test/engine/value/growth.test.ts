import { describe, expect, it } from 'vitest';
import { estimateGrowth, growthBenchmarks, historicalCagr } from '../../../engine/value/growth.js';
import type { FiscalYear } from '../../../engine/value/statements.js';

const EOK = 1e8;
const year = (period: string, revenue?: number, operatingIncome?: number): FiscalYear => ({
  period,
  items: {
    ...(revenue !== undefined ? { revenue: revenue * EOK } : {}),
    ...(operatingIncome !== undefined ? { operatingIncome: operatingIncome * EOK } : {}),
  },
});

describe('growth', () => {
  it('spans a missing middle year', () => {
    const cagr = historicalCagr([year('2018-12', 100), year('2020-12', 121)], 'revenue');
    if (cagr.status !== 'ok') throw new Error(cagr.reason);
    expect(cagr.rate).toBeCloseTo(0.1, 12);
    expect(cagr.from).toBe('2018-12');
  });

  it('needs two years', () => {
    expect(historicalCagr([year('2020-12', 100)], 'revenue')).toEqual({
      status: 'not_available',
      reason: 'only one fiscal year (2020-12) of 매출액',
    });
  });

  it('needs positive ends', () => {
    expect(historicalCagr([year('2019-12', 100, -5), year('2020-12', 120, 10)], 'operatingIncome')).toEqual({
      status: 'not_available',
      reason: '영업이익 is not positive in 2019-12, so its CAGR is undefined',
    });
  });

  it('falls back to the sector median, then the market median', () => {
    const peers = Array.from({ length: 6 }, (_, i) => ({
      sector: 'bio',
      years: [year('2018-12', 100, 10), year('2020-12', 100 * (1 + 0.05 * i) ** 2, 10)],
    }));
    const benchmarks = growthBenchmarks(peers);
    const single = [year('2020-12', 50, -3)];
    const inSector = estimateGrowth(single, 'bio', benchmarks);
    const revenue = inSector.find((row) => row.item === 'revenue');
    expect(revenue?.source).toBe('sector_median');
    expect(revenue?.rate).toBeCloseTo(0.125, 10);
    expect(revenue?.detail).toBe(
      'only one fiscal year (2020-12) of 매출액; median of 6 listed companies in sector bio',
    );
    const elsewhere = estimateGrowth(single, 'software', benchmarks).find((row) => row.item === 'revenue');
    expect(elsewhere?.source).toBe('market_median');
    const cash = inSector.find((row) => row.item === 'cash');
    expect(cash?.source).toBe('zero');
    expect(cash?.rate).toBe(0);
  });

  it('clips extreme growth', () => {
    const result = estimateGrowth([year('2019-12', 10), year('2020-12', 100)], null, growthBenchmarks([]));
    const revenue = result.find((row) => row.item === 'revenue');
    expect(revenue?.rate).toBe(0.3);
    expect(revenue?.clipped).toBe(true);
  });
});
