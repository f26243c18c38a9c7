import { type Wacc, weightedCostOfCapital } from './capm.js';
import { eok, notAvailable, type Outcome, ok, percent } from './outcome.js';
import {
  capitalExpenditure,
  depreciationAndAmortisation,
  type FiscalYear,
  interestBearingDebt,
} from './statements.js';
import { corporateTax, fiscalStartYear } from './tax.js';

/**
 * Standard free cash flow to the firm (FCFF) DCF. Revenue is projected for a few years with growth
 * fading linearly to the terminal rate; EBIT and D&A are the company's average ratios to revenue;
 * capital expenditure fades from its historical ratio to the D&A ratio (maintenance) by the last
 * year; FCFF = EBIT - tax + D&A - capex - change in working capital. The terminal value uses the
 * value-driver formula NOPAT * (1 - g / RONIC) / (WACC - g) with the return on new invested capital
 * equal to the WACC, i.e. growth after the horizon creates no excess value. Equity value =
 * enterprise value - interest-bearing debt + cash.
 */

export interface FcffOptions {
  horizonYears: number;
  /** Long-run nominal growth after the horizon, an assumption the result repeats. */
  terminalGrowth: number;
  includeLocalIncomeTax: boolean;
}

export const DEFAULT_FCFF_OPTIONS: FcffOptions = {
  horizonYears: 5,
  terminalGrowth: 0.02,
  includeLocalIncomeTax: true,
};

/** Ratios are averaged over at most this many latest fiscal years. */
const RATIO_YEARS = 3;

/**
 * Bound on operating working capital as a share of revenue. Current assets in the statements
 * include short-term financial instruments, which would otherwise count as working capital.
 */
const MAX_WORKING_CAPITAL_RATIO = 0.3;

export interface FcffYear {
  year: number;
  revenueGrowth: number;
  revenueKrw: number;
  ebitKrw: number;
  taxKrw: number;
  nopatKrw: number;
  depreciationKrw: number;
  capexKrw: number;
  workingCapitalChangeKrw: number;
  fcffKrw: number;
  discountFactor: number;
  presentValueKrw: number;
}

export interface FcffDcf {
  basePeriod: string;
  ratios: {
    operatingMargin: number;
    depreciation: number;
    capex: number;
    workingCapital: number;
    years: string[];
  };
  assumptions: string[];
  wacc: Wacc;
  projection: FcffYear[];
  terminalGrowth: number;
  terminalNopatKrw: number;
  /** Share of terminal NOPAT reinvested: g / RONIC with RONIC = WACC. */
  terminalReinvestmentRate: number;
  terminalFcffKrw: number;
  terminalValueKrw: number;
  terminalPresentValueKrw: number;
  enterpriseValueKrw: number;
  debtKrw: number;
  cashKrw: number;
  valueKrw: number;
}

function ratio(
  years: readonly FiscalYear[],
  read: (year: FiscalYear) => number | undefined,
): number | undefined {
  let numerator = 0;
  let denominator = 0;
  for (const year of years) {
    const value = read(year);
    const revenue = year.items.revenue;
    if (value === undefined || revenue === undefined || !(revenue > 0)) continue;
    numerator += value;
    denominator += revenue;
  }
  return denominator > 0 ? numerator / denominator : undefined;
}

