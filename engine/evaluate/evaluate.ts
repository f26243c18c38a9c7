import { join } from 'node:path';
import type { Config } from '../../core/config.js';
import type { Logger } from '../../core/logger.js';
import type { Store } from '../../data/store/connect.js';
import { Engine } from '../engine.js';
import { buildIndex } from '../indexing/build.js';
import { type NextVectorPredictor, RecencyWeightedMean } from '../predict/next-vector.js';
import { type RankingScores, scoreRankings } from './metrics.js';
import { type NextPatentResult, nextPatentHitRate } from './next-patent.js';
import { LastPatentPredictor, ProfileMeanPredictor } from './predictors.js';
import { TrueAffinityRanker } from './rankers/ceiling.js';
import { EngineRanker } from './rankers/engine-ranker.js';
import { IpcOverlapRanker } from './rankers/ipc-overlap.js';
import { SectorPopularityRanker } from './rankers/popularity.js';
import type { PartnerRanker } from './rankers/ranker.js';
import { sampleIds, splitPairsByDate } from './split.js';
import { readInteractions } from './store-scan.js';
import { buildEvaluationView } from './view.js';

/** A next-vector predictor to evaluate inside the EXIT pipeline, such as a trained SASRec model. */
export interface EvalPredictor {
  id: string;
  label: string;
  predictor: NextVectorPredictor;
}

export interface EvaluateOptions {
  /** 'generated' or 'real', reported as the dataset name. */
  name: string;
  /** Origin of the data, for the report. */
  source: string;
  ks: readonly number[];
  holdoutFraction: number;
  /** Queries sampled (seeded) from the companies with held-out partners, and companies for next-patent. */
  maxQueries: number;
  seed: number;
  dimension: number;
  /** Folder for the evaluation index; the caller removes it. */
  workDir: string;
  /** truth/affinity.csv of a generated dataset, for the ceiling; absent for real data. */
  truthAffinityPath?: string;
  /** Interaction kinds that count as partnerships; all kinds when absent. */
  interactionKinds?: readonly string[];
  nextPatentNs: readonly number[];
  /**
   * A fitted embedder folder to reuse for the evaluation index instead of fitting one without the
   * held-out patents. The index then shares that embedding space, so a SASRec model trained in it
   * is loaded and evaluated. That embedder has seen the held-out patents' text, and the report states it.
   */
  embedderDir?: string;
  /** Further predictors to run in the EXIT pipeline; a trained SASRec model goes here. */
  predictors?: readonly EvalPredictor[];
  config: Config;
  logger: Logger;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface MethodResult extends Partial<RankingScores> {
  id: string;
  label: string;
  status: 'evaluated' | 'skipped';
  reason?: string;
  /** Mean milliseconds per query. */
  msPerQuery?: number;
  /** For EXIT rows: how many requesters were represented by patents, profile text or name. */
  representations?: Record<string, number>;
}

export interface DatasetEvaluation {
  name: string;
  status: 'evaluated' | 'skipped';
  reason?: string;
  source: string;
  split?: {
    cutoff: string | null;
    holdoutFraction: number;
    pairs: { total: number; undated: number; train: number; heldOut: number };
    companiesWithHeldOutPartners: number;
    queries: number;
    meanHeldOutPartnersPerQuery: number;
  };
  engineView?: {
    patentsInStore: number;
    patentsIndexed: number;
    excludedAfterCutoff: number;
    excludedCoOwnedByHeldOutPair: number;
    profilesIndexed: number;
    indexBuildSeconds: number;
    /** Origin of the embedder: fitted without the held-out patents, or reused from a folder. */
    embedder: string;
  };
  /** The engine's next-vector predictor and whether it is the fallback for a missing SASRec model. */
  predictor?: { id: string; version: string; fallback: boolean };
  methods?: MethodResult[];
  nextPatent?: NextPatentResult;
  durationSeconds?: number;
}

export const SASREC_PENDING =
  'no SASRec model matches the evaluation index: none is trained yet, or it was trained in another embedding space (reuse that embedder with --embedder-from)';

/** Sectors of every company, for the popularity baseline. */
async function sectorsOf(store: Store): Promise<Map<number, string | null>> {
  const rows = await store.db.selectFrom('companies').select(['id', 'sector']).execute();
  return new Map(rows.map((row) => [row.id, row.sector]));
}

/** Company ids by BRN, for mapping the generator's truth files onto the store. */
export async function companyIdsByBrn(store: Store): Promise<Map<string, number>> {
  const rows = await store.db
    .selectFrom('companies')
    .select(['id', 'brn'])
    .where('brn', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [row.brn as string, row.id]));
}

/**
 * Evaluates partner ranking on one store: splits its interactions by date, builds an evaluation
 * index without the held-out evidence (see view.ts), and scores every method on the same queries.
 */
