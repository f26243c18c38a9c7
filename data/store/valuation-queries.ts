import type { Kysely } from 'kysely';
import type { Company, Database } from './tables.js';

/**
 * Read queries for company valuation: statement items, monthly closes, index series, interest
 * rates and market capitalisation snapshots. Values come back in the unit they are stored in, and
 * the engine converts them to KRW.
 */

const CHUNK = 500;

async function inChunks<T>(ids: readonly number[], run: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    if (chunk.length > 0) out.push(...(await run(chunk)));
  }
  return out;
}

export interface StatementRow {
  companyId: number;
  /** Fiscal period end, YYYY-MM. */
  period: string;
  account: string;
  value: number;
  /** '100m_krw' (억원), '1000_krw' (천원) or 'krw'. */
  unit: string;
  source: string;
}

type StatementSelection = {
  company_id: number;
  period: string;
  account: string;
  value: number;
  unit: string;
  source: string;
};

function toStatementRow(row: StatementSelection): StatementRow {
  return {
    companyId: row.company_id,
    period: row.period,
    account: row.account,
    value: Number(row.value),
    unit: row.unit,
    source: row.source,
  };
}

/** Statement items of the given companies, optionally limited to some accounts. */
export async function statementRows(
  db: Kysely<Database>,
  companyIds: readonly number[],
  accounts?: readonly string[],
): Promise<StatementRow[]> {
  return inChunks(companyIds, async (chunk) => {
    let query = db
      .selectFrom('financial_statements')
      .select(['company_id', 'period', 'account', 'value', 'unit', 'source'])
      .where('company_id', 'in', chunk);
    if (accounts && accounts.length > 0) query = query.where('account', 'in', [...accounts]);
    return (await query.execute()).map(toStatementRow);
  });
}

/** Statement items of every listed company in one query, optionally limited to some accounts. */
export async function listedStatementRows(
  db: Kysely<Database>,
  accounts?: readonly string[],
): Promise<StatementRow[]> {
  let query = db
    .selectFrom('financial_statements')
    .innerJoin('companies', 'companies.id', 'financial_statements.company_id')
    .select([
      'financial_statements.company_id',
      'financial_statements.period',
      'financial_statements.account',
      'financial_statements.value',
      'financial_statements.unit',
      'financial_statements.source',
    ])
    .where('companies.listed', '=', 1);
  if (accounts && accounts.length > 0)
    query = query.where('financial_statements.account', 'in', [...accounts]);
  return (await query.execute()).map(toStatementRow);
}

/** Ids of companies that have at least one statement item. */
export async function companiesWithStatements(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('financial_statements').select('company_id').distinct().execute();
  return rows.map((row) => row.company_id);
}

export interface MonthlyCloseRow {
  companyId: number;
  /** YYYY-MM. */
  month: string;
  lastTradingDate: string | null;
  closeKrw: number;
}

/** Month-end closing prices of every listed company in one query, ordered by company, oldest first. */
export async function listedMonthlyCloses(db: Kysely<Database>): Promise<MonthlyCloseRow[]> {
  const rows = await db
    .selectFrom('monthly_closes')
    .innerJoin('companies', 'companies.id', 'monthly_closes.company_id')
    .select([
      'monthly_closes.company_id',
      'monthly_closes.month',
      'monthly_closes.last_trading_date',
      'monthly_closes.close_krw',
    ])
    .where('companies.listed', '=', 1)
    .orderBy('monthly_closes.company_id')
    .orderBy('monthly_closes.month')
    .execute();
  return rows.map((row) => ({
    companyId: row.company_id,
    month: row.month,
    lastTradingDate: row.last_trading_date,
    closeKrw: Number(row.close_krw),
  }));
}

/** Returns the latest month-end trading date in the store, or null when it has no prices. */
export async function latestPriceDate(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('monthly_closes')
    .select((eb) => [eb.fn.max('last_trading_date').as('date'), eb.fn.max('month').as('month')])
    .executeTakeFirst();
  if (!row) return null;
  if (row.date) return String(row.date);
  return row.month ? `${String(row.month)}-28` : null;
}

export interface DatedValue {
  /** YYYY-MM-DD. */
  date: string;
  value: number;
}

/** Daily values of one market index ('KOSPI', 'KOSDAQ') of one kind ('close' or 'return'), oldest first. */
export async function indexSeries(
  db: Kysely<Database>,
  indexCode: string,
  kind: 'close' | 'return',
): Promise<DatedValue[]> {
  const rows = await db
    .selectFrom('market_index_values')
    .select(['date', 'value'])
    .where('index_code', '=', indexCode)
    .where('kind', '=', kind)
    .orderBy('date')
    .execute();
  return rows.map((row) => ({ date: row.date, value: Number(row.value) }));
}

/**
 * Returns the latest rate of a series on or before `date`, in percent a year, or undefined when there is
 * none.
 */
export async function rateOnOrBefore(
  db: Kysely<Database>,
  seriesCode: string,
  date: string,
): Promise<{ date: string; ratePct: number } | undefined> {
  const row = await db
    .selectFrom('rate_series')
    .select(['date', 'rate_pct'])
    .where('series_code', '=', seriesCode)
    .where('date', '<=', date)
    .orderBy('date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { date: row.date, ratePct: Number(row.rate_pct) } : undefined;
}

export interface MarketCapRow {
  companyId: number;
  source: string;
  asOf: string | null;
  marketCapKrw: number;
}

/** Returns every positive market capitalisation snapshot of the given companies. */
export async function marketCapRows(
  db: Kysely<Database>,
  companyIds: readonly number[],
): Promise<MarketCapRow[]> {
  return inChunks(companyIds, async (chunk) => {
    const rows = await db
      .selectFrom('market_caps')
      .select(['company_id', 'source', 'as_of', 'market_cap_krw'])
      .where('company_id', 'in', chunk)
      .where('market_cap_krw', '>', 0)
      .execute();
    return rows.map((row) => ({
      companyId: row.company_id,
      source: row.source,
      asOf: row.as_of,
      marketCapKrw: Number(row.market_cap_krw),
    }));
  });
}

/** Listed companies, by id. */
export async function listedCompanies(db: Kysely<Database>): Promise<Company[]> {
  return db.selectFrom('companies').selectAll().where('listed', '=', 1).orderBy('id').execute();
}

/** Patent ids per company, for the given companies (only applicants attached to a company). */
export async function patentIdsByCompany(
  db: Kysely<Database>,
  companyIds: readonly number[],
): Promise<Map<number, number[]>> {
  const rows = await inChunks(companyIds, (chunk) =>
    db
      .selectFrom('patent_applicants')
      .select(['company_id', 'patent_id'])
      .where('company_id', 'in', chunk)
      .execute(),
  );
  const result = new Map<number, number[]>();
  for (const row of rows) {
    const id = row.company_id as number;
    const list = result.get(id) ?? [];
    if (!list.includes(row.patent_id)) list.push(row.patent_id);
    result.set(id, list);
  }
  return result;
}
