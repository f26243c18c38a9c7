import type { MonthlyCloseRow } from '../../data/store/valuation-queries.js';
import { addMonths, type IndexLevels, monthEnd } from './market-series.js';
import { notAvailable, type Outcome, ok } from './outcome.js';

/**
 * Levered equity beta by ordinary least squares of a stock's monthly returns on its index's monthly
 * returns. Index returns are measured between the same dates as the stock's closes, so a month
 * whose last close falls early (a partial final month) is compared with the index over the same days.
 */

export interface BetaOptions {
  /** Valuation date, YYYY-MM-DD: the window ends at the last month with a close on or before it. */
  asOf: string;
  /** Months of returns in the window; 60 (five years of monthly returns) is the common practice. */
  windowMonths: number;
  /** Fewer monthly returns than this give "not available". */
  minMonths: number;
  /** Report Blume's adjusted beta, 0.67 * beta + 0.33, which shrinks estimates towards 1. */
  blume: boolean;
  /**
   * Monthly returns outside [-66.7 %, +200 %] (|ln(1 + r)| > ln 3) are dropped, because the stored
   * closes are not adjusted for splits and mergers, which show up as such jumps.
   */
  maxAbsLogReturn: number;
}

export const DEFAULT_BETA_OPTIONS: Omit<BetaOptions, 'asOf'> = {
  windowMonths: 60,
  minMonths: 24,
  blume: false,
  maxAbsLogReturn: Math.log(3),
};

export interface OlsFit {
  slope: number;
  intercept: number;
  /** Standard error of the slope, from the residual variance with n - 2 degrees of freedom. */
  slopeStandardError: number;
  rSquared: number;
  observations: number;
}

/** Fits y = intercept + slope * x by OLS; undefined when x has no variance or fewer than 3 points. */
export function fitOls(x: readonly number[], y: readonly number[]): OlsFit | undefined {
  const n = Math.min(x.length, y.length);
  if (n < 3) return undefined;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i] as number;
    meanY += y[i] as number;
  }
  meanX /= n;
  meanY /= n;

  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - meanX;
    const dy = (y[i] as number) - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) return undefined;

  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const residualSumOfSquares = Math.max(0, syy - slope * sxy);
  const residualVariance = residualSumOfSquares / (n - 2);
  return {
    slope,
    intercept,
    slopeStandardError: Math.sqrt(residualVariance / sxx),
    rSquared: syy > 0 ? 1 - residualSumOfSquares / syy : 0,
    observations: n,
  };
}

export interface BetaEstimate {
  indexCode: string;
  /** Raw OLS beta. */
  beta: number;
  /** The beta to use: Blume-adjusted when requested, otherwise the raw beta. */
  adjustedBeta: number;
  blume: boolean;
  alphaMonthly: number;
  standardError: number;
  rSquared: number;
  months: number;
  /** First and last close dates of the window, YYYY-MM-DD. */
  window: { from: string; to: string };
  droppedReturns: number;
}

/**
 * Estimates a company's levered beta from its month-end closes over the window that ends at the
 * valuation date. Reasons for "not available": no closes, too few monthly returns, or an index
 * series that does not cover the window.
 */
export function estimateBeta(
  closes: readonly MonthlyCloseRow[],
  index: IndexLevels,
  options: BetaOptions,
): Outcome<BetaEstimate> {
  const asOfMonth = options.asOf.slice(0, 7);
  const usable = closes
    .filter((row) => row.month <= asOfMonth && (row.lastTradingDate ?? monthEnd(row.month)) <= options.asOf)
    .filter((row) => Number.isFinite(row.closeKrw) && row.closeKrw > 0);
  const last = usable[usable.length - 1];
  if (!last) return notAvailable(`no monthly closes on or before ${options.asOf}`);
  const firstMonth = addMonths(last.month, -options.windowMonths);
  const inWindow = usable.filter((row) => row.month >= firstMonth);

  const stockReturns: number[] = [];
  const marketReturns: number[] = [];
  let dropped = 0;
  let missingIndex = 0;
  for (let i = 1; i < inWindow.length; i++) {
    const previous = inWindow[i - 1] as MonthlyCloseRow;
    const current = inWindow[i] as MonthlyCloseRow;
    if (addMonths(previous.month, 1) !== current.month) continue;
    const startLevel = index.levelOnOrBefore(previous.lastTradingDate ?? monthEnd(previous.month));
    const endLevel = index.levelOnOrBefore(current.lastTradingDate ?? monthEnd(current.month));
    if (!startLevel || !endLevel) {
      missingIndex++;
      continue;
    }
    const stockReturn = current.closeKrw / previous.closeKrw - 1;
    if (Math.abs(Math.log1p(stockReturn)) > options.maxAbsLogReturn) {
      dropped++;
      continue;
    }
    stockReturns.push(stockReturn);
    marketReturns.push(endLevel.value / startLevel.value - 1);
  }
  const windowText = `${inWindow[0]?.month ?? last.month}..${last.month}`;
  if (stockReturns.length < options.minMonths) {
    const extra =
      missingIndex > 0 ? `; ${index.indexCode} has no level for ${missingIndex} of the months` : '';
    return notAvailable(
      `only ${stockReturns.length} monthly returns in the window ${windowText} (at least ${options.minMonths} are needed${extra})`,
    );
  }
  const fit = fitOls(marketReturns, stockReturns);
  if (!fit)
    return notAvailable(`${index.indexCode} returns do not vary over ${windowText}, so beta is undefined`);
  const adjusted = options.blume ? 0.67 * fit.slope + 0.33 : fit.slope;
  return ok({
    indexCode: index.indexCode,
    beta: fit.slope,
    adjustedBeta: adjusted,
    blume: options.blume,
    alphaMonthly: fit.intercept,
    standardError: fit.slopeStandardError,
    rSquared: fit.rSquared,
    months: fit.observations,
    window: {
      from:
        (inWindow[0] as MonthlyCloseRow).lastTradingDate ?? monthEnd((inWindow[0] as MonthlyCloseRow).month),
      to: last.lastTradingDate ?? monthEnd(last.month),
    },
    droppedReturns: dropped,
  });
}

/**
 * Picks the index a company's beta is measured against: KOSDAQ for KOSDAQ and KONEX stocks, KOSPI
 * for the rest. KONEX has no index series in the data, and its firms resemble KOSDAQ's more.
 */
export function indexCodeForMarket(market: string | null): 'KOSPI' | 'KOSDAQ' {
  const upper = market?.toUpperCase() ?? '';
  return upper.startsWith('KOSDAQ') || upper.startsWith('KONEX') ? 'KOSDAQ' : 'KOSPI';
}
