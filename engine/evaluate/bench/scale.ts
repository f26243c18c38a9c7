import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../../core/logger.js';
import { generateDataset } from '../../../data/generate/index.js';
import { importPath } from '../../../data/import/index.js';
import { openStore, type Store } from '../../../data/store/connect.js';
import { indexDir } from '../../indexing/artifacts.js';
import { buildIndex } from '../../indexing/build.js';
import { peakRssMiB, round } from './stats.js';

/** The generator writes about ten patents per company (998,143 for 100,000 companies, seed 7). */
export const PATENTS_PER_COMPANY = 10;

export interface ScaleRun {
  companies: number;
  patents: number;
  generateSeconds: number;
  importSeconds: number;
  /** Patents per second of the import alone (every file of the dataset, not only patents). */
  importPatentsPerSecond: number;
  indexBuildSeconds: number;
  /** Seconds per index build stage: summarise, fit, embed patents, embed profiles. */
  indexStageSeconds: Record<string, number>;
  /** Patents per second from the first imported row to a searchable index: import, summarise, embed. */
  endToEndPatentsPerSecond: number;
  indexBytes: number;
  storeBytes: number;
  /** Peak resident memory of this process after the index build, in MiB. */
  peakRssMiB: number;
}

/** Total size of the files in a folder, recursively. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/**
 * Generates a dataset of about `patents` patents, imports it into a SQLite store in `workDir` and
 * builds its index, timing each step. Returns the open store and the data folder of the index.
 */
export async function buildScaleStore(
  patents: number,
  options: {
    workDir: string;
    seed: number;
    dimension: number;
    logger: Logger;
    onProgress?: (stage: string, done: number, total: number) => void;
  },
): Promise<{ run: ScaleRun; store: Store; dataDir: string }> {
  const companies = Math.max(10, Math.round(patents / PATENTS_PER_COMPANY));
  const generated = join(options.workDir, 'generated');
  let started = performance.now();
  const summary = await generateDataset({
    companies,
    seed: options.seed,
    outDir: generated,
    onProgress: (done, total, stage) => options.onProgress?.(`generate ${stage}`, done, total),
  });
  const generateSeconds = (performance.now() - started) / 1000;

  const databasePath = join(options.workDir, 'bench.db');
  const store = await openStore(`sqlite:${databasePath}`, options.logger);
  started = performance.now();
  const report = await importPath(store, generated, {
    logger: options.logger,
    onProgress: ({ file, rowsDone, rowsTotal }) =>
      options.onProgress?.(`import ${file}`, rowsDone, rowsTotal ?? 0),
  });
  const importSeconds = (performance.now() - started) / 1000;
  const failed = report.files.filter((file) => file.status === 'failed');
  if (failed.length > 0)
    throw new Error(`Benchmark import failed: ${failed.map((file) => file.error).join('; ')}`);

  const dataDir = join(options.workDir, 'var');
  const stageSeconds: Record<string, number> = {};
  let stage = '';
  let stageStarted = performance.now();
  started = performance.now();
  await buildIndex(store, {
    dataDir,
    dimension: options.dimension,
    seed: options.seed,
    logger: options.logger,
    onProgress: (name, done, total) => {
      if (name !== stage) {
        if (stage) stageSeconds[stage] = round((performance.now() - stageStarted) / 1000, 1);
        stage = name;
        stageStarted = performance.now();
      }
      options.onProgress?.(name, done, total);
    },
  });
  const indexBuildSeconds = (performance.now() - started) / 1000;
  if (stage) stageSeconds[stage] = round((performance.now() - stageStarted) / 1000, 1);
  const run: ScaleRun = {
    companies,
    patents: summary.patents,
    generateSeconds: round(generateSeconds, 1),
    importSeconds: round(importSeconds, 1),
    importPatentsPerSecond: round(summary.patents / importSeconds, 0),
    indexBuildSeconds: round(indexBuildSeconds, 1),
    indexStageSeconds: stageSeconds,
    endToEndPatentsPerSecond: round(summary.patents / (importSeconds + indexBuildSeconds), 0),
    indexBytes: folderBytes(indexDir(dataDir)),
    storeBytes: statSync(databasePath).size,
    peakRssMiB: peakRssMiB(),
  };
  return { run, store, dataDir };
}
