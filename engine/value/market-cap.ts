import type { Kysely } from 'kysely';
import { latestMarketCaps } from '../../data/store/market-queries.js';
import type { Company, Database } from '../../data/store/tables.js';
import { patentIdsByCompany } from '../../data/store/valuation-queries.js';
import type { Deadline } from '../deadline.js';
import type { Valuation } from '../types.js';
import { appraiseCompany, loadHistories } from './appraise-company.js';
import { MARKET_CAP_SOURCE_PREFERENCE } from './market-cap-sources.js';
import type { ValuationOptions } from './options.js';
import { yearsUpTo } from './statements.js';
import { chooseValue, modelFor, type ValuationContext, validOptions } from './value-company.js';

export { MARKET_CAP_SOURCE_PREFERENCE };

/**
 * Values companies for ranking and filtering. Listed companies are valued by market
 * capitalisation. With a valuation context, an unlisted company with financial statements gets the
 * ensemble value (regression and DCF), or the sector multiple when no ensemble method has a value.
 * This is the choice `valueCompany` makes. Other companies get null, and callers tell the user.
 * A deadline is checked before each unlisted company is appraised, the slow step at scale.
 */
export async function valueCompanies(
  db: Kysely<Database>,
  companies: readonly Company[],
  context?: ValuationContext,
  options: Partial<ValuationOptions> = {},
  deadline: Deadline | null = null,
): Promise<Map<number, Valuation | null>> {
  const listedIds = companies.filter((company) => company.listed).map((company) => company.id);
  const caps = await latestMarketCaps(db, listedIds, MARKET_CAP_SOURCE_PREFERENCE);
  const result = new Map<number, Valuation | null>();
  for (const company of companies) {
    const cap = caps.get(company.id);
    result.set(
      company.id,
      cap
        ? {
            value: cap.marketCapKrw,
            currency: 'KRW',
            method: 'market_cap',
            source: cap.source,
            asOf: cap.asOf,
          }
        : null,
    );
  }
  if (context)
    await valueUnlisted(
      context,
      companies.filter((company) => !company.listed),
      result,
      options,
      deadline,
    );
  return result;
}

/**
 * Adds values for unlisted companies. Companies without statements are skipped before any
 * comparables search, so a few hundred candidates cost two batched queries plus a search for each
 * company that has statements. The fitted model is cached per store and options.
 */
async function valueUnlisted(
  context: ValuationContext,
  companies: readonly Company[],
  result: Map<number, Valuation | null>,
  options: Partial<ValuationOptions>,
  deadline: Deadline | null,
): Promise<void> {
  if (companies.length === 0) return;
  const { db } = context.store;
  const histories = await loadHistories(
    db,
    companies.map((company) => company.id),
  );
  if (histories.size === 0) return;
  const model = await modelFor(context, validOptions(options));
  const withStatements = companies.filter(
    (company) => yearsUpTo(histories.get(company.id), model.parts.market.asOf).length > 0,
  );
  if (withStatements.length === 0) return;
  const patents = await patentIdsByCompany(
    db,
    withStatements.map((company) => company.id),
  );
  for (const company of withStatements) {
    deadline?.check('value');
    const appraised = await appraiseCompany({
      db,
      spaces: model.spaces,
      parts: model.parts,
      pool: model.pool,
      company,
      history: histories.get(company.id),
      patentIds: patents.get(company.id) ?? [],
      treatAsUnlisted: true,
    });
    const { chosen } = chooseValue(appraised, null, false);
    if (!chosen) continue;
    const ensemble = appraised.appraisal.methods.ensemble;
    const source =
      ensemble.status === 'ok'
        ? `${Object.keys(ensemble.weightsUsed).join('+')} (fallback models: ridge regression, historical growth)`
        : `sector multiple (${ensemble.reason})`;
    result.set(company.id, {
      value: chosen.valueKrw,
      currency: 'KRW',
      method: chosen.method,
      source,
      asOf: model.parts.market.asOf,
    });
  }
}

/** Formats KRW in 억원 (100 million KRW) or 조원 (trillion KRW), the units Korean analysts read. */
export function formatKrw(value: number): string {
  const eok = value / 1e8;
  if (Math.abs(eok) >= 10_000)
    return `${(eok / 10_000).toLocaleString('en-US', { maximumFractionDigits: 2 })}조원`;
  return `${eok.toLocaleString('en-US', { maximumFractionDigits: 0 })}억원`;
}
