import type { Kysely } from 'kysely';
import { ownersOfPatents } from '../../data/store/patent-queries.js';
import type { Company, Database } from '../../data/store/tables.js';
import type { Embedder } from '../embed/embedder.js';
import { profileText } from '../represent/profile-text.js';
import type { SearchHit } from '../retrieve/search-hit.js';

/**
 * Comparables: the K listed companies most similar to a company. A company with indexed patents
 * is represented by its clusteroid patent, the patent with the highest mean cosine similarity to
 * its other patents. Otherwise its profile vector stands for it: products text for unlisted
 * companies, sector and theme text for listed ones. Similarity is the cosine between the two
 * representations. Without vectors, comparables are the listed companies of the same sector
 * closest in revenue, and the result records that.
 */

/** The parts of a vector index the comparables search reads. */
export interface VectorLookup {
  readonly size: number;
  search(vector: Float32Array, k: number, ef?: number): SearchHit[];
  getVector(label: number): Float32Array;
  has(label: number): boolean;
}

export interface VectorSpaces {
  patentIndex: VectorLookup;
  profileIndex: VectorLookup;
  embedder: Embedder;
}

/** Listed companies that may serve as comparables, with what the search needs about them. */
export interface ComparablePool {
  companies: ReadonlyMap<number, Company>;
  patentIdsOf(companyId: number): readonly number[];
  revenueOf(companyId: number): number | undefined;
  /** Representation vectors, filled lazily and shared by every search of one valuation model. */
  representations: Map<number, { vector: Float32Array; kind: 'clusteroid_patent' | 'profile' } | null>;
  /**
   * Pool companies that own a patent, read from the same applicant rows as `patentIdsOf`. Without
   * it, each search looks the owners of its patent hits up in the store.
   */
  poolOwnersOf?(patentId: number): readonly number[];
}

export type Representation = 'clusteroid_patent' | 'profile' | 'profile_text' | 'none';

export interface Comparable {
  companyId: number;
  name: string;
  ticker: string | null;
  market: string | null;
  sector: string | null;
  /** Cosine similarity of the representations; null for sector comparables. */
  similarity: number | null;
  representation: 'clusteroid_patent' | 'profile' | 'sector';
}

export interface ComparablesResult {
  strategy: 'vectors' | 'sector';
  targetRepresentation: Representation;
  clusteroidPatentId: number | null;
  comparables: Comparable[];
  candidatesConsidered: number;
  note: string | null;
}

/** Candidates read from each index per comparable asked for. */
const CANDIDATES_PER_COMPARABLE = 30;
const MIN_CANDIDATES = 100;

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/**
 * Index of the clusteroid among unit vectors. For unit vectors the mean similarity of v_i to the
 * others is (v_i . S - 1) / (n - 1) with S the sum of all vectors, so the argmax of v_i . S is the
 * clusteroid, found in O(n d) instead of O(n^2 d). Zero vectors (texts with no known feature) are skipped.
 */
export function clusteroidIndex(
  vectors: readonly Float32Array[],
): { index: number; meanSimilarity: number } | undefined {
  const usable = vectors
    .map((vector, index) => ({ vector, index }))
    .filter(({ vector }) => dot(vector, vector) > 0.5);
  const first = usable[0];
  if (!first) return undefined;
  if (usable.length === 1) return { index: first.index, meanSimilarity: 1 };
  const sum = new Float32Array(first.vector.length);
  for (const { vector } of usable)
    for (let i = 0; i < vector.length; i++) sum[i] = (sum[i] as number) + (vector[i] as number);
  let best = { index: first.index, score: Number.NEGATIVE_INFINITY };
  for (const { vector, index } of usable) {
    const score = dot(vector, sum);
    if (score > best.score) best = { index, score };
  }
  return { index: best.index, meanSimilarity: (best.score - 1) / (usable.length - 1) };
}

function representationOf(
  spaces: VectorSpaces,
  companyId: number,
  patentIds: readonly number[],
): { vector: Float32Array; kind: 'clusteroid_patent' | 'profile'; patentId: number | null } | null {
  const indexed = patentIds.filter((id) => spaces.patentIndex.has(id));
  if (indexed.length > 0) {
    const vectors = indexed.map((id) => spaces.patentIndex.getVector(id));
    const found = clusteroidIndex(vectors);
    if (found)
      return {
        vector: vectors[found.index] as Float32Array,
        kind: 'clusteroid_patent',
        patentId: indexed[found.index] as number,
      };
  }
  if (spaces.profileIndex.has(companyId)) {
    return { vector: spaces.profileIndex.getVector(companyId), kind: 'profile', patentId: null };
  }
  return null;
}