export async function evaluateDataset(store: Store, options: EvaluateOptions): Promise<DatasetEvaluation> {
  const started = performance.now();
  const { logger } = options;
  const progress = options.onProgress ?? (() => {});
  const interactions = await readInteractions(store.db, options.interactionKinds);
  const split = splitPairsByDate(interactions, options.holdoutFraction);
  const view = await buildEvaluationView(store.db, split);
  const candidates = [...split.heldOutPartners.keys()];
  const queries = sampleIds(candidates, options.maxQueries, options.seed);
  logger.info(
    { cutoff: split.cutoff, pairs: split.pairs, queries: queries.length },
    'Evaluation split ready',
  );
  if (queries.length === 0) {
    return {
      name: options.name,
      status: 'skipped',
      reason: `no held-out partner pairs: ${split.pairs.total} pairs in total, ${split.pairs.undated} undated`,
      source: options.source,
    };
  }

  const dataDir = join(options.workDir, 'var');
  const buildStarted = performance.now();
  const manifest = await buildIndex(store, {
    dataDir,
    dimension: options.dimension,
    seed: options.seed,
    excludePatentIds: view.excludedPatentIds,
    summarize: 'missing',
    ...(options.embedderDir ? { embedderDir: options.embedderDir } : {}),
    logger,
    onProgress: progress,
  });
  const indexBuildSeconds = (performance.now() - buildStarted) / 1000;
  const engine = await Engine.open(store, { ...options.config, dataDir }, logger);
  const current = engine.context.predictor;
  const fallback = current.isFallback ? current : new RecencyWeightedMean();
  const sequenceModel = current.isFallback ? null : current;
  const fallbackLabel = `EXIT, next vector by ${fallback.id} (the engine's fallback when no SASRec model qualifies for the index)`;

  const rankers: PartnerRanker[] = [
    new SectorPopularityRanker(split.trainInteractions, await sectorsOf(store)),
    new IpcOverlapRanker(view.ipcProfiles),
    new EngineRanker(
      'exit-profile-mean',
      'EXIT without sequence model: company profile mean vector',
      engine.context,
      new ProfileMeanPredictor(),
    ),
    new EngineRanker(`exit-${fallback.id}`, fallbackLabel, engine.context, fallback),
    ...(sequenceModel
      ? [
          new EngineRanker(
            `exit-${sequenceModel.id}`,
            `EXIT, next vector by ${sequenceModel.id}`,
            engine.context,
            sequenceModel,
          ),
        ]
      : []),
    ...(options.predictors ?? []).map(
      (extra) =>
        new EngineRanker(
          `exit-${extra.id}`,
          `EXIT, next vector by ${extra.label}`,
          engine.context,
          extra.predictor,
        ),
    ),
  ];
  if (options.truthAffinityPath) {
    rankers.push(await TrueAffinityRanker.load(options.truthAffinityPath, await companyIdsByBrn(store)));
  }

  const maxK = Math.max(...options.ks);
  const empty = new Set<number>();
  const methods: MethodResult[] = [];
  for (const ranker of rankers) {
    const rankerStarted = performance.now();
    const results: { ranked: number[]; relevant: Set<number> }[] = [];
    for (const [i, companyId] of queries.entries()) {
      const ranked = await ranker.rank(companyId, maxK, split.trainPartners.get(companyId) ?? empty);
      results.push({ ranked, relevant: split.heldOutPartners.get(companyId) ?? empty });
      if (i % 50 === 0 || i === queries.length - 1) progress(ranker.id, i + 1, queries.length);
    }
    methods.push({
      id: ranker.id,
      label: ranker.label,
      status: 'evaluated',
      ...scoreRankings(results, options.ks),
      msPerQuery: (performance.now() - rankerStarted) / queries.length,
      ...(ranker instanceof EngineRanker ? { representations: ranker.representations } : {}),
    });
    logger.info({ method: ranker.id }, 'Evaluated a ranking method');
  }
  const sasrecEvaluated =
    sequenceModel !== null || (options.predictors ?? []).some((extra) => extra.id.startsWith('sasrec'));
  if (!sasrecEvaluated) {
    methods.splice(4, 0, {
      id: 'exit-sasrec',
      label: 'EXIT, next vector by SASRec',
      status: 'skipped',
      reason: SASREC_PENDING,
    });
  }
  if (!options.truthAffinityPath) {
    methods.push({
      id: 'ceiling-true-affinity',
      label: 'ceiling: true interaction probability from the generator',
      status: 'skipped',
      reason: 'real data has no ground-truth interaction probabilities',
    });
  }

  const withSequences = [...view.visiblePatentCounts].filter(([, count]) => count >= 2).map(([id]) => id);
  const nextPatent = await nextPatentHitRate(
    engine.context,
    sampleIds(withSequences, options.maxQueries, options.seed),
    [
      ...(sequenceModel ? [{ id: sequenceModel.id, label: sequenceModel.id, predictor: sequenceModel }] : []),
      ...(options.predictors ?? []),
      { id: fallback.id, label: fallbackLabel, predictor: fallback },
      {
        id: 'profile-mean',
        label: 'no sequence model: mean of all earlier patents',
        predictor: new ProfileMeanPredictor(),
      },
      { id: 'last-patent', label: 'last patent only', predictor: new LastPatentPredictor() },
    ],
    options.nextPatentNs,
  );

  const heldOutSizes = queries.map((id) => split.heldOutPartners.get(id)?.size ?? 0);
  return {
    name: options.name,
    status: 'evaluated',
    source: options.source,
    split: {
      cutoff: split.cutoff,
      holdoutFraction: split.holdoutFraction,
      pairs: split.pairs,
      companiesWithHeldOutPartners: candidates.length,
      queries: queries.length,
      meanHeldOutPartnersPerQuery: heldOutSizes.reduce((sum, size) => sum + size, 0) / queries.length,
    },
    engineView: {
      patentsInStore: view.patents.total,
      patentsIndexed: manifest.patents.count,
      excludedAfterCutoff: view.excluded.afterCutoff,
      excludedCoOwnedByHeldOutPair: view.excluded.coOwnedByHeldOutPair,
      profilesIndexed: manifest.profiles.count,
      indexBuildSeconds,
      embedder: options.embedderDir
        ? `reused from ${options.embedderDir} (fitted on all patents, held-out ones included)`
        : 'fitted on the visible patents only',
    },
    predictor: { id: current.id, version: current.version, fallback: current.isFallback },
    methods,
    nextPatent,
    durationSeconds: (performance.now() - started) / 1000,
  };
}
