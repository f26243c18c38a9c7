import { eok, notAvailable, type Outcome, ok } from './outcome.js';
import type { FiscalYear } from './statements.js';

/**
 * The sector multiple baseline: the median price/earnings ratio of listed companies in the
 * company's sector times its net income. A company without positive net income gets the median
 * price/sales ratio times its revenue. Sectors with too few companies use the market-wide median.
 */

const MIN_COMPANIES = 5;

export interface MultipleTable {
  bySector: Map<string, { priceEarnings?: Median; priceSales?: Median }>;
  market: { priceEarnings?: Median; priceSales?: Median };
}

interface Median {
  value: number;
  /** Lower and upper quartiles, for the valuation range. */
  lower: number;
  upper: number;
  companies: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return (
    (sorted[below] as number) + ((sorted[above] as number) - (sorted[below] as number)) * (position - below)
  );
}

function median(values: number[]): Median | undefined {
  if (values.length < MIN_COMPANIES) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    value: quantile(sorted, 0.5),
    lower: quantile(sorted, 0.25),
    upper: quantile(sorted, 0.75),
    companies: values.length,
  };
}

/** Sector and market medians of P/E (positive earnings only) and P/S (positive revenue only). */
export function fitMultiples(
  samples: Iterable<{ sector: string | null; latest: FiscalYear; marketCapKrw: number }>,
): MultipleTable {
  const sectorValues = new Map<string, { pe: number[]; ps: number[] }>();
  const market = { pe: [] as number[], ps: [] as number[] };
  for (const sample of samples) {
    const { netIncome, revenue } = sample.latest.items;
    const lists = [market];
    if (sample.sector) {
      const entry = sectorValues.get(sample.sector) ?? { pe: [], ps: [] };
      sectorValues.set(sample.sector, entry);
      lists.push(entry);
    }
    for (const list of lists) {
      if (netIncome !== undefined && netIncome > 0) list.pe.push(sample.marketCapKrw / netIncome);
      if (revenue !== undefined && revenue > 0) list.ps.push(sample.marketCapKrw / revenue);
    }
  }
  const bySector: MultipleTable['bySector'] = new Map();
  for (const [sector, values] of sectorValues) {
    const pe = median(values.pe);
    const ps = median(values.ps);
    bySector.set(sector, { ...(pe ? { priceEarnings: pe } : {}), ...(ps ? { priceSales: ps } : {}) });
  }
  const pe = median(market.pe);
  const ps = median(market.ps);
  return { bySector, market: { ...(pe ? { priceEarnings: pe } : {}), ...(ps ? { priceSales: ps } : {}) } };
}

export interface MultipleValue {
  multiple: 'price_earnings' | 'price_sales';
  scope: 'sector' | 'market';
  ratio: number;
  /** Interquartile range of the multiple among the same companies. */
  ratioRange: { lower: number; upper: number };
  companies: number;
  baseKrw: number;
  valueKrw: number;
}

/** Values a company by the sector (or market) median multiple. */
export function valueByMultiple(
  latest: FiscalYear | undefined,
  sector: string | null,
  table: MultipleTable,
): Outcome<MultipleValue> {
  if (!latest) return notAvailable('no financial statements on or before the valuation date');
  const sectorTable = sector ? table.bySector.get(sector) : undefined;
  const { netIncome, revenue } = latest.items;
  if (netIncome !== undefined && netIncome > 0) {
    const median = sectorTable?.priceEarnings ?? table.market.priceEarnings;
    if (median) {
      const scope = sectorTable?.priceEarnings ? 'sector' : 'market';
      return ok({
        multiple: 'price_earnings',
        scope,
        ratio: median.value,
        ratioRange: { lower: median.lower, upper: median.upper },
        companies: median.companies,
        baseKrw: netIncome,
        valueKrw: netIncome * median.value,
      });
    }
  }
  if (revenue !== undefined && revenue > 0) {
    const median = sectorTable?.priceSales ?? table.market.priceSales;
    if (median) {
      const scope = sectorTable?.priceSales ? 'sector' : 'market';
      return ok({
        multiple: 'price_sales',
        scope,
        ratio: median.value,
        ratioRange: { lower: median.lower, upper: median.upper },
        companies: median.companies,
        baseKrw: revenue,
        valueKrw: revenue * median.value,
      });
    }
  }
  const income = netIncome === undefined ? 'no net income' : `net income ${eok(netIncome)}`;
  const sales = revenue === undefined ? 'no revenue' : `revenue ${eok(revenue)}`;
  return notAvailable(`${income} and ${sales} for ${latest.period}, or no listed-company multiple to apply`);
}
