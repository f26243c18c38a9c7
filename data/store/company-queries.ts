import { type Kysely, sql } from 'kysely';
import { normalizeCompanyName } from '../identity/names.js';
import type { Company, Database } from './tables.js';

/** Read queries about companies, used by the engine and the CLI. */

/**
 * Escapes LIKE wildcards with '!', an escape character that needs no quoting in either SQLite or
 * MySQL string literals (a backslash means different things in the two).
 */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (ch) => `!${ch}`);
}

export async function getCompany(db: Kysely<Database>, id: number): Promise<Company | undefined> {
  return db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getCompanies(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, Company>> {
  const result = new Map<number, Company>();
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('companies').selectAll().where('id', 'in', chunk).execute();
    for (const row of rows) result.set(row.id, row);
  }
  return result;
}

export async function findCompanyByBrn(db: Kysely<Database>, brn: string): Promise<Company | undefined> {
  return db.selectFrom('companies').selectAll().where('brn', '=', brn).executeTakeFirst();
}

export async function findCompanyByTicker(
  db: Kysely<Database>,
  ticker: string,
): Promise<Company | undefined> {
  return db.selectFrom('companies').selectAll().where('ticker', '=', ticker).executeTakeFirst();
}

/** Companies any of whose recorded spellings normalises to the same core name as `name`. */
export async function findCompaniesByExactName(db: Kysely<Database>, name: string): Promise<Company[]> {
  const normalized = normalizeCompanyName(name);
  if (!normalized) return [];
  return db
    .selectFrom('companies')
    .selectAll('companies')
    .where('id', 'in', (eb) =>
      eb.selectFrom('company_names').select('company_id').where('normalized', '=', normalized),
    )
    .orderBy('id')
    .execute();
}

/**
 * Companies whose names contain the normalised query, most relevant first: listed companies, then
 * those with more patents. Used for "did you mean" lists and `exitbot companies --query`.
 */
export async function searchCompaniesByName(
  db: Kysely<Database>,
  query: string,
  limit: number,
): Promise<Company[]> {
  const normalized = normalizeCompanyName(query);
  if (!normalized) return [];
  const escaped = escapeLike(normalized);
  return db
    .selectFrom('companies')
    .selectAll('companies')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('company_names')
        .select('company_id')
        .where(sql<boolean>`normalized like ${`%${escaped}%`} escape '!'`),
    )
    .orderBy('listed', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Returns every recorded name of a company, normalised, so the requester's other entries can be excluded. */
export async function normalizedNamesOf(db: Kysely<Database>, companyId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('company_names')
    .select('normalized')
    .where('company_id', '=', companyId)
    .execute();
  return [...new Set(rows.map((row) => row.normalized))];
}

/** Ids of companies that share any normalised name with the given ones. */
export async function companiesSharingNames(
  db: Kysely<Database>,
  normalizedNames: readonly string[],
): Promise<number[]> {
  if (normalizedNames.length === 0) return [];
  const rows = await db
    .selectFrom('company_names')
    .select('company_id')
    .distinct()
    .where('normalized', 'in', [...normalizedNames])
    .execute();
  return rows.map((row) => row.company_id);
}

export interface CompanyListing {
  id: number;
  name: string;
  brn: string | null;
  ticker: string | null;
  sector: string | null;
  listed: boolean;
  patentCount: number;
}

/** Lists companies with their patent counts, optionally filtered by a name query, most patents first. */
export async function listCompanies(
  db: Kysely<Database>,
  options: { query?: string; limit: number; offset?: number },
): Promise<CompanyListing[]> {
  let query = db
    .selectFrom('companies')
    .leftJoin('patent_applicants', 'patent_applicants.company_id', 'companies.id')
    .select((eb) => [
      'companies.id',
      'companies.name',
      'companies.brn',
      'companies.ticker',
      'companies.sector',
      'companies.listed',
      eb.fn.count<number>('patent_applicants.patent_id').as('patent_count'),
    ])
    .groupBy([
      'companies.id',
      'companies.name',
      'companies.brn',
      'companies.ticker',
      'companies.sector',
      'companies.listed',
    ]);
  if (options.query) {
    const normalized = normalizeCompanyName(options.query);
    const raw = options.query.trim();
    // A query of punctuation or symbols only ('%', '_') normalises to nothing, so it matches no
    // name. As the pattern '%%' it would list every company.
    query = query.where((eb) =>
      eb.or([
        ...(normalized === ''
          ? []
          : [
              eb('companies.id', 'in', (sub) =>
                sub
                  .selectFrom('company_names')
                  .select('company_id')
                  .where(sql<boolean>`normalized like ${`%${escapeLike(normalized)}%`} escape '!'`),
              ),
            ]),
        eb('companies.brn', '=', raw),
        eb('companies.ticker', '=', raw.replace(/^A(?=\d{6}$)/, '')),
      ]),
    );
  }
  const rows = await query
    .orderBy('patent_count', 'desc')
    .orderBy('companies.listed', 'desc')
    .orderBy('companies.id')
    .limit(options.limit)
    .offset(options.offset ?? 0)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    brn: row.brn,
    ticker: row.ticker,
    sector: row.sector,
    listed: Boolean(row.listed),
    patentCount: Number(row.patent_count),
  }));
}

/** Company ids that have descriptive text (products, overview, themes or industry labels) to embed. */
export async function companiesWithProfileText(
  db: Kysely<Database>,
  afterId: number,
  limit: number,
): Promise<Company[]> {
  return db
    .selectFrom('companies')
    .selectAll()
    .where('id', '>', afterId)
    .where((eb) =>
      eb.or([
        eb('main_products', 'is not', null),
        eb('overview', 'is not', null),
        eb('themes', 'is not', null),
        eb('ksic_industry', 'is not', null),
        eb('krx_industry', 'is not', null),
        eb('wics_sector', 'is not', null),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
}
