import type { Kysely } from 'kysely';
import type { Company, Database } from '../../data/store/tables.js';
import {
  listedCompanies,
  listedMonthlyCloses,
  listedStatementRows,
  type MarketCapRow,
  type MonthlyCloseRow,
  marketCapRows,
  patentIdsByCompany,
} from '../../data/store/valuation-queries.js';
import { type BetaEstimate, type BetaOptions, estimateBeta, indexCodeForMarket } from './beta.js';
import type { Leverage } from './hamada.js';
import type { MarketData } from './market-data.js';
import { notAvailable, type Outcome } from './outcome.js';
import {
  ACCOUNTS,
  buildHistories,
  depreciationAndAmortisation,
  type FiscalYear,
  interestBearingDebt,
  type StatementHistory,
  yearsUpTo,
} from './statements.js';
import { corporateTax, fiscalStartYear } from './tax.js';

/**
 * Listed companies with what the valuation reads about them: statements up to the valuation date,
 * monthly closes, the market capitalisation snapshot, patents, and the derived beta, leverage and
 * EV/EBITDA. Loaded once per valuation model with a handful of batched queries.
 */

/**
 * Market capitalisation snapshots for fitting, in preference order. The stored KRX snapshots carry
 * no date. The quant_cookbook snapshots date from November 2021, like its statements (to 2020) and
 * prices (to 2021-11), so they match the valuation date. The KIND snapshot is from 2025.
 */
export const MODEL_MARKET_CAP_SOURCES = [
  'krx_quant_kor_ticker',
  'krx_quant_krx_sector',
  'krx_market_snapshot',
];

export interface ListedCompanyData {
  company: Company;
  history: StatementHistory | undefined;
  /** Fiscal years ending on or before the valuation date, oldest first. */
  years: FiscalYear[];
  closes: MonthlyCloseRow[];
  marketCap: MarketCapRow | undefined;
  patentIds: number[];
  beta: Outcome<BetaEstimate>;
  /**
   * Debt, market capitalisation as equity, and the marginal tax rate; undefined without statements or market
   * cap.
   */
  leverage: Leverage | undefined;
  /** (market cap + interest-bearing debt - cash) / (operating income + D&A), when both are positive. */
  evToEbitda: number | undefined;
}

/**
 * Picks the snapshot to fit on: a dated one nearest before the valuation date, else the preferred undated
 * source.
 */
export function chooseMarketCap(rows: readonly MarketCapRow[], asOf: string): MarketCapRow | undefined {
  const dated = rows
    .filter((row) => row.asOf !== null && row.asOf <= asOf)
    .sort((a, b) => (b.asOf as string).localeCompare(a.asOf as string));
  if (dated[0]) return dated[0];
  const rank = (source: string) => {
    const index = MODEL_MARKET_CAP_SOURCES.indexOf(source);
    return index === -1 ? MODEL_MARKET_CAP_SOURCES.length : index;
  };
  const undated = rows
    .filter((row) => row.asOf === null)
    .sort((a, b) => rank(a.source) - rank(b.source) || a.source.localeCompare(b.source));
  return undated[0];
}

export function marginalTaxRate(year: FiscalYear | undefined, includeLocalIncomeTax: boolean): number {
  if (!year) return 0;
  const income = year.items.pretaxIncome ?? year.items.operatingIncome ?? 0;
  return corporateTax(income, fiscalStartYear(year.period), { includeLocalIncomeTax }).marginalRate;
}

/** EV/EBITDA of a listed company, or undefined when EBITDA or enterprise value is not positive. */
export function enterpriseMultiple(
  latest: FiscalYear | undefined,
  marketCapKrw: number | undefined,
): number | undefined {
  if (!latest || marketCapKrw === undefined) return undefined;
  const operating = latest.items.operatingIncome;
  const depreciation = depreciationAndAmortisation(latest) ?? 0;
  if (operating === undefined) return undefined;
  const ebitda = operating + depreciation;
  const enterpriseValue = marketCapKrw + interestBearingDebt(latest).value - (latest.items.cash ?? 0);
  if (!(ebitda > 0) || !(enterpriseValue > 0)) return undefined;
  return enterpriseValue / ebitda;
}

export async function loadListedUniverse(
  db: Kysely<Database>,
  market: MarketData,
  options: { beta: Omit<BetaOptions, 'asOf'>; includeLocalIncomeTax: boolean },
): Promise<Map<number, ListedCompanyData>> {
  const companies = await listedCompanies(db);
  const ids = companies.map((company) => company.id);
  const histories = buildHistories(await listedStatementRows(db, Object.values(ACCOUNTS)));
  const closesById = new Map<number, MonthlyCloseRow[]>();
  for (const row of await listedMonthlyCloses(db)) {
    const list = closesById.get(row.companyId) ?? [];
    list.push(row);
    closesById.set(row.companyId, list);
  }
  const capsById = new Map<number, MarketCapRow[]>();
  for (const row of await marketCapRows(db, ids))
    capsById.set(row.companyId, [...(capsById.get(row.companyId) ?? []), row]);
  const patents = await patentIdsByCompany(db, ids);

  const result = new Map<number, ListedCompanyData>();
  for (const company of companies) {
    const history = histories.get(company.id);
    const years = yearsUpTo(history, market.asOf);
    const latest = years[years.length - 1];
    const closes = closesById.get(company.id) ?? [];
    const marketCap = chooseMarketCap(capsById.get(company.id) ?? [], market.asOf);
    const index = market.indexes.get(indexCodeForMarket(company.market));
    const beta =
      closes.length === 0
        ? notAvailable('no monthly closes')
        : index
          ? estimateBeta(closes, index, { ...options.beta, asOf: market.asOf })
          : notAvailable(`no ${indexCodeForMarket(company.market)} index series in the store`);
    const leverage: Leverage | undefined =
      latest && marketCap
        ? {
            debtKrw: interestBearingDebt(latest).value,
            equityKrw: marketCap.marketCapKrw,
            equityBasis: 'market_cap',
            taxRate: marginalTaxRate(latest, options.includeLocalIncomeTax),
          }
        : undefined;
    result.set(company.id, {
      company,
      history,
      years,
      closes,
      marketCap,
      patentIds: patents.get(company.id) ?? [],
      beta,
      leverage,
      evToEbitda: enterpriseMultiple(latest, marketCap?.marketCapKrw),
    });
  }
  return result;
}
