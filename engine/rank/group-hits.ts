/**
 * Groups retrieval hits by owning company and orders companies the way the reference design did:
 * more hits first, ties broken by the best similarity.
 */

export interface Hit {
  /** 'patent' hits carry a patent id; 'profile' hits a company id. */
  kind: 'patent' | 'profile';
  label: number;
  similarity: number;
  /**
   * False for hits beyond the first retrieval window (found only when retrieval widened). They can
   * make a company a candidate and serve as evidence, but do not add to its hit count, so that
   * widening never turns hit count into portfolio size.
   */
  counted?: boolean;
}

export interface CompanyHits {
  companyId: number;
  hits: Hit[];
  hitCount: number;
  bestSimilarity: number;
  score: number;
}

/**
 * `owners` maps a patent id to the companies that own it (co-applicants share a patent); profile
 * hits belong to the company whose profile it is. Companies in `excluded` are left out.
 */
export function groupHitsByCompany(
  hits: readonly Hit[],
  owners: ReadonlyMap<number, readonly number[]>,
  excluded: ReadonlySet<number>,
): CompanyHits[] {
  const groups = new Map<number, CompanyHits>();
  const add = (companyId: number, hit: Hit) => {
    if (excluded.has(companyId)) return;
    let group = groups.get(companyId);
    if (!group) {
      group = { companyId, hits: [], hitCount: 0, bestSimilarity: -Infinity, score: 0 };
      groups.set(companyId, group);
    }
    group.hits.push(hit);
    if (hit.counted !== false) group.hitCount += 1;
    group.score += hit.similarity;
    group.bestSimilarity = Math.max(group.bestSimilarity, hit.similarity);
  };
  for (const hit of hits) {
    if (hit.kind === 'profile') add(hit.label, hit);
    else for (const companyId of owners.get(hit.label) ?? []) add(companyId, hit);
  }
  for (const group of groups.values()) group.hits.sort((a, b) => b.similarity - a.similarity);
  return [...groups.values()].sort(
    (a, b) => b.hitCount - a.hitCount || b.bestSimilarity - a.bestSimilarity || a.companyId - b.companyId,
  );
}
