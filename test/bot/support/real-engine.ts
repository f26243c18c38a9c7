import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../../core/config.js';
import { silentLogger } from '../../../core/logger.js';
import { generateDataset } from '../../../data/generate/index.js';
import { importPath } from '../../../data/import/index.js';
import { listCompanies } from '../../../data/store/company-queries.js';
import { openStore, type Store } from '../../../data/store/connect.js';
import { Engine } from '../../../engine/engine.js';
import { buildIndex } from '../../../engine/indexing/build.js';

/** A real engine over a small generated dataset in a temporary folder: generate, import, index. */
export interface RealEngineFixture {
  store: Store;
  engine: Engine;
  config: Config;
  /** BRNs of companies with the most patents, whose searches return partners. */
  brns: string[];
  dispose(): Promise<void>;
}

/**
 * Builds the fixture. About 200 companies take about 12 s; call it once per test file in beforeAll.
 * The valuation filter is off, so every search fills its page on a small dataset. `settings`
 * overrides configuration variables, for example EXIT_EMBED_DIM in the benchmark.
 */
export async function openRealEngine(
  companies = 200,
  seed = 11,
  settings: Record<string, string> = {},
): Promise<RealEngineFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'exit-bot-engine-'));
  const logger = silentLogger();
  const dataFolder = join(dir, 'generated');
  await generateDataset({ companies, seed, outDir: dataFolder });
  const config = loadConfig({
    EXIT_DATABASE_URL: `sqlite:${join(dir, 'exit.db')}`,
    EXIT_DATA_DIR: join(dir, 'var'),
    EXIT_VALUATION_FILTER: 'off',
    EXIT_EMBED_DIM: '64',
    ...settings,
  });
  const store = await openStore(config.databaseUrl);
  await importPath(store, dataFolder, { logger });
  await buildIndex(store, { dataDir: config.dataDir, dimension: config.embedDim, logger });
  const engine = await Engine.open(store, config, logger);
  const rows = await listCompanies(store.db, { limit: 20 });
  const brns = rows.map((row) => row.brn).filter((brn): brn is string => brn !== null);
  return {
    store,
    engine,
    config,
    brns,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
