import type { Kysely } from 'kysely';
import type { Company, Database } from '../../data/store/tables.js';
import { patentIdsByCompany, statementRows } from '../../data/store/valuation-queries.js';
import { type Appraisal, appraise, type FittedParts, type OwnMarketData } from './appraise.js';
import { indexCodeForMarket } from './beta.js';
import {
  type ComparablePool,
  type ComparablesResult,
  findComparables,
  type VectorSpaces,
} from './comparables.js';
import { ACCOUNTS, buildHistories, type StatementHistory, yearsUpTo } from './statements.js';
import { predictTrained } from './trained-models.js';

/**
 * Gathers one company's inputs (statements, patents, comparables, and for a listed company valued
 * as listed its own market data) and appraises it. Shared by `valueCompany`, `valueCompanies` and
 * the ensemble-weight fit, so all three value a company the same way.
 */

export interface CompanyAppraisal {
  company: Company;
  history: StatementHistory | undefined;
  comparables: ComparablesResult;
  own: OwnMarketData | null;
  appraisal: Appraisal;
}

/** Loads statement histories for companies not in the listed universe, in one query. */
export async function loadHistories(
  db: Kysely<Database>,
  companyIds: readonly number[],
): Promise<Map<number, StatementHistory>> {
  if (companyIds.length === 0) return new Map();
  return buildHistories(await statementRows(db, companyIds, Object.values(ACCOUNTS)));
}

export async function appraiseCompany(input: {
  db: Kysely<Database>;
  spaces: VectorSpaces | undefined;
  parts: FittedParts;
  pool: ComparablePool;
  company: Company;
  /**
   * Pre-loaded history; loaded from the store when undefined and the company is not in the listed universe.
   */
  history?: StatementHistory | undefined;
  patentIds?: readonly number[];
  treatAsUnlisted: boolean;
}): Promise<CompanyAppraisal> {
  const { db, parts, company } = input;
  const listedData = parts.listed.get(company.id);
  let history = input.history ?? listedData?.history;
  if (history === undefined && !listedData && input.history === undefined) {
    history = (await loadHistories(db, [company.id])).get(company.id);
  }
  const years = yearsUpTo(history, parts.market.asOf);
  const patentIds =
    input.patentIds ??
    listedData?.patentIds ??
    (await patentIdsByCompany(db, [company.id])).get(company.id) ??
    [];
  const comparables = await findComparables({
    db,
    spaces: input.spaces,
    target: company,
    targetPatentIds: patentIds,
    targetRevenue: years[years.length - 1]?.items.revenue,
    pool: input.pool,
    k: parts.options.comparables,
  });
  const own: OwnMarketData | null =
    listedData && !input.treatAsUnlisted
      ? {
          beta: listedData.beta,
          indexCode: indexCodeForMarket(company.market),
          marketCapKrw: listedData.marketCap?.marketCapKrw,
          evToEbitda: listedData.evToEbitda,
        }
      : null;
  const trained = parts.trained ? await predictTrained(parts.trained, years, company.sector) : undefined;
  const appraisal = appraise(parts, { company, years, own, comparables, ...(trained ? { trained } : {}) });
  return { company, history, comparables, own, appraisal };
}
