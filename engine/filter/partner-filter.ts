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

/**
 * Counts of the candidates the filters examined and dropped. The walk over the ranked candidates stops at
 * the K-th partner, so candidates after it are neither examined nor counted. When fewer than K
 * partners pass, every candidate was examined and the counts cover all of them.
 */
export interface FilterCounts {
  /** Ranked candidates examined, up to and including the K-th partner. */
  candidates: number;
  droppedBySector: number;
  droppedNoValuation: number;
  droppedBelowRequester: number;
}

export interface FilterOutput {
  kept: CompanyHits[];
  counts: FilterCounts;
}

export function emptyCounts(): FilterCounts {
  return { candidates: 0, droppedBySector: 0, droppedNoValuation: 0, droppedBelowRequester: 0 };
}

export type FilterSettings = Pick<FilterInput, 'sector' | 'requesterValue' | 'valuationFilter'>;

/** True when the company passes the sector filter, the only filter that needs no valuation. */
export function inSector(company: Company, sector: Sector | undefined): boolean {
  return !sector || company.sector === sector.code;
}

/**
 * Applies the filters to one examined candidate, counting it, and returns whether it is kept. The
 * valuation is read only when the candidate is in the sector and the valuation filter is on.
 */
export function examineCandidate(
  company: Company,
  valuation: () => Valuation | null,
  settings: FilterSettings,
  counts: FilterCounts,
): boolean {
  counts.candidates += 1;
  if (!inSector(company, settings.sector)) {
    counts.droppedBySector += 1;
    return false;
  }
  if (!settings.valuationFilter) return true;
  const value = valuation();
  if (!value) {
    counts.droppedNoValuation += 1;
    return false;
  }
  if (settings.requesterValue !== null && value.value < settings.requesterValue) {
    counts.droppedBelowRequester += 1;
    return false;
  }
  return true;
}

/** Filters candidates whose valuations are all known. Candidates without a company row are skipped. */
export function filterPartners(input: FilterInput): FilterOutput {
  const counts = emptyCounts();
  const kept: CompanyHits[] = [];
  for (const group of input.ranked) {
    if (kept.length >= input.topK) break;
    const company = input.companies.get(group.companyId);
    if (!company) continue;
    if (examineCandidate(company, () => input.valuations.get(group.companyId) ?? null, input, counts))
      kept.push(group);
  }
  return { kept, counts };
}
