import { join } from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../../../core/config.js';
import type { Logger } from '../../../core/logger.js';
import type { Store } from '../../../data/store/connect.js';
import { patentsOfCompany } from '../../../data/store/patent-queries.js';
import { Engine } from '../../engine.js';
import { describeMachine, type MachineInfo } from '../machine.js';
import { sampleIds } from '../split.js';
import { type AnnRecallResult, measureAnnRecall } from './ann-recall.js';
import { type LatencyBucket, measureLatency } from './latency.js';
import { buildScaleStore, type ScaleRun } from './scale.js';
import { peakRssMiB } from './stats.js';

export interface BenchSettings {
  latencyTargets: number[];
  companiesPerBucket: number;
  runs: number;
  annQueries: number;
  k: number;
  efs: number[];
  annoyTrees: number[];
  seed: number;
  dimension: number;
  efSearchDefault: number;
}

export interface BenchSizeResult {
  /** Patents in the store measured. */
  patents: number;
  source: string;
  /** Generate, import and index timings when the benchmark built the store itself. */
  scale?: ScaleRun;
  engineOpenMs: number;
  latency: LatencyBucket[];
  ann: AnnRecallResult;
  peakRssMiB: number;
}

export interface BenchReport {
  createdAt: string;
  command: string;
  machine: MachineInfo;
  settings: BenchSettings;
  results: BenchSizeResult[];
  notes: string[];
}

/** Next-patent vectors of sampled companies with two or more indexed patents: queries like real ones. */
async function sampleQueries(engine: Engine, count: number, seed: number): Promise<Float32Array[]> {
  const { store, patentIndex, predictor } = engine.context;
  const rows = await store.db
    .selectFrom('patent_applicants')
    .select('company_id')
    .where('company_id', 'is not', null)
    .groupBy('company_id')
    .having(sql`count(distinct patent_id)`, '>=', 2)
    .execute();
  const queries: Float32Array[] = [];
  for (const id of sampleIds(
    rows.map((row) => row.company_id as number),
    count,
    seed,
  )) {
    const sequence = (await patentsOfCompany(store.db, id))
      .filter((patent) => patentIndex.has(patent.id))
      .map((patent) => patentIndex.getVector(patent.id));
    if (sequence.length > 0) queries.push(await predictor.predict(sequence));
  }
  return queries;
}

/** Latency and ANN recall of the engine over one store and its built index. */
export async function benchStore(
  store: Store,
  dataDir: string,
  settings: BenchSettings,
  context: {
    config: Config;
    logger: Logger;
    source: string;
    scale?: ScaleRun;
    onProgress?: (stage: string, done: number, total: number) => void;
  },
): Promise<BenchSizeResult> {
  const started = performance.now();
  const engine = await Engine.open(store, { ...context.config, dataDir }, context.logger);
  const engineOpenMs = performance.now() - started;
  context.onProgress?.('latency', 0, settings.latencyTargets.length);
  const latency = await measureLatency(engine, settings.latencyTargets, {
    companiesPerBucket: settings.companiesPerBucket,
    runs: settings.runs,
  });
  const queries = await sampleQueries(engine, settings.annQueries, settings.seed);
  const ann = measureAnnRecall(engine.context.patentIndex, queries, {
    k: settings.k,
    efs: settings.efs,
    annoyTrees: settings.annoyTrees,
    ...(context.onProgress ? { onProgress: context.onProgress } : {}),
  });
  return {
    patents: engine.context.patentIndex.size,
    source: context.source,
    ...(context.scale ? { scale: context.scale } : {}),
    engineOpenMs: Math.round(engineOpenMs),
    latency,
    ann,
    peakRssMiB: peakRssMiB(),
  };
}

/** Generates, imports and indexes a dataset of each size in `patents`, then benchmarks it. */
export async function benchGeneratedSizes(
  patents: readonly number[],
  settings: BenchSettings,
  context: {
    workDir: string;
    config: Config;
    logger: Logger;
    onProgress?: (stage: string, done: number, total: number) => void;
  },
): Promise<BenchSizeResult[]> {
  const results: BenchSizeResult[] = [];
  for (const size of patents) {
    const workDir = join(context.workDir, `size-${size}`);
    const { run, store, dataDir } = await buildScaleStore(size, {
      workDir,
      seed: settings.seed,
      dimension: settings.dimension,
      logger: context.logger,
      ...(context.onProgress ? { onProgress: context.onProgress } : {}),
    });
    try {
      results.push(
        await benchStore(store, dataDir, settings, {
          ...context,
          source: `exitbot generate --companies ${run.companies} --seed ${settings.seed}, imported into SQLite`,
          scale: run,
        }),
      );
    } finally {
      await store.close();
    }
  }
  return results;
}

export function benchMachine(): MachineInfo {
  return describeMachine();
}
