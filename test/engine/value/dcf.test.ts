import { describe, expect, it } from 'vitest';
import { DEFAULT_FCFF_OPTIONS, fcffDcf } from '../../../engine/value/dcf-fcff.js';
import { referenceDcf } from '../../../engine/value/dcf-reference.js';
import type { GrowthEstimate } from '../../../engine/value/growth.js';
import { ok } from '../../../engine/value/outcome.js';
import type { FiscalYear } from '../../../engine/value/statements.js';

/** Returns the reason of a "not available" outcome, or 'available'. */
function reasonOf(outcome: { status: string; reason?: string }): string {
  return outcome.status === 'not_available' ? (outcome.reason as string) : 'available';
}

const EOK = 1e8;

/** Builds a profitable company in 억원: revenue 1,000, operating margin 10 %, modest debt. */
function company(overrides: Partial<FiscalYear['items']> = {}, period = '2020-12'): FiscalYear {
  return {
    period,
    items: {
      revenue: 1000 * EOK,
      operatingIncome: 100 * EOK,
      netIncome: 75 * EOK,
      pretaxIncome: 95 * EOK,
      assets: 1500 * EOK,
      liabilities: 600 * EOK,
      equity: 900 * EOK,
      cash: 120 * EOK,
      currentAssets: 500 * EOK,
      currentLiabilities: 300 * EOK,
      depreciation: 40 * EOK,
      amortisation: 5 * EOK,
      tangibleCapex: 50 * EOK,
      shortTermBorrowings: 100 * EOK,
      longTermBorrowings: 100 * EOK,
      interestExpense: 8 * EOK,
      ...overrides,
    },
  };
}

const rate = ok({ rate: 0.1, riskFreeRate: 0.02 });
const bookEquity = { krw: 900 * EOK, basis: 'book' as const };

function growth(rate: number): GrowthEstimate[] {
  return (
    ['revenue', 'liabilities', 'equity', 'netIncome', 'operatingIncome', 'cash', 'depreciation'] as const
  ).map((item) => ({
    item,
    account: item,
    rate,
    source: 'own_cagr',
    clipped: false,
    detail: 'test',
  }));
}

describe('FCFF DCF', () => {
  it('values a profitable company', () => {
    const result = fcffDcf({
      years: [company()],
      sector: 'machinery',
      revenueGrowth: 0.05,
      costOfEquity: rate,
      equityForWeights: bookEquity,
      options: DEFAULT_FCFF_OPTIONS,
    });
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.projection).toHaveLength(5);
    expect(result.projection[0]?.revenueKrw).toBeCloseTo(1050 * EOK, 0);
    expect(result.projection[4]?.revenueGrowth).toBeCloseTo(0.02, 12);
    const sum =
      result.projection.reduce((total, year) => total + year.presentValueKrw, 0) +
      result.terminalPresentValueKrw;
    expect(result.enterpriseValueKrw).toBeCloseTo(sum, 0);
    expect(result.valueKrw).toBeCloseTo(result.enterpriseValueKrw - 200 * EOK + 120 * EOK, 0);
    expect(result.valueKrw).toBeGreaterThan(0);
    expect(result.wacc.wacc).toBeGreaterThan(0.05);
    expect(result.wacc.wacc).toBeLessThan(0.1);
  });

  it('rejects a loss-making company', () => {
    const result = fcffDcf({
      years: [company({ operatingIncome: -50 * EOK })],
      sector: null,
      revenueGrowth: 0,
      costOfEquity: rate,
      equityForWeights: bookEquity,
      options: DEFAULT_FCFF_OPTIONS,
    });
    expect(result).toEqual({
      status: 'not_available',
      reason:
        'the terminal-year NOPAT is -53.6억원 at an operating margin of -5.00%, not positive, so a loss-making company has no going-concern DCF value under these ratios',
    });
  });

  it('rejects negative book equity', () => {
    const result = fcffDcf({
      years: [company({ equity: -20 * EOK })],
      sector: null,
      revenueGrowth: 0,
      costOfEquity: rate,
      equityForWeights: { krw: -20 * EOK, basis: 'book' },
      options: DEFAULT_FCFF_OPTIONS,
    });
    expect(result).toEqual({
      status: 'not_available',
      reason: 'book equity (자본) is -20억원, not positive, so the WACC weights are undefined',
    });
  });

  it('rejects missing revenue', () => {
    const result = fcffDcf({
      years: [company({ revenue: undefined })],
      sector: null,
      revenueGrowth: 0,
      costOfEquity: rate,
      equityForWeights: bookEquity,
      options: DEFAULT_FCFF_OPTIONS,
    });
    expect(result).toEqual({
      status: 'not_available',
      reason: '매출액 (revenue) for 2020-12 is missing or not positive',
    });
  });

  it('rejects a company with no statements', () => {
    const result = fcffDcf({
      years: [],
      sector: null,
      revenueGrowth: 0,
      costOfEquity: rate,
      equityForWeights: bookEquity,
      options: DEFAULT_FCFF_OPTIONS,
    });
    expect(result).toEqual({
      status: 'not_available',
      reason: 'no financial statements on or before the valuation date',
    });
  });

  it('rejects net debt above enterprise value', () => {
    const result = fcffDcf({
      years: [company({ operatingIncome: 10 * EOK, longTermBorrowings: 2000 * EOK })],
      sector: null,
      revenueGrowth: 0,
      costOfEquity: rate,
      equityForWeights: bookEquity,
      options: DEFAULT_FCFF_OPTIONS,
    });
    expect(result.status).toBe('not_available');
    expect(reasonOf(result)).toMatch(
      /^the enterprise value .* does not cover net debt .*, so equity has no DCF value$/,
    );
  });

  it('rejects a WACC at or below terminal growth', () => {
    const result = fcffDcf({
      years: [company()],
      sector: null,
      revenueGrowth: 0,
      costOfEquity: ok({ rate: 0.01, riskFreeRate: 0.005 }),
      equityForWeights: bookEquity,
      options: DEFAULT_FCFF_OPTIONS,
    });
    expect(result.status).toBe('not_available');
    expect(reasonOf(result)).toMatch(
      /is not above the terminal growth 2.00%, so the terminal value is unbounded$/,
    );
  });

  it('does not apply to financial companies', () => {
    const result = fcffDcf({
      years: [company()],
      sector: 'finance',
      revenueGrowth: 0,
      costOfEquity: rate,
      equityForWeights: bookEquity,
      options: DEFAULT_FCFF_OPTIONS,
    });
    expect(result.status).toBe('not_available');
  });

  it('takes debt as zero when no borrowings are reported', () => {
    const result = fcffDcf({
      years: [
        company({
          shortTermBorrowings: undefined,
          longTermBorrowings: undefined,
          interestExpense: undefined,
        }),
      ],
      sector: null,
      revenueGrowth: 0.03,
      costOfEquity: rate,
      equityForWeights: bookEquity,
      options: DEFAULT_FCFF_OPTIONS,
    });
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.debtKrw).toBe(0);
    expect(result.wacc.wacc).toBe(0.1);
    expect(result.assumptions).toContain('no borrowings or bonds reported: interest-bearing debt taken as 0');
  });
});

