import { describe, expect, it } from 'vitest';
import { resolveSector } from '../../../data/sectors.js';
import type { Company } from '../../../data/store/tables.js';
import { filterPartners } from '../../../engine/filter/partner-filter.js';
import type { CompanyHits } from '../../../engine/rank/group-hits.js';
import type { Valuation } from '../../../engine/types.js';

function company(id: number, sector: string): Company {
  return { id, name: `회사${id}`, sector, listed: 1 } as Company;
}

function group(companyId: number): CompanyHits {
  return { companyId, hits: [], hitCount: 1, bestSimilarity: 0.5, score: 0.5 };
}

function cap(value: number): Valuation {
  return { value, currency: 'KRW', method: 'market_cap', source: 'test', asOf: null };
}

const companies = new Map([
  [1, company(1, 'bio')],
  [2, company(2, 'bio')],
  [3, company(3, 'semiconductor')],
  [4, company(4, 'bio')],
]);
const valuations = new Map<number, Valuation | null>([
  [1, cap(500)],
  [2, null],
  [3, cap(900)],
  [4, cap(50)],
]);
const ranked = [group(1), group(2), group(3), group(4)];

describe('filterPartners', () => {
  it('drops partners without a valuation or valued below the requester', () => {
    const { kept, counts } = filterPartners({
      ranked,
      companies,
      valuations,
      sector: undefined,
      requesterValue: 100,
      valuationFilter: true,
      topK: 10,
    });
    expect(kept.map((g) => g.companyId)).toEqual([1, 3]);
    expect(counts.droppedNoValuation).toBe(1);
    expect(counts.droppedBelowRequester).toBe(1);
  });

  it('skips the comparison when the requester has no valuation', () => {
    const { kept } = filterPartners({
      ranked,
      companies,
      valuations,
      sector: undefined,
      requesterValue: null,
      valuationFilter: true,
      topK: 10,
    });
    expect(kept.map((g) => g.companyId)).toEqual([1, 3, 4]);
  });

  it('keeps everyone when the valuation filter is off', () => {
    const { kept } = filterPartners({
      ranked,
      companies,
      valuations,
      sector: undefined,
      requesterValue: 100,
      valuationFilter: false,
      topK: 10,
    });
    expect(kept).toHaveLength(4);
  });

  it('honours the preferred sector given by a Korean alias', () => {
    const { kept, counts } = filterPartners({
      ranked,
      companies,
      valuations,
      sector: resolveSector('바이오'),
      requesterValue: null,
      valuationFilter: false,
      topK: 10,
    });
    expect(kept.map((g) => g.companyId)).toEqual([1, 2, 4]);
    expect(counts.droppedBySector).toBe(1);
  });

  it('stops at top K', () => {
    const { kept } = filterPartners({
      ranked,
      companies,
      valuations,
      sector: undefined,
      requesterValue: null,
      valuationFilter: false,
      topK: 2,
    });
    expect(kept.map((g) => g.companyId)).toEqual([1, 2]);
  });
});
