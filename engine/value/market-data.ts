import type { Kysely } from 'kysely';
import type { Database } from '../../data/store/tables.js';
import { indexSeries, latestPriceDate, rateOnOrBefore } from '../../data/store/valuation-queries.js';
import { FALLBACK_RISK_FREE_RATE, RISK_FREE_SERIES, type RiskFreeRate } from './capm.js';
import { IndexLevels } from './market-series.js';

/**
 * The market side of a valuation: the valuation date, index level series and the risk-free rate on that date.
 */

export const INDEX_CODES = ['KOSPI', 'KOSDAQ'] as const;
export type IndexCode = (typeof INDEX_CODES)[number];

export interface MarketData {
  /** Valuation date, YYYY-MM-DD. */
  asOf: string;
  /** Origin of the date: the caller, the latest stored price, or today when the store has no prices. */
  asOfSource: 'option' | 'latest_price' | 'today';
  indexes: Map<IndexCode, IndexLevels>;
  riskFree: RiskFreeRate;
  /** Set when the rate series was missing and the constant fallback was used. */
  riskFreeFallback: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Loads index series and the risk-free rate for a valuation date (default: the latest stored month-end
 * price).
 */
export async function loadMarketData(db: Kysely<Database>, asOf?: string): Promise<MarketData> {
  if (asOf !== undefined && !DATE.test(asOf))
    throw new RangeError(`Valuation date must be YYYY-MM-DD, got "${asOf}".`);
  let date = asOf;
  let asOfSource: MarketData['asOfSource'] = 'option';
  if (!date) {
    const latest = await latestPriceDate(db);
    date = latest ?? new Date().toISOString().slice(0, 10);
    asOfSource = latest ? 'latest_price' : 'today';
  }
  const indexes = new Map<IndexCode, IndexLevels>();
  for (const code of INDEX_CODES) {
    const closes = await indexSeries(db, code, 'close');
    const levels =
      closes.length > 0
        ? IndexLevels.fromCloses(code, closes)
        : IndexLevels.fromReturns(code, await indexSeries(db, code, 'return'));
    if (levels.size > 0) indexes.set(code, levels);
  }
  const observed = await rateOnOrBefore(db, RISK_FREE_SERIES, date);
  const riskFree: RiskFreeRate = observed
    ? { rate: observed.ratePct / 100, date: observed.date, series: RISK_FREE_SERIES }
    : { rate: FALLBACK_RISK_FREE_RATE, date: null, series: null };
  const riskFreeFallback = observed
    ? null
    : `no ${RISK_FREE_SERIES} observation on or before ${date}; Rf is the 3.5% government bond yield of July 2023`;
  return { asOf: date, asOfSource, indexes, riskFree, riskFreeFallback };
}
