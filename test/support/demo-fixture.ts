import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/logger.js';
import { generateDataset } from '../../data/generate/index.js';
import { importPath } from '../../data/import/index.js';
import { openStore, type Store } from '../../data/store/connect.js';
import { buildIndex } from '../../engine/indexing/build.js';

/**
 * A small generated dataset imported into a temporary SQLite store with a built index, for tests
 * that need the whole pipeline. Generation is deterministic, so every run sees the same companies.
 */
export interface DemoFixture {
  dir: string;
  dataDir: string;
  databaseUrl: string;
  generatedDir: string;
  config: Config;
  store: Store;
  /** Environment variables that point the CLI at this fixture. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function createDemoFixture(
  options: { companies?: number; seed?: number; dimension?: number } = {},
): Promise<DemoFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'exit-fixture-'));
  const generatedDir = join(dir, 'generated');
  const dataDir = join(dir, 'var');
  const databaseUrl = `sqlite:${join(dir, 'exit.db')}`;
  await generateDataset({
    companies: options.companies ?? 150,
    seed: options.seed ?? 11,
    outDir: generatedDir,
  });
  const store = await openStore(databaseUrl);
  const logger = silentLogger();
  const report = await importPath(store, generatedDir, { logger });
  const failed = report.files.filter((file) => file.status === 'failed');
  if (failed.length > 0) throw new Error(`Fixture import failed: ${JSON.stringify(failed)}`);
  const env = {
    EXIT_DATABASE_URL: databaseUrl,
    EXIT_DATA_DIR: dataDir,
    EXIT_LOG_LEVEL: 'silent',
    EXIT_EMBED_DIM: String(options.dimension ?? 64),
  };
  const config = loadConfig(env);
  await buildIndex(store, { dataDir, dimension: config.embedDim, logger });
  return {
    dir,
    dataDir,
    databaseUrl,
    generatedDir,
    config,
    store,
    env,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