/** Values a company by FCFF from its fiscal years up to the valuation date. */
export function fcffDcf(input: {
  years: readonly FiscalYear[];
  /** Sector code; 'finance' has no FCFF value. */
  sector: string | null;
  revenueGrowth: number;
  costOfEquity: Outcome<{ rate: number; riskFreeRate: number }>;
  /** Equity for the WACC weights: market capitalisation when listed, book equity otherwise. */
  equityForWeights: { krw: number; basis: 'market_cap' | 'book' };
  options: FcffOptions;
}): Outcome<FcffDcf> {
  const { options } = input;
  if (input.sector === 'finance') {
    return notAvailable(
      'FCFF DCF does not apply to financial companies, whose borrowings are operating liabilities rather than financing',
    );
  }
  const latest = input.years[input.years.length - 1];
  if (!latest) return notAvailable('no financial statements on or before the valuation date');
  if (!(latest.items.revenue !== undefined && latest.items.revenue > 0)) {
    return notAvailable(`매출액 (revenue) for ${latest.period} is missing or not positive`);
  }
  if (input.costOfEquity.status !== 'ok')
    return notAvailable(`no cost of equity: ${input.costOfEquity.reason}`);
  if (!(input.equityForWeights.krw > 0)) {
    const basis = input.equityForWeights.basis === 'book' ? 'book equity (자본)' : 'market capitalisation';
    return notAvailable(
      `${basis} is ${eok(input.equityForWeights.krw)}, not positive, so the WACC weights are undefined`,
    );
  }
  const recent = input.years.slice(-RATIO_YEARS);
  const assumptions: string[] = [];
  const operatingMargin = ratio(recent, (year) => year.items.operatingIncome);
  if (operatingMargin === undefined)
    return notAvailable(
      `no 영업이익 (operating income) with revenue in ${recent.map((y) => y.period).join(', ')}`,
    );
  let depreciationRatio = ratio(recent, depreciationAndAmortisation);
  if (depreciationRatio === undefined) {
    depreciationRatio = 0;
    assumptions.push('no depreciation reported: D&A taken as 0');
  }
  let capexRatio = ratio(recent, capitalExpenditure);
  if (capexRatio === undefined) {
    capexRatio = depreciationRatio;
    assumptions.push('no capital expenditure reported: capex taken equal to D&A (maintenance only)');
  }
  const workingCapitalOf = (year: FiscalYear) => {
    const { currentAssets, currentLiabilities, cash, shortTermBorrowings } = year.items;
    if (currentAssets === undefined || currentLiabilities === undefined) return undefined;
    return currentAssets - (cash ?? 0) - (currentLiabilities - (shortTermBorrowings ?? 0));
  };
  let workingCapitalRatio = ratio([latest], workingCapitalOf);
  if (workingCapitalRatio === undefined) {
    workingCapitalRatio = 0;
    assumptions.push('no current assets or liabilities reported: working capital changes taken as 0');
  } else if (Math.abs(workingCapitalRatio) > MAX_WORKING_CAPITAL_RATIO) {
    const clipped = Math.sign(workingCapitalRatio) * MAX_WORKING_CAPITAL_RATIO;
    assumptions.push(
      `working capital of ${percent(workingCapitalRatio)} of revenue clipped to ${percent(clipped)}: current assets include short-term investments the statements do not separate`,
    );
    workingCapitalRatio = clipped;
  }

  const debt = interestBearingDebt(latest);
  if (!debt.reported) assumptions.push('no borrowings or bonds reported: interest-bearing debt taken as 0');
  const cash = latest.items.cash ?? 0;
  const baseYear = fiscalStartYear(latest.period);
  const marginalTax = corporateTax(latest.items.pretaxIncome ?? latest.items.operatingIncome ?? 0, baseYear, {
    includeLocalIncomeTax: options.includeLocalIncomeTax,
  }).marginalRate;
  const wacc = weightedCostOfCapital({
    costOfEquity: input.costOfEquity.rate,
    riskFreeRate: input.costOfEquity.riskFreeRate,
    equityKrw: input.equityForWeights.krw,
    debtKrw: debt.value,
    interestExpenseKrw: latest.items.interestExpense,
    taxRate: marginalTax,
  });
  if (!(wacc.wacc > options.terminalGrowth)) {
    return notAvailable(
      `the WACC ${percent(wacc.wacc)} is not above the terminal growth ${percent(options.terminalGrowth)}, so the terminal value is unbounded`,
    );
  }

  const projection: FcffYear[] = [];
  let previousRevenue = latest.items.revenue;
  const horizon = Math.max(1, options.horizonYears);
  const yearOf = (step: number, growth: number): FcffYear => {
    const revenue = previousRevenue * (1 + growth);
    const ebit = revenue * operatingMargin;
    const tax = corporateTax(ebit, baseYear + step, {
      includeLocalIncomeTax: options.includeLocalIncomeTax,
    }).taxKrw;
    const depreciation = revenue * depreciationRatio;
    const capexFade = horizon === 1 ? 1 : Math.min((step - 1) / (horizon - 1), 1);
    const capex = revenue * (capexRatio + (depreciationRatio - capexRatio) * capexFade);
    const workingCapitalChange = workingCapitalRatio * (revenue - previousRevenue);
    const fcff = ebit - tax + depreciation - capex - workingCapitalChange;
    const discountFactor = (1 + wacc.wacc) ** -step;
    previousRevenue = revenue;
    return {
      year: baseYear + step,
      revenueGrowth: growth,
      revenueKrw: revenue,
      ebitKrw: ebit,
      taxKrw: tax,
      nopatKrw: ebit - tax,
      depreciationKrw: depreciation,
      capexKrw: capex,
      workingCapitalChangeKrw: workingCapitalChange,
      fcffKrw: fcff,
      discountFactor,
      presentValueKrw: fcff * discountFactor,
    };
  };
  for (let step = 1; step <= horizon; step++) {
    const fade = horizon === 1 ? 1 : (step - 1) / (horizon - 1);
    projection.push(
      yearOf(step, input.revenueGrowth + (options.terminalGrowth - input.revenueGrowth) * fade),
    );
  }
  const terminal = yearOf(horizon + 1, options.terminalGrowth);
  if (!(terminal.nopatKrw > 0)) {
    return notAvailable(
      `the terminal-year NOPAT is ${eok(terminal.nopatKrw)} at an operating margin of ${percent(operatingMargin)}, ` +
        'not positive, so a loss-making company has no going-concern DCF value under these ratios',
    );
  }
  const reinvestmentRate = Math.max(0, options.terminalGrowth / wacc.wacc);
  const terminalFcff = terminal.nopatKrw * (1 - reinvestmentRate);
  const terminalValue = terminalFcff / (wacc.wacc - options.terminalGrowth);
  const terminalPresentValue = terminalValue * (1 + wacc.wacc) ** -horizon;
  const enterpriseValue =
    projection.reduce((sum, year) => sum + year.presentValueKrw, 0) + terminalPresentValue;
  const equityValue = enterpriseValue - debt.value + cash;
  if (!(equityValue > 0)) {
    return notAvailable(
      `the enterprise value ${eok(enterpriseValue)} does not cover net debt ${eok(debt.value - cash)}, so equity has no DCF value`,
    );
  }
  return ok({
    basePeriod: latest.period,
    ratios: {
      operatingMargin,
      depreciation: depreciationRatio,
      capex: capexRatio,
      workingCapital: workingCapitalRatio,
      years: recent.map((year) => year.period),
    },
    assumptions,
    wacc,
    projection,
    terminalGrowth: options.terminalGrowth,
    terminalNopatKrw: terminal.nopatKrw,
    terminalReinvestmentRate: reinvestmentRate,
    terminalFcffKrw: terminalFcff,
    terminalValueKrw: terminalValue,
    terminalPresentValueKrw: terminalPresentValue,
    enterpriseValueKrw: enterpriseValue,
    debtKrw: debt.value,
    cashKrw: cash,
    valueKrw: equityValue,
  });
}
