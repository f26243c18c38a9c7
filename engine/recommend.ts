import { ExitError } from '../core/errors.js';
import { describeSectors, resolveSector, type Sector } from '../data/sectors.js';
import { companiesSharingNames, getCompanies, normalizedNamesOf } from '../data/store/company-queries.js';
import { readDataVersion } from '../data/store/data-version.js';
import { ownersOfPatents } from '../data/store/patent-queries.js';
import type { Company } from '../data/store/tables.js';
import { Deadline, type RecommendOptions } from './deadline.js';
import type { EngineContext } from './engine.js';
import { emptyCounts, type FilterCounts } from './filter/partner-filter.js';
import { selectPartners } from './filter/select-partners.js';
import { RecencyWeightedMean } from './predict/next-vector.js';
import { buildEvidence, round } from './rank/evidence.js';
import { type CompanyHits, groupHitsByCompany, type Hit } from './rank/group-hits.js';
import { representRequester } from './represent/requester-vector.js';
import { resolveCompanyQuery } from './resolve/company-query.js';
import type {
  CompanyRef,
  ModelUsage,
  Partner,
  RecommendRequest,
  RecommendResult,
  Valuation,
} from './types.js';
import { formatKrw } from './value/market-cap.js';
import { valuationModelUsage } from './value/trained-models.js';
import { valuationCacheOf } from './value/valuation-cache.js';
import { modelFor, validOptions } from './value/value-company.js';

/**
 * Patent and profile neighbours fetched in the first round; each later round fetches five times
 * more. Hit counts only count hits inside the first round's window.
 */
const FIRST_ROUND_PATENTS = 200;
const FIRST_ROUND_PROFILES = 100;
const MAX_ROUNDS = 3;

/**
 * Cosine similarity under which a partner is flagged as a weak match in the notes. With the default
 * TF-IDF/SVD embedder, unrelated Korean patent texts mostly score below this (an estimate from the
 * demo and real data, not a calibrated threshold).
 */
export const WEAK_SIMILARITY = 0.1;

function companyRef(company: Company): CompanyRef {
  return {
    id: company.id,
    name: company.name,
    brn: company.brn,
    ticker: company.ticker,
    sector: company.sector,
    listed: Boolean(company.listed),
  };
}

function parseSector(input: string | undefined): Sector | undefined {
  if (input === undefined || input.trim() === '') return undefined;
  const sector = resolveSector(input);
  if (!sector) {
    throw new ExitError('UNKNOWN_SECTOR', `Unknown sector "${input}". Known sectors: ${describeSectors()}.`, {
      input,
    });
  }
  return sector;
}

/**
 * Runs the recommendation pipeline: resolve the company, represent it, predict its next patent
 * vector, retrieve neighbouring patents and profiles, group by company, value, filter and explain.
 * When the filters leave fewer than K partners, retrieval widens up to MAX_ROUNDS times before the
 * result's notes report the shortfall. With `options.deadlineMs`, the search checks the deadline
 * before every stage and between the companies it values, and stops with REQUEST_TIMEOUT.
 */
