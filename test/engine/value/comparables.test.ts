import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../../data/store/tables.js';
import type { SearchHit } from '../../../engine/retrieve/search-hit.js';
import {
  type ComparablePool,
  clusteroidIndex,
  findComparables,
  sectorComparables,
  type VectorLookup,
} from '../../../engine/value/comparables.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values.map((value) => value / norm));
}

/** An exact in-memory index with the same contract as the HNSW one. */
class MemoryIndex implements VectorLookup {
  constructor(private readonly vectors: Map<number, Float32Array>) {}
  get size(): number {
    return this.vectors.size;
  }
  search(vector: Float32Array, k: number): SearchHit[] {
    return [...this.vectors]
      .map(([label, stored]) => ({
        label,
        similarity: stored.reduce((sum, value, i) => sum + value * (vector[i] as number), 0),
      }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, k);
  }
  getVector(label: number): Float32Array {
    return this.vectors.get(label) as Float32Array;
  }
  has(label: number): boolean {
    return this.vectors.has(label);
  }
}

describe('clusteroid', () => {
  it('matches the brute-force mean similarity', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    };
    const vectors = Array.from({ length: 25 }, () => unit([random(), random(), random(), random()]));
    const mean = (i: number) =>
      vectors.reduce(
        (sum, other, j) =>
          j === i
            ? sum
            : sum + other.reduce((s, v, d) => s + v * ((vectors[i] as Float32Array)[d] as number), 0),
        0,
      ) / 24;
    const brute = vectors.map((_, i) => mean(i));
    const best = brute.indexOf(Math.max(...brute));
    const found = clusteroidIndex(vectors);
    expect(found?.index).toBe(best);
    expect(found?.meanSimilarity).toBeCloseTo(brute[best] as number, 5);
  });

  it('skips zero vectors', () => {
    expect(clusteroidIndex([new Float32Array(3), unit([1, 0, 0])])?.index).toBe(1);
    expect(clusteroidIndex([new Float32Array(3)])).toBeUndefined();
  });
});

describe('comparables', () => {
  let store: TestStore;
  const companies = new Map<string, Company>();
  const patents = new Map<string, number>();

  beforeAll(async () => {
    store = await openSqliteTestStore();
    const now = new Date().toISOString();
    for (const [key, listed, sector] of [
      ['A', 1, 'bio'],
      ['B', 1, 'software'],
      ['C', 1, 'software'],
      ['T', 0, 'software'],
    ] as const) {
      const inserted = await store.db
        .insertInto('companies')
        .values({ name: `회사${key}`, kind: 'company', listed, sector, updated_at: now })
        .executeTakeFirstOrThrow();
      const id = Number(inserted.insertId);
      companies.set(
        key,
        (await store.db
          .selectFrom('companies')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow()) as Company,
      );
    }
    for (const [key, owner] of [
      ['p1', 'B'],
      ['p2', 'B'],
      ['p3', 'B'],
      ['t1', 'T'],
    ] as const) {
      const inserted = await store.db
        .insertInto('patents')
        .values({ application_no: `10202000000${patents.size}`, title: key, updated_at: now })
        .executeTakeFirstOrThrow();
      const id = Number(inserted.insertId);
      patents.set(key, id);
      await store.db
        .insertInto('patent_applicants')
        .values({
          patent_id: id,
          position: 0,
          applicant_name: owner,
          applicant_no: null,
          company_id: companies.get(owner)?.id as number,
          resolution: 'name',
        })
        .execute();
    }
  });
  afterAll(async () => {
    await store?.dispose();
  });

  function setup() {
    const id = (key: string) => companies.get(key)?.id as number;
    const patentIndex = new MemoryIndex(
      new Map([
        [patents.get('p1') as number, unit([0, 1, 0])],
        [patents.get('p2') as number, unit([0, 0.8, 0.6])],
        [patents.get('p3') as number, unit([0, 0.6, 0.8])],
        [patents.get('t1') as number, unit([0, 0.9, 0.436])],
      ]),
    );
    const profileIndex = new MemoryIndex(
      new Map([
        [id('A'), unit([1, 0, 0])],
        [id('C'), unit([0, 0, 1])],
      ]),
    );
    const pool: ComparablePool = {
      companies: new Map(['A', 'B', 'C'].map((key) => [id(key), companies.get(key) as Company])),
      patentIdsOf: (companyId) =>
        companyId === id('B') ? ['p1', 'p2', 'p3'].map((key) => patents.get(key) as number) : [],
      revenueOf: (companyId) => ({ [id('A')]: 100, [id('B')]: 1000, [id('C')]: 120 })[companyId],
      representations: new Map(),
    };
    const embedder = {
      spaceId: 'test',
      dimension: 3,
      embed: (texts: readonly string[]) => texts.map(() => unit([1, 1, 1])),
    };
    return { spaces: { patentIndex, profileIndex, embedder }, pool, id };
  }

  it('ranks listed companies by similarity to the clusteroid patent', async () => {
    const { spaces, pool, id } = setup();
    const result = await findComparables({
      db: store.db,
      spaces,
      target: companies.get('T') as Company,
      targetPatentIds: [patents.get('t1') as number],
      targetRevenue: 110,
      pool,
      k: 2,
    });
    expect(result.strategy).toBe('vectors');
    expect(result.targetRepresentation).toBe('clusteroid_patent');
    expect(result.clusteroidPatentId).toBe(patents.get('t1'));
    expect(result.comparables.map((row) => row.companyId)).toEqual([id('B'), id('C')]);
    expect(result.comparables[0]?.representation).toBe('clusteroid_patent');
    expect(result.comparables[0]?.similarity).toBeCloseTo(0.9 * 0.8 + 0.436 * 0.6, 2);
    expect(pool.representations.get(id('B'))?.vector).toEqual(unit([0, 0.8, 0.6]));
  });

  it('embeds the profile text of a company without vectors', async () => {
    const { spaces, pool } = setup();
    const target = { ...(companies.get('T') as Company), id: 999, main_products: '클라우드 소프트웨어' };
    const result = await findComparables({
      db: store.db,
      spaces,
      target,
      targetPatentIds: [],
      targetRevenue: undefined,
      pool,
      k: 3,
    });
    expect(result.targetRepresentation).toBe('profile_text');
    expect(result.comparables).toHaveLength(3);
  });

  it('uses sector peers without vectors', async () => {
    const { pool, id } = setup();
    const result = await findComparables({
      db: store.db,
      spaces: undefined,
      target: companies.get('T') as Company,
      targetPatentIds: [],
      targetRevenue: 110,
      pool,
      k: 2,
    });
    expect(result.strategy).toBe('sector');
    expect(result.note).toBe(
      'no vector index loaded, so comparables are listed companies of the same sector closest in revenue',
    );
    expect(result.comparables.map((row) => row.companyId)).toEqual([id('C'), id('B')]);
  });

  it('orders sector peers by revenue closeness', () => {
    const { pool, id } = setup();
    const peers = sectorComparables(companies.get('T') as Company, 900, pool, 3);
    expect(peers.map((row) => row.companyId)).toEqual([id('B'), id('C'), id('A')]);
  });
});
