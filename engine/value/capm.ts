import type { AnnualisedReturn } from './market-series.js';
import { notAvailable, type Outcome, ok, percent } from './outcome.js';

/**
 * Cost of equity by CAPM: r = Rf + beta * (E[Rm] - Rf), all annual fractions. Rf is the rate series
 * value on the valuation date; E[Rm] is the index's annualised return over the beta window.
 */

/** The rate series read for Rf: the Bank of Korea base rate (percent a year). */
export const RISK_FREE_SERIES = 'BOK_BASE_RATE';

/**
 * Rf when the store has no rate series: the 3.5 % government bond yield of July 2023 that the first version
 * of this product used.
 */
export const FALLBACK_RISK_FREE_RATE = 0.035;

export interface RiskFreeRate {
  rate: number;
  /** Date of the observation used, or null for the fallback constant. */
  date: string | null;
  series: string | null;
}

export interface CostOfEquity {
  riskFree: RiskFreeRate;
  marketReturn: AnnualisedReturn;
  marketRiskPremium: number;
  beta: number;
  costOfEquity: number;
}

/**
 * Computes the CAPM cost of equity. A market return at or below Rf over the window gives "not
 * available", because CAPM then prices risk at zero or below and every DCF value would be inflated.
 */
export function costOfEquity(
  riskFree: RiskFreeRate,
  marketReturn: AnnualisedReturn,
  beta: number,
): Outcome<CostOfEquity> {
  const premium = marketReturn.annualised - riskFree.rate;
  if (!(premium > 0)) {
    return notAvailable(
      `${marketReturn.indexCode} returned ${percent(marketReturn.annualised)} a year from ${marketReturn.from} to ${marketReturn.to}, ` +
        `not above the risk-free rate ${percent(riskFree.rate)}, so the market risk premium is not positive; use a longer beta window`,
    );
  }
  const rate = riskFree.rate + beta * premium;
  if (!(rate > 0))
    return notAvailable(
      `CAPM gives a cost of equity of ${percent(rate)} for beta ${beta.toFixed(2)}; a DCF needs a positive rate`,
    );
  return ok({ riskFree, marketReturn, marketRiskPremium: premium, beta, costOfEquity: rate });
}

export interface Wacc {
  wacc: number;
  equityWeight: number;
  debtWeight: number;
  costOfEquity: number;
  /** Pre-tax cost of debt. */
  costOfDebt: number;
  /** Source of the cost of debt, in words. */
  costOfDebtSource: string;
  taxRate: number;
}

/**
 * Weighted average cost of capital with the given equity and debt amounts (KRW). The cost of debt is
 * interest expense over interest-bearing debt, kept within [Rf, Rf + 10 %]; without a usable interest
 * figure it is Rf + 2 %, a spread assumption stated in the result.
 */
export function weightedCostOfCapital(input: {
  costOfEquity: number;
  riskFreeRate: number;
  equityKrw: number;
  debtKrw: number;
  interestExpenseKrw: number | undefined;
  taxRate: number;
}): Wacc {
  const { costOfEquity: equityCost, riskFreeRate, equityKrw, debtKrw, taxRate } = input;
  let costOfDebt = riskFreeRate + 0.02;
  let source = 'Rf + 2% (no interest expense with debt reported)';
  if (debtKrw > 0 && input.interestExpenseKrw !== undefined && input.interestExpenseKrw > 0) {
    const implied = input.interestExpenseKrw / debtKrw;
    costOfDebt = Math.min(Math.max(implied, riskFreeRate), riskFreeRate + 0.1);
    source =
      implied === costOfDebt
        ? 'interest expense / debt'
        : `interest expense / debt (${percent(implied)}) kept within [Rf, Rf + 10%]`;
  }
  const total = equityKrw + Math.max(debtKrw, 0);
  const debtWeight = total > 0 ? Math.max(debtKrw, 0) / total : 0;
  const equityWeight = 1 - debtWeight;
  return {
    wacc: equityWeight * equityCost + debtWeight * costOfDebt * (1 - taxRate),
    equityWeight,
    debtWeight,
    costOfEquity: equityCost,
    costOfDebt,
    costOfDebtSource: debtKrw > 0 ? source : 'no interest-bearing debt',
    taxRate,
  };
}
