import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { importPath } from '../../data/import/index.js';
import { resolveSector } from '../../data/sectors.js';
import { companiesSharingNames, getCompanies, normalizedNamesOf } from '../../data/store/company-queries.js';
import { readDataVersion } from '../../data/store/data-version.js';
import { ownersOfPatents } from '../../data/store/patent-queries.js';
import { patentIdsByCompany } from '../../data/store/valuation-queries.js';
import { Engine } from '../../engine/engine.js';
import { type FilterOutput, filterPartners } from '../../engine/filter/partner-filter.js';
import { groupHitsByCompany, type Hit } from '../../engine/rank/group-hits.js';
import { representRequester } from '../../engine/represent/requester-vector.js';
import { resolveCompanyQuery } from '../../engine/resolve/company-query.js';
import type { Valuation } from '../../engine/types.js';
import { findComparables } from '../../engine/value/comparables.js';
import { valueCompanies } from '../../engine/value/market-cap.js';
import { valuationCacheOf } from '../../engine/value/valuation-cache.js';
import { modelFor, validOptions } from '../../engine/value/value-company.js';
import { createDemoFixture, type DemoFixture } from '../support/demo-fixture.js';

/**
 * The recommendation values candidates lazily, in rank order, and caches valuations across
 * requests. These tests compare it with the earlier pipeline, kept here as the reference, which
 * valued every candidate of each retrieval round before filtering.
 */

const FIRST_ROUND_PATENTS = 200;
const FIRST_ROUND_PROFILES = 100;
const MAX_ROUNDS = 3;

interface ReferenceRequest {
  company: string;
  sector?: string;
  topK: number;
  valuationFilter: boolean;
}

interface ReferenceResult {
  partners: { id: number; hitCount: number; valuation: Valuation | null }[];
  filtered: FilterOutput;
  /** Companies valued over all rounds, counting a company once per round, as the old loop did. */
  valuedCompanies: number;
}

/** Runs the earlier pipeline: each round values every candidate, then `filterPartners` keeps the top K. */
async function referenceRecommend(engine: Engine, request: ReferenceRequest): Promise<ReferenceResult> {
  const context = engine.context;
  const { db } = context.store;
  const sector = request.sector ? resolveSector(request.sector) : undefined;
  const company = await resolveCompanyQuery(db, request.company);
  const requester = await representRequester(context, company);
  const queryVector =
    requester.kind === 'patents'
      ? await context.predictor.predict(requester.sequence)
      : (requester.sequence[0] as Float32Array);
  const sharing = await companiesSharingNames(db, await normalizedNamesOf(db, company.id));
  const excluded = new Set([company.id, ...sharing]);
  const requesterValue = (await valueCompanies(db, [company], context)).get(company.id)?.value ?? null;

  let filtered: FilterOutput = filterPartners({
    ranked: [],
    companies: new Map(),
    valuations: new Map(),
    sector,
    requesterValue,
    valuationFilter: request.valuationFilter,
    topK: request.topK,
  });
  let valuations = new Map<number, Valuation | null>();
  let valuedCompanies = 0;
  let patentK = FIRST_ROUND_PATENTS;
  let profileK = FIRST_ROUND_PROFILES;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const patentHits: Hit[] = context.patentIndex
      .search(queryVector, patentK, Math.max(context.config.efSearch, patentK))
      .map((hit, i) => ({
        kind: 'patent',
        label: hit.label,
        similarity: hit.similarity,
        counted: i < FIRST_ROUND_PATENTS,
      }));
    const profileHits: Hit[] = context.profileIndex
      .search(queryVector, profileK, Math.max(context.config.efSearch, profileK))
      .map((hit, i) => ({
        kind: 'profile',
        label: hit.label,
        similarity: hit.similarity,
        counted: i < FIRST_ROUND_PROFILES,
      }));
    const owners = new Map<number, number[]>();
    for (const { patentId, companyId } of await ownersOfPatents(
      db,
      patentHits.map((hit) => hit.label),
    ))
      owners.set(patentId, [...(owners.get(patentId) ?? []), companyId]);
    const ranked = groupHitsByCompany([...patentHits, ...profileHits], owners, excluded);
    const companies = await getCompanies(
      db,
      ranked.map((group) => group.companyId),
    );
    valuations = await valueCompanies(db, [...companies.values()], context);
    valuedCompanies += companies.size;
    filtered = filterPartners({
      ranked,
      companies,
      valuations,
      sector,
      requesterValue,
      valuationFilter: request.valuationFilter,
      topK: request.topK,
    });
    const exhausted = patentK >= context.patentIndex.size && profileK >= context.profileIndex.size;
    if (filtered.kept.length >= request.topK || exhausted) break;
    patentK = Math.min(patentK * 5, Math.max(context.patentIndex.size, 1));
    profileK = Math.min(profileK * 5, Math.max(context.profileIndex.size, 1));
  }
  return {
    partners: filtered.kept.map((group) => ({
      id: group.companyId,
      hitCount: group.hitCount,
      valuation: valuations.get(group.companyId) ?? null,
    })),
    filtered,
    valuedCompanies,
  };
}

