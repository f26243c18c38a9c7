import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger.js';
import { generateDataset } from '../../data/generate/index.js';
import { importPath } from '../../data/import/index.js';
import { openStore, type Store } from '../../data/store/connect.js';

/** A store ready to evaluate on, with what the evaluation needs to know about its data. */
export interface PreparedDataset {
  name: 'generated' | 'real';
  source: string;
  store: Store;
  truthAffinityPath?: string;
  interactionKinds?: string[];
}

interface PrepareOptions {
  workDir: string;
  logger: Logger;
  onProgress?: (stage: string, done: number, total: number) => void;
}

async function importInto(dir: string, databasePath: string, options: PrepareOptions): Promise<Store> {
  const store = await openStore(`sqlite:${databasePath}`, options.logger);
  const report = await importPath(store, dir, {
    logger: options.logger,
    onProgress: ({ file, rowsDone, rowsTotal }) =>
      options.onProgress?.(`import ${file}`, rowsDone, rowsTotal ?? 0),
  });
  const failed = report.files.filter((file) => file.status === 'failed');
  if (failed.length > 0) {
    await store.close();
    throw new Error(
      `Importing ${dir} for the evaluation failed: ${failed.map((file) => `${file.path}: ${file.error}`).join('; ')}`,
    );
  }
  return store;
}

/**
 * Imports a generated dataset into a temporary SQLite store: `datasetDir` when given (a folder written by
 * `exitbot generate`, with truth/), else a new one of `companies` companies and `seed`.
 */
export async function prepareGenerated(
  options: PrepareOptions & { datasetDir?: string; companies: number; seed: number },
): Promise<PreparedDataset> {
  let dir = options.datasetDir;
  let source: string;
  if (dir) {
    source = dir;
  } else {
    dir = join(options.workDir, 'generated');
    await generateDataset({
      companies: options.companies,
      seed: options.seed,
      outDir: dir,
      onProgress: (done, total, stage) => options.onProgress?.(`generate ${stage}`, done, total),
    });
    source = `exitbot generate --companies ${options.companies} --seed ${options.seed}`;
  }
  const truthAffinityPath = join(dir, 'truth', 'affinity.csv');
  if (!existsSync(truthAffinityPath)) {
    throw new Error(
      `${truthAffinityPath} is missing: --dataset must be a folder written by \`exitbot generate\`.`,
    );
  }
  const store = await importInto(dir, join(options.workDir, 'generated.db'), options);
  return { name: 'generated', source, store, truthAffinityPath };
}

/**
 * Imports the real KIPRIS collection (companies, applicant numbers, patents) into a temporary SQLite store.
 * Partner pairs are its co-applicants, so only 'co_application' interactions count.
 */
export async function prepareReal(options: PrepareOptions & { realDir: string }): Promise<PreparedDataset> {
  const store = await importInto(options.realDir, join(options.workDir, 'real.db'), options);
  return { name: 'real', source: options.realDir, store, interactionKinds: ['co_application'] };
}