function toComparable(
  company: Company,
  similarity: number | null,
  representation: Comparable['representation'],
): Comparable {
  return {
    companyId: company.id,
    name: company.name,
    ticker: company.ticker,
    market: company.market,
    sector: company.sector,
    similarity,
    representation,
  };
}

/** Sector comparables: same sector first, then any sector, each ordered by closeness of ln(revenue). */
export function sectorComparables(
  target: Company,
  targetRevenue: number | undefined,
  pool: ComparablePool,
  k: number,
): Comparable[] {
  const distance = (id: number) => {
    const revenue = pool.revenueOf(id);
    if (targetRevenue === undefined || !(targetRevenue > 0) || revenue === undefined || !(revenue > 0))
      return Number.MAX_VALUE;
    return Math.abs(Math.log(revenue) - Math.log(targetRevenue));
  };
  const candidates = [...pool.companies.values()].filter((company) => company.id !== target.id);
  candidates.sort((a, b) => {
    const sameA = a.sector !== null && a.sector === target.sector ? 0 : 1;
    const sameB = b.sector !== null && b.sector === target.sector ? 0 : 1;
    return sameA - sameB || distance(a.id) - distance(b.id) || a.id - b.id;
  });
  return candidates.slice(0, k).map((company) => toComparable(company, null, 'sector'));
}

/** Finds a company's K comparables among the pool's listed companies. */
export async function findComparables(input: {
  db: Kysely<Database>;
  spaces: VectorSpaces | undefined;
  target: Company;
  targetPatentIds: readonly number[];
  targetRevenue: number | undefined;
  pool: ComparablePool;
  k: number;
}): Promise<ComparablesResult> {
  const { db, spaces, target, pool, k } = input;
  const bySector = (representation: Representation, note: string): ComparablesResult => ({
    strategy: 'sector',
    targetRepresentation: representation,
    clusteroidPatentId: null,
    comparables: sectorComparables(target, input.targetRevenue, pool, k),
    candidatesConsidered: pool.companies.size,
    note,
  });
  if (!spaces)
    return bySector(
      'none',
      'no vector index loaded, so comparables are listed companies of the same sector closest in revenue',
    );

  let query = representationOf(spaces, target.id, input.targetPatentIds);
  let representation: Representation = query?.kind ?? 'none';
  if (!query) {
    const text = profileText(target);
    const [vector] = text ? await spaces.embedder.embed([text]) : [];
    if (vector && dot(vector, vector) > 0.5) {
      query = { vector, kind: 'profile', patentId: null };
      representation = 'profile_text';
    }
  }
  if (!query)
    return bySector(
      'none',
      `${target.name} has no indexed patents and no profile text, so comparables are sector peers closest in revenue`,
    );

  const candidateCount = Math.max(MIN_CANDIDATES, k * CANDIDATES_PER_COMPARABLE);
  const candidateIds = new Set<number>();
  for (const hit of spaces.profileIndex.search(query.vector, candidateCount)) {
    if (pool.companies.has(hit.label)) candidateIds.add(hit.label);
  }
  const patentHits = spaces.patentIndex.search(query.vector, candidateCount);
  if (pool.poolOwnersOf) {
    for (const hit of patentHits) for (const owner of pool.poolOwnersOf(hit.label)) candidateIds.add(owner);
  } else {
    for (const owner of await ownersOfPatents(
      db,
      patentHits.map((hit) => hit.label),
    )) {
      if (pool.companies.has(owner.companyId)) candidateIds.add(owner.companyId);
    }
  }
  candidateIds.delete(target.id);

  const scored: Comparable[] = [];
  for (const id of candidateIds) {
    let cached = pool.representations.get(id);
    if (cached === undefined) {
      const found = representationOf(spaces, id, pool.patentIdsOf(id));
      cached = found ? { vector: found.vector, kind: found.kind } : null;
      pool.representations.set(id, cached);
    }
    if (!cached) continue;
    scored.push(
      toComparable(pool.companies.get(id) as Company, dot(query.vector, cached.vector), cached.kind),
    );
  }
  scored.sort((a, b) => (b.similarity as number) - (a.similarity as number) || a.companyId - b.companyId);
  if (scored.length === 0)
    return bySector(
      representation,
      'no listed company with a beta is near in the vector space, so sector peers are used',
    );
  return {
    strategy: 'vectors',
    targetRepresentation: representation,
    clusteroidPatentId: query.patentId,
    comparables: scored.slice(0, k),
    candidatesConsidered: candidateIds.size,
    note:
      scored.length < k
        ? `only ${scored.length} listed companies with a beta were found near ${target.name}`
        : null,
  };
}