export async function recommend(
  context: EngineContext,
  request: RecommendRequest,
  options: RecommendOptions = {},
): Promise<RecommendResult> {
  const deadline = Deadline.from(options);
  const timings: Record<string, number> = {};
  const time = async <T>(stage: string, run: () => Promise<T> | T): Promise<T> => {
    deadline?.check(stage);
    const started = performance.now();
    try {
      return await run();
    } finally {
      timings[stage] = round((timings[stage] ?? 0) + performance.now() - started);
    }
  };
  const { db } = context.store;
  const topK = request.topK ?? context.config.topK;
  if (!Number.isInteger(topK) || topK < 1 || topK > 50) {
    throw new ExitError('INVALID_INPUT', `top K must be an integer from 1 to 50, got ${request.topK}.`);
  }
  const valuationFilter = request.valuationFilter ?? context.config.valuationFilter;
  const sector = parseSector(request.sector);

  const company = await time('resolve', () => resolveCompanyQuery(db, request.company));
  const requester = await time('represent', () => representRequester(context, company));
  const predictor = context.predictor;
  const queryVector = await time('predict', () =>
    requester.kind === 'patents'
      ? predictor.predict(requester.sequence)
      : (requester.sequence[0] as Float32Array),
  );

  const excluded = await time('exclude', async () => {
    const names = await normalizedNamesOf(db, company.id);
    const sharing = await companiesSharingNames(db, names);
    return new Set([company.id, ...sharing, ...(request.excludeCompanyIds ?? [])]);
  });

  // Valuations come from the engine's cache, under the data version read once for this request.
  const valuationCache = valuationCacheOf(context, context.config.valuationCacheEntries);
  const dataVersion = await time('value', () => readDataVersion(db));
  const valueBatch = (batch: readonly Company[]) => valuationCache.value(batch, dataVersion, deadline);
  const requesterValuation = (await time('value', () => valueBatch([company]))).get(company.id) ?? null;
  const requesterValue = requesterValuation?.value ?? null;

  let kept: CompanyHits[] = [];
  let counts: FilterCounts = emptyCounts();
  let companies = new Map<number, Company>();
  // Shared by the rounds, so a wider round values only candidates the earlier rounds did not reach.
  const valuations = new Map<number, Valuation | null>();
  let patentK = FIRST_ROUND_PATENTS;
  let profileK = FIRST_ROUND_PROFILES;
  let rounds = 0;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    rounds = round;
    const hits = await time('retrieve', () => {
      const ef = Math.max(context.config.efSearch, patentK);
      const patentHits: Hit[] = context.patentIndex.search(queryVector, patentK, ef).map((hit, i) => ({
        kind: 'patent' as const,
        label: hit.label,
        similarity: hit.similarity,
        counted: i < FIRST_ROUND_PATENTS,
      }));
      const profileHits: Hit[] = context.profileIndex
        .search(queryVector, profileK, Math.max(context.config.efSearch, profileK))
        .map((hit, i) => ({
          kind: 'profile' as const,
          label: hit.label,
          similarity: hit.similarity,
          counted: i < FIRST_ROUND_PROFILES,
        }));
      return [...patentHits, ...profileHits];
    });
    const ranked = await time('group', async () => {
      const owners = new Map<number, number[]>();
      const patentIds = hits.filter((hit) => hit.kind === 'patent').map((hit) => hit.label);
      for (const { patentId, companyId } of await ownersOfPatents(db, patentIds)) {
        owners.set(patentId, [...(owners.get(patentId) ?? []), companyId]);
      }
      return groupHitsByCompany(hits, owners, excluded);
    });
    companies = await time('load', () =>
      getCompanies(
        db,
        ranked.map((group) => group.companyId),
      ),
    );
    // Values candidates in rank order, in small batches, until K pass the filters.
    ({ kept, counts } = await time('value', () =>
      selectPartners({
        ranked,
        companies,
        valuations,
        value: valueBatch,
        sector,
        requesterValue,
        valuationFilter,
        topK,
      }),
    ));
    const exhausted = patentK >= context.patentIndex.size && profileK >= context.profileIndex.size;
    if (kept.length >= topK || exhausted) break;
    patentK = Math.min(patentK * 5, Math.max(context.patentIndex.size, 1));
    profileK = Math.min(profileK * 5, Math.max(context.profileIndex.size, 1));
  }

  const evidence = await time('evidence', () => buildEvidence(context, requester, kept, companies));
  const partners: Partner[] = kept.map((group, i) => {
    const partnerCompany = companies.get(group.companyId) as Company;
    const partnerEvidence = evidence.get(group.companyId);
    return {
      rank: i + 1,
      ...companyRef(partnerCompany),
      score: round(group.score),
      hitCount: group.hitCount,
      bestSimilarity: round(group.bestSimilarity),
      valuation: valuations.get(group.companyId) ?? null,
      evidence: partnerEvidence?.evidence ?? [],
      sharedIpcSubclasses: partnerEvidence?.sharedIpcSubclasses ?? [],
    };
  });

  const notes = explain({
    requester,
    requesterValue,
    valuationFilter,
    sector,
    topK,
    partners,
    counts,
    companyName: company.name,
    widened: rounds > 1,
  });
  const models: ModelUsage[] = [
    { stage: 'summarizer', id: context.manifest.summarizer.id, version: '1', fallback: false },
    {
      stage: 'embedder',
      id: context.manifest.embedder.id,
      version: context.manifest.spaceId,
      fallback: false,
    },
    {
      stage: 'next_vector',
      id: predictor.id,
      version: predictor.version,
      fallback: predictor.isFallback,
      ...(predictor.isFallback
        ? {
            note: `recency-weighted mean of the latest patent vectors${
              predictor instanceof RecencyWeightedMean && predictor.fallbackReason
                ? `: ${predictor.fallbackReason}`
                : ''
            }`,
          }
        : {}),
    },
    ...(await valuationModels(context)),
  ];
  context.logger.debug(
    { company: company.id, partners: partners.length, timings },
    'Recommendation finished',
  );
  return {
    requester: {
      ...companyRef(company),
      valuation: requesterValuation,
      patentCount: requester.patentCount,
      representation: requester.kind,
    },
    query: { company: request.company, sector: sector?.code ?? null, topK, valuationFilter },
    partners,
    notes,
    models,
    timingsMs: timings,
  };
}