describe('recommend valuation', () => {
  let fixture: DemoFixture;
  let engine: Engine;
  let requesters: { brn: string; sector: string | null }[];

  beforeAll(async () => {
    fixture = await createDemoFixture();
    engine = await Engine.open(fixture.store, fixture.config, silentLogger());
    // Unlisted and listed requesters with patents, and some without: four of each kind.
    const rows = await fixture.store.db
      .selectFrom('companies')
      .leftJoin('patent_applicants', 'patent_applicants.company_id', 'companies.id')
      .select(['companies.brn', 'companies.sector', 'companies.listed'])
      .select((eb) => eb.fn.count('patent_applicants.patent_id').as('patents'))
      .where('companies.brn', 'is not', null)
      .groupBy(['companies.id', 'companies.brn', 'companies.sector', 'companies.listed'])
      .orderBy('companies.id')
      .execute();
    const pick = (listed: number, withPatents: boolean) =>
      rows
        .filter((row) => Number(row.listed) === listed && Number(row.patents) > 0 === withPatents)
        .slice(0, 2)
        .map((row) => ({ brn: row.brn as string, sector: row.sector }));
    requesters = [...pick(0, true), ...pick(1, true), ...pick(0, false), ...pick(1, false)];
  }, 300_000);

  afterAll(async () => {
    await fixture?.dispose();
  });

  it('matches valuing every candidate', async () => {
    expect(requesters.length).toBeGreaterThanOrEqual(6);
    let compared = 0;
    let shortfalls = 0;
    for (const requester of requesters) {
      const sectors = [undefined, requester.sector ?? undefined, 'bio'];
      for (const sector of sectors) {
        for (const valuationFilter of [true, false]) {
          for (const topK of [3, 50]) {
            const request = { company: requester.brn, topK, valuationFilter, ...(sector ? { sector } : {}) };
            const expected = await referenceRecommend(engine, request);
            const actual = await engine.recommend(request);
            const label = JSON.stringify(request);
            expect(
              actual.partners.map((partner) => ({
                id: partner.id,
                hitCount: partner.hitCount,
                valuation: partner.valuation,
              })),
              label,
            ).toEqual(expected.partners);
            if (actual.partners.length < topK) {
              shortfalls += 1;
              // Every candidate was examined, so the counts in the notes are the old ones.
              const { droppedBySector, droppedNoValuation, droppedBelowRequester, candidates } =
                expected.filtered.counts;
              const notes = actual.notes.join(' ');
              if (droppedBySector > 0 && sector)
                expect(notes, label).toContain(`${droppedBySector} outside sector`);
              if (droppedNoValuation > 0)
                expect(notes, label).toContain(`${droppedNoValuation} without a valuation`);
              if (droppedBelowRequester > 0)
                expect(notes, label).toContain(`${droppedBelowRequester} valued below the requester`);
              if (droppedBySector + droppedNoValuation + droppedBelowRequester > 0)
                expect(notes, label).toContain(`Of the ${candidates} candidate companies examined`);
            }
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBe(requesters.length * 12);
    expect(shortfalls).toBeGreaterThan(0);
  }, 600_000);

  it('values fewer companies than the old pipeline', async () => {
    const fresh = await Engine.open(fixture.store, fixture.config, silentLogger());
    const cache = valuationCacheOf(fresh.context, fresh.context.config.valuationCacheEntries);
    let valuedNow = 0;
    let valuedBefore = 0;
    for (const requester of requesters) {
      const request = { company: requester.brn, topK: 5, valuationFilter: true };
      const missesBefore = cache.misses;
      await fresh.recommend(request);
      valuedNow += cache.misses - missesBefore;
      valuedBefore += (await referenceRecommend(fresh, request)).valuedCompanies + 1;
    }
    expect(valuedNow).toBeLessThan(valuedBefore / 2);
  }, 300_000);

  it('finds the same comparables with the pool owner index', async () => {
    const model = await modelFor(engine.context, validOptions({}));
    expect(model.pool.poolOwnersOf).toBeDefined();
    const { poolOwnersOf: _index, ...withoutIndex } = model.pool;
    const targets = await fixture.store.db
      .selectFrom('companies')
      .selectAll()
      .orderBy('id')
      .limit(40)
      .execute();
    const patents = await patentIdsByCompany(
      fixture.store.db,
      targets.map((target) => target.id),
    );
    let withVectors = 0;
    for (const target of targets) {
      const input = {
        db: fixture.store.db,
        spaces: model.spaces,
        target,
        targetPatentIds: patents.get(target.id) ?? [],
        targetRevenue: undefined,
        k: 5,
      };
      const indexed = await findComparables({ ...input, pool: model.pool });
      const queried = await findComparables({ ...input, pool: withoutIndex });
      expect(indexed, target.name).toEqual(queried);
      if (indexed.strategy === 'vectors') withVectors += 1;
    }
    expect(withVectors).toBeGreaterThan(10);
  }, 300_000);

  it('serves a repeated request from the cache', async () => {
    const fresh = await Engine.open(fixture.store, fixture.config, silentLogger());
    const cache = valuationCacheOf(fresh.context, fresh.context.config.valuationCacheEntries);
    const request = { company: (requesters[0] as { brn: string }).brn, topK: 5 };
    const first = await fresh.recommend(request);
    const missesAfterFirst = cache.misses;
    const hitsAfterFirst = cache.hits;
    const second = await fresh.recommend(request);
    expect(second.partners).toEqual(first.partners);
    expect(cache.misses).toBe(missesAfterFirst);
    expect(cache.hits).toBeGreaterThan(hitsAfterFirst);
  }, 300_000);

  it('revalues after an import changes a market cap', async () => {
    const fresh = await Engine.open(fixture.store, fixture.config, silentLogger());
    let found: { request: { company: string; topK: number }; partnerId: number } | undefined;
    for (const requester of requesters) {
      const request = { company: requester.brn, topK: 10 };
      const result = await fresh.recommend(request);
      const listed = result.partners.find(
        (partner) => partner.ticker && partner.valuation?.method === 'market_cap',
      );
      if (listed) {
        found = { request, partnerId: listed.id };
        break;
      }
    }
    expect(found).toBeDefined();
    const { request, partnerId } = found as NonNullable<typeof found>;
    const before = await fresh.recommend(request);
    const partner = before.partners.find((entry) => entry.id === partnerId);
    const oldValue = partner?.valuation?.value as number;
    const versionBefore = await readDataVersion(fixture.store.db);
    const modelBefore = await modelFor(fresh.context, validOptions({}));

    // A KRX market snapshot is the preferred undated source, so its market cap becomes the value.
    const newValue = oldValue * 3 + 1_000_000;
    const file = join(fixture.dir, 'snapshot.csv');
    writeFileSync(
      file,
      `종목코드,종목명,시장구분,소속부,종가,시가총액,상장주식수\n${partner?.ticker},${partner?.name},KOSPI,,1000,${newValue},1000\n`,
    );
    const report = await importPath(fixture.store, file, { logger: silentLogger() });
    expect(report.files.map((entry) => entry.status)).not.toContain('failed');
    expect(await readDataVersion(fixture.store.db)).toBeGreaterThan(versionBefore);
    expect(await modelFor(fresh.context, validOptions({}))).not.toBe(modelBefore);

    const after = await fresh.recommend(request);
    const revalued = after.partners.find((entry) => entry.id === partnerId);
    expect(revalued?.valuation?.value).toBe(newValue);
    expect(revalued?.valuation?.source).toBe('krx_market_snapshot');
  }, 300_000);
});
