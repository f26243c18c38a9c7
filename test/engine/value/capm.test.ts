import { describe, expect, it } from 'vitest';
import { costOfEquity, weightedCostOfCapital } from '../../../engine/value/capm.js';

const riskFree = { rate: 0.02, date: '2021-11-05', series: 'BOK_BASE_RATE' };
const market = (annualised: number) => ({
  indexCode: 'KOSPI',
  from: '2018-11-30',
  to: '2021-11-05',
  startLevel: 2000,
  endLevel: 2600,
  annualised,
});

describe('CAPM', () => {
  it('prices equity as Rf + beta x premium', () => {
    const result = costOfEquity(riskFree, market(0.1), 1.25);
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.marketRiskPremium).toBeCloseTo(0.08, 12);
    expect(result.costOfEquity).toBeCloseTo(0.12, 12);
  });

  it('rejects a market return below Rf', () => {
    expect(costOfEquity(riskFree, market(0.01), 1)).toEqual({
      status: 'not_available',
      reason:
        'KOSPI returned 1.00% a year from 2018-11-30 to 2021-11-05, not above the risk-free rate 2.00%, so the market risk premium is not positive; use a longer beta window',
    });
  });

  it('rejects a negative cost of equity', () => {
    const result = costOfEquity(riskFree, market(0.1), -1);
    expect(result.status).toBe('not_available');
  });

  it('weights equity only without debt', () => {
    const wacc = weightedCostOfCapital({
      costOfEquity: 0.12,
      riskFreeRate: 0.02,
      equityKrw: 100,
      debtKrw: 0,
      interestExpenseKrw: undefined,
      taxRate: 0.22,
    });
    expect(wacc.wacc).toBe(0.12);
    expect(wacc.debtWeight).toBe(0);
    expect(wacc.costOfDebtSource).toBe('no interest-bearing debt');
  });

  it('uses interest over debt within bounds', () => {
    const wacc = weightedCostOfCapital({
      costOfEquity: 0.12,
      riskFreeRate: 0.02,
      equityKrw: 100,
      debtKrw: 100,
      interestExpenseKrw: 4,
      taxRate: 0.25,
    });
    expect(wacc.costOfDebt).toBeCloseTo(0.04, 12);
    expect(wacc.wacc).toBeCloseTo(0.5 * 0.12 + 0.5 * 0.04 * 0.75, 12);
    const capped = weightedCostOfCapital({
      costOfEquity: 0.12,
      riskFreeRate: 0.02,
      equityKrw: 100,
      debtKrw: 10,
      interestExpenseKrw: 5,
      taxRate: 0.25,
    });
    expect(capped.costOfDebt).toBeCloseTo(0.12, 12);
  });
});
