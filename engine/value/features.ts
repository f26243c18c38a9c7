import { historicalCagr } from './growth.js';
import { notAvailable, type Outcome, ok } from './outcome.js';
import type { FiscalYear } from './statements.js';

/**
 * Statement features for the market-value regression, from a company's latest fiscal year. Amounts
 * enter as ln(1 + x / 1억원) so that sizes from 1억원 to 400조원 span a few units; signed amounts
 * (profits, losses) as sign(x) * ln(1 + |x| / 1억원); ratios are clipped so one odd company cannot
 * dominate the fit.
 */

export const FEATURE_NAMES = [
  'ln_revenue',
  'ln_assets',
  'ln_equity',
  'negative_equity',
  'signed_ln_operating_income',
  'signed_ln_net_income',
  'ln_cash',
  'operating_margin',
  'return_on_assets',
  'liabilities_to_assets',
  'research_intensity',
  'revenue_growth',
] as const;

const EOK = 1e8;

const lnAmount = (krw: number) => Math.log1p(Math.max(krw, 0) / EOK);
const signedLn = (krw: number) => Math.sign(krw) * Math.log1p(Math.abs(krw) / EOK);
const clip = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

export interface FeatureVector {
  period: string;
  values: number[];
  /** Items that were missing and entered as 0. */
  imputed: string[];
}

/**
 * Builds the regression features. Total assets and either revenue or net income are required;
 * other missing items enter as 0 and are listed in `imputed`.
 */
export function regressionFeatures(years: readonly FiscalYear[]): Outcome<FeatureVector> {
  const latest = years[years.length - 1];
  if (!latest) return notAvailable('no financial statements on or before the valuation date');
  const { revenue, assets, equity, operatingIncome, netIncome, cash, liabilities, researchExpense } =
    latest.items;
  if (assets === undefined || !(assets > 0))
    return notAvailable(`자산 (total assets) for ${latest.period} is missing or not positive`);
  if (revenue === undefined && netIncome === undefined) {
    return notAvailable(
      `neither 매출액 (revenue) nor 당기순이익 (net income) is reported for ${latest.period}`,
    );
  }
  const imputed: string[] = [];
  const read = (value: number | undefined, name: string) => {
    if (value === undefined) imputed.push(name);
    return value ?? 0;
  };
  const revenueKrw = read(revenue, '매출액');
  const equityKrw = read(equity, '자본');
  const operatingKrw = read(operatingIncome, '영업이익');
  const netKrw = read(netIncome, '당기순이익');
  const cashKrw = read(cash, '현금및현금성자산');
  const liabilitiesKrw = read(liabilities, '부채');
  const growth = historicalCagr(years, 'revenue');
  const values = [
    lnAmount(revenueKrw),
    lnAmount(assets),
    lnAmount(equityKrw),
    equityKrw < 0 ? 1 : 0,
    signedLn(operatingKrw),
    signedLn(netKrw),
    lnAmount(cashKrw),
    revenueKrw > 0 ? clip(operatingKrw / revenueKrw, -1, 1) : 0,
    clip(netKrw / assets, -1, 1),
    clip(liabilitiesKrw / assets, 0, 2),
    revenueKrw > 0 && researchExpense !== undefined ? clip(researchExpense / revenueKrw, 0, 1) : 0,
    growth.status === 'ok' ? clip(growth.rate, -0.5, 1) : 0,
  ];
  return ok({ period: latest.period, values, imputed });
}