describe('first-version DCF', () => {
  const multiple = ok({ value: 8, source: 'comparables median', companies: 5 });

  it('follows its formula', () => {
    const result = referenceDcf({
      latest: company(),
      growth: growth(0.1),
      discountRate: ok({ rate: 0.1 }),
      ebitdaMultiple: multiple,
      includeLocalIncomeTax: true,
    });
    if (result.status !== 'ok') throw new Error(result.reason);
    const operating = 110 * EOK;
    expect(result.tax.taxableIncomeKrw).toBeCloseTo(operating, 0);
    expect(result.nopatKrw).toBeCloseTo(operating - result.tax.taxKrw, 0);
    expect(result.cashFlowBeforeMultipleKrw).toBeCloseTo(result.nopatKrw + 44 * EOK, 0);
    expect(result.valueKrw).toBeCloseTo((result.cashFlowBeforeMultipleKrw * 8) / 0.1, 0);
    expect(result.tax.fiscalYear).toBe(2021);
  });

  it('rejects losses', () => {
    const result = referenceDcf({
      latest: company({ operatingIncome: -100 * EOK, depreciation: 10 * EOK }),
      growth: growth(0),
      discountRate: ok({ rate: 0.1 }),
      ebitdaMultiple: multiple,
      includeLocalIncomeTax: true,
    });
    expect(result).toEqual({
      status: 'not_available',
      reason:
        'projected NOPAT + depreciation is -90억원 (operating income -100억원), not positive, so a perpetuity of it has no value',
    });
  });

  it('rejects missing depreciation', () => {
    const result = referenceDcf({
      latest: company({ depreciation: undefined }),
      growth: growth(0),
      discountRate: ok({ rate: 0.1 }),
      ebitdaMultiple: multiple,
      includeLocalIncomeTax: true,
    });
    expect(result).toEqual({
      status: 'not_available',
      reason: 'no 감가상각비 (depreciation) reported for 2020-12',
    });
  });

  it('passes on a missing discount rate', () => {
    const result = referenceDcf({
      latest: company(),
      growth: growth(0),
      discountRate: { status: 'not_available', reason: 'no index' },
      ebitdaMultiple: multiple,
      includeLocalIncomeTax: true,
    });
    expect(result).toEqual({ status: 'not_available', reason: 'no discount rate: no index' });
  });
});
