import type { Sector } from '../../data/sectors.js';
import type { Company } from '../../data/store/tables.js';
import type { CompanyHits } from '../rank/group-hits.js';
import type { Valuation } from '../types.js';

/**
 * The reference design's filters, applied in order: preferred sector, then valuation (partners with
 * no valuation, or valued below the requester, are dropped), then the top K.
 */

export interface FilterInput {
  ranked: readonly CompanyHits[];
  companies: ReadonlyMap<number, Company>;
  valuations: ReadonlyMap<number, Valuation | null>;
  sector: Sector | undefined;
  /** The requester's valuation; null means the valuation comparison is skipped. */
  requesterValue: number | null;
  valuationFilter: boolean;
  topK: number;
}

export interface FilterCounts {
  candidates: number;
  droppedBySector: number;
  droppedNoValuation: number;
  droppedBelowRequester: number;
}

export interface FilterOutput {
  kept: CompanyHits[];
  counts: FilterCounts;
}

export function filterPartners(input: FilterInput): FilterOutput {
  const counts: FilterCounts = {
    candidates: input.ranked.length,
    droppedBySector: 0,
    droppedNoValuation: 0,
    droppedBelowRequester: 0,
  };
  const kept: CompanyHits[] = [];
  for (const group of input.ranked) {
    const company = input.companies.get(group.companyId);
    if (!company) continue;
    if (input.sector && company.sector !== input.sector.code) {
      counts.droppedBySector += 1;
      continue;
    }
    if (input.valuationFilter) {
      const valuation = input.valuations.get(group.companyId) ?? null;
      if (!valuation) {
        counts.droppedNoValuation += 1;
        continue;
      }
      if (input.requesterValue !== null && valuation.value < input.requesterValue) {
        counts.droppedBelowRequester += 1;
        continue;
      }
    }
    kept.push(group);
    if (kept.length >= input.topK) break;
  }
  return { kept, counts };
}