function explain(input: {
  requester: { kind: 'patents' | 'profile' | 'name'; patentCount: number };
  requesterValue: number | null;
  valuationFilter: boolean;
  sector: Sector | undefined;
  topK: number;
  partners: Partner[];
  counts: FilterCounts;
  companyName: string;
  widened: boolean;
}): string[] {
  const notes: string[] = [];
  if (input.widened && input.partners.some((partner) => partner.hitCount === 0)) {
    notes.push(
      `The nearest ${FIRST_ROUND_PATENTS} patents and ${FIRST_ROUND_PROFILES} profiles gave too few partners that passed the filters, so the search was widened; partners with 0 hits were found only in the wider search.`,
    );
  }
  const weak = input.partners.filter((partner) => partner.bestSimilarity < WEAK_SIMILARITY);
  if (weak.length > 0) {
    notes.push(
      `${weak.map((partner) => `#${partner.rank}`).join(', ')} ${weak.length === 1 ? 'is a weak match' : 'are weak matches'} (best similarity below ${WEAK_SIMILARITY}): treat ${weak.length === 1 ? 'it' : 'them'} as a lead to check, not evidence of overlap.`,
    );
  }
  if (input.requester.kind === 'profile') {
    notes.push(
      `${input.companyName} has no indexed patents, so its products, overview and sector text were used instead.`,
    );
  } else if (input.requester.kind === 'name') {
    notes.push(
      `${input.companyName} has no patents and no profile text in the data, so only its name was matched: treat these partners as weak suggestions.`,
    );
  }
  if (input.valuationFilter && input.requesterValue === null) {
    notes.push(
      `${input.companyName} has no valuation (it is unlisted and its financial statements are missing or not enough to value it), so partners were not compared with its value; partners without a valuation were still dropped.`,
    );
  } else if (input.valuationFilter && input.requesterValue !== null) {
    notes.push(
      `Partners valued below ${input.companyName} (${formatKrw(input.requesterValue)}) or without a valuation were dropped.`,
    );
  }
  // Fewer than K partners means the filter walk examined every candidate of the last round, so the
  // counts cover all of them. With K partners the walk stops early and the counts are not shown.
  if (input.partners.length < input.topK) {
    const { candidates, droppedBySector, droppedNoValuation, droppedBelowRequester } = input.counts;
    const reasons: string[] = [];
    const widen: string[] = [];
    if (droppedBySector > 0 && input.sector) {
      reasons.push(`${droppedBySector} outside sector ${input.sector.code}`);
      widen.push('drop the sector');
    }
    if (droppedNoValuation > 0) reasons.push(`${droppedNoValuation} without a valuation`);
    if (droppedBelowRequester > 0) reasons.push(`${droppedBelowRequester} valued below the requester`);
    if (droppedNoValuation + droppedBelowRequester > 0)
      widen.push('turn the valuation filter off (--no-valuation-filter)');
    const why =
      reasons.length > 0
        ? ` Of the ${candidates} candidate companies examined, the filters removed ${reasons.join(', ')}.`
        : ' The index has no more related companies.';
    const how = widen.length > 0 ? ` To see more, ${widen.join(' or ')}.` : '';
    notes.push(
      `Only ${input.partners.length} of the ${input.topK} requested partners passed the filters.${why}${how}`,
    );
  }
  return notes;
}

/**
 * Names the growth and market-value models behind the valuations. The valuation model is cached
 * per store and data version, so this reads the one the valuation stage used.
 */
async function valuationModels(context: EngineContext): Promise<ModelUsage[]> {
  try {
    const model = await modelFor(context, validOptions({}));
    return valuationModelUsage(model.parts.trained);
  } catch (error) {
    context.logger.warn({ err: error }, 'Valuation model unavailable; the models field lists its fallbacks');
    return valuationModelUsage(undefined);
  }
}
