import { notAvailable, type Outcome, ok, percent } from './outcome.js';
import { ACCOUNTS, type FiscalYear } from './statements.js';

/**
 * Annual growth per statement item. The trained growth model (trained-models.ts) is used when its
 * artifact loads; otherwise growth comes from this fallback chain, and each item says which step ran: the company's own compound annual growth rate
 * (CAGR) clipped to GROWTH_BAND, else the median CAGR of listed companies in its sector, else the
 * median of all listed companies, else zero.
 */

/**
 * The items the first version of this product projected: revenue, liabilities, equity, net income, operating
 * income, cash, depreciation.
 */
export const GROWTH_ITEMS = [
  'revenue',
  'liabilities',
  'equity',
  'netIncome',
  'operatingIncome',
  'cash',
  'depreciation',
] as const;
export type GrowthItem = (typeof GROWTH_ITEMS)[number];

/** Annual growth outside this band is clipped: two or three years of history rarely support more. */
export const GROWTH_BAND = { min: -0.2, max: 0.3 } as const;

/** Sector medians need at least this many companies; smaller sectors use the market median. */
export const MIN_SECTOR_COMPANIES = 5;

export type GrowthSource = 'growth_model' | 'own_cagr' | 'sector_median' | 'market_median' | 'zero';

export interface GrowthEstimate {
  item: GrowthItem;
  account: string;
  /** Annual growth rate as a fraction. */
  rate: number;
  source: GrowthSource;
  clipped: boolean;
  /** Why this source was used, e.g. why the company's own CAGR was not usable. */
  detail: string;
}

export interface GrowthBenchmarks {
  bySector: Map<string, Partial<Record<GrowthItem, { median: number; companies: number }>>>;
  market: Partial<Record<GrowthItem, { median: number; companies: number }>>;
}

function monthsBetween(fromPeriod: string, toPeriod: string): number {
  const [fromYear, fromMonth] = fromPeriod.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = toPeriod.split('-').map(Number) as [number, number];
  return (toYear - fromYear) * 12 + (toMonth - fromMonth);
}

/**
 * The item's CAGR between its first and last reported fiscal years, over the actual span (a missing
 * middle year does not shorten the span). Needs two years, both positive.
 */
export function historicalCagr(
  years: readonly FiscalYear[],
  item: GrowthItem,
): Outcome<{ rate: number; from: string; to: string }> {
  const account = ACCOUNTS[item];
  const reported = years.filter((year) => year.items[item] !== undefined);
  const first = reported[0];
  const last = reported[reported.length - 1];
  if (!first || !last) return notAvailable(`no ${account} reported`);
  if (first === last) return notAvailable(`only one fiscal year (${first.period}) of ${account}`);
  const start = first.items[item] as number;
  const end = last.items[item] as number;
  if (!(start > 0 && end > 0)) {
    return notAvailable(
      `${account} is not positive in ${start > 0 ? last.period : first.period}, so its CAGR is undefined`,
    );
  }
  const spanYears = monthsBetween(first.period, last.period) / 12;
  return ok({ rate: (end / start) ** (1 / spanYears) - 1, from: first.period, to: last.period });
}

function clip(rate: number): { rate: number; clipped: boolean } {
  const clippedRate = Math.min(Math.max(rate, GROWTH_BAND.min), GROWTH_BAND.max);
  return { rate: clippedRate, clipped: clippedRate !== rate };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Median clipped CAGR per item, per sector and over all the given (listed) companies. */
export function growthBenchmarks(
  companies: Iterable<{ sector: string | null; years: readonly FiscalYear[] }>,
): GrowthBenchmarks {
  const bySectorValues = new Map<string, Map<GrowthItem, number[]>>();
  const marketValues = new Map<GrowthItem, number[]>();
  for (const company of companies) {
    for (const item of GROWTH_ITEMS) {
      const cagr = historicalCagr(company.years, item);
      if (cagr.status !== 'ok') continue;
      const { rate } = clip(cagr.rate);
      marketValues.set(item, [...(marketValues.get(item) ?? []), rate]);
      if (!company.sector) continue;
      const sectorMap = bySectorValues.get(company.sector) ?? new Map<GrowthItem, number[]>();
      sectorMap.set(item, [...(sectorMap.get(item) ?? []), rate]);
      bySectorValues.set(company.sector, sectorMap);
    }
  }
  const summarise = (values: Map<GrowthItem, number[]>, minimum: number) => {
    const out: Partial<Record<GrowthItem, { median: number; companies: number }>> = {};
    for (const [item, list] of values) {
      if (list.length >= minimum) out[item] = { median: median(list), companies: list.length };
    }
    return out;
  };
  const bySector = new Map<string, Partial<Record<GrowthItem, { median: number; companies: number }>>>();
  for (const [sector, values] of bySectorValues)
    bySector.set(sector, summarise(values, MIN_SECTOR_COMPANIES));
  return { bySector, market: summarise(marketValues, 1) };
}

/** Growth of every projected item for one company, with the fallback step used for each. */
export function estimateGrowth(
  years: readonly FiscalYear[],
  sector: string | null,
  benchmarks: GrowthBenchmarks,
): GrowthEstimate[] {
  return GROWTH_ITEMS.map((item) => {
    const account = ACCOUNTS[item];
    const own = historicalCagr(years, item);
    if (own.status === 'ok') {
      const { rate, clipped } = clip(own.rate);
      const detail = clipped
        ? `own CAGR ${own.from}..${own.to} of ${percent(own.rate)} clipped to [${percent(GROWTH_BAND.min)}, ${percent(GROWTH_BAND.max)}]`
        : `own CAGR ${own.from}..${own.to}`;
      return { item, account, rate, source: 'own_cagr', clipped, detail };
    }
    const sectorMedian = sector ? benchmarks.bySector.get(sector)?.[item] : undefined;
    if (sectorMedian) {
      const detail = `${own.reason}; median of ${sectorMedian.companies} listed companies in sector ${sector}`;
      return { item, account, rate: sectorMedian.median, source: 'sector_median', clipped: false, detail };
    }
    const marketMedian = benchmarks.market[item];
    if (marketMedian) {
      const detail = `${own.reason}; no sector median (sector ${sector ?? 'unknown'}), so the median of ${marketMedian.companies} listed companies`;
      return { item, account, rate: marketMedian.median, source: 'market_median', clipped: false, detail };
    }
    return {
      item,
      account,
      rate: 0,
      source: 'zero',
      clipped: false,
      detail: `${own.reason}; no listed-company growth to fall back on, so 0`,
    };
  });
}
