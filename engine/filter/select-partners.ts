import type { Company } from '../../data/store/tables.js';
import type { CompanyHits } from '../rank/group-hits.js';
import type { Valuation } from '../types.js';
import {
  emptyCounts,
  examineCandidate,
  type FilterOutput,
  type FilterSettings,
  inSector,
} from './partner-filter.js';

/**
 * Selects the top K partners from ranked candidates while valuing as few of them as possible.
 * Candidates are examined in rank order, exactly as `filterPartners` examines them. Only candidates
 * that pass the sector filter are valued, in batches taken in rank order, and the walk stops at the
 * K-th partner. The kept partners, their order and their valuations are therefore the same as
 * valuing every candidate first and then calling `filterPartners`. The counts cover the examined
 * candidates only (see FilterCounts).
 */

export interface SelectInput extends FilterSettings {
  ranked: readonly CompanyHits[];
  companies: ReadonlyMap<number, Company>;
  topK: number;
  /**
   * Valuations known so far, keyed by company id. Filled in place, so a later retrieval round of the
   * same request reuses them.
   */
  valuations: Map<number, Valuation | null>;
  /** Values a batch of companies; a company missing from the returned map has no valuation. */
  value(companies: readonly Company[]): Promise<ReadonlyMap<number, Valuation | null>>;
  /** Companies valued per batch when `missing` partners are still needed. */
  batchSize?: (missing: number) => number;
}

/**
 * Default batch: twice the partners still missing when the valuation filter may drop candidates,
 * and exactly that many when it is off, because then every candidate in the sector is kept.
 */
function defaultBatchSize(valuationFilter: boolean): (missing: number) => number {
  return valuationFilter ? (missing) => 2 * missing : (missing) => missing;
}

export async function selectPartners(input: SelectInput): Promise<FilterOutput> {
  const { ranked, companies, valuations, topK } = input;
  const batchSize = input.batchSize ?? defaultBatchSize(input.valuationFilter);
  const needsValue = (company: Company | undefined): boolean =>
    company !== undefined && inSector(company, input.sector) && !valuations.has(company.id);
  const counts = emptyCounts();
  const kept: CompanyHits[] = [];
  let next = 0;
  while (next < ranked.length && kept.length < topK) {
    const limit = Math.max(1, batchSize(topK - kept.length));
    const batch: Company[] = [];
    for (let i = next; i < ranked.length && batch.length < limit; i++) {
      const company = companies.get((ranked[i] as CompanyHits).companyId);
      if (company && needsValue(company)) batch.push(company);
    }
    if (batch.length > 0) {
      const values = await input.value(batch);
      for (const company of batch) valuations.set(company.id, values.get(company.id) ?? null);
    }
    // Examine candidates up to the first one in the sector whose valuation is still unknown.
    while (next < ranked.length && kept.length < topK) {
      const group = ranked[next] as CompanyHits;
      const company = companies.get(group.companyId);
      if (needsValue(company)) break;
      next += 1;
      if (!company) continue;
      if (examineCandidate(company, () => valuations.get(company.id) ?? null, input, counts))
        kept.push(group);
    }
  }
  return { kept, counts };
}
