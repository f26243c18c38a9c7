import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/logger.js';
import { importPath } from '../../data/import/index.js';
import { openStore, type Store } from '../../data/store/connect.js';
import { Engine } from '../../engine/engine.js';
import { buildIndex } from '../../engine/indexing/build.js';
import { REAL_DATA_DIR, realDataSkipReason } from '../support/paths.js';

/**
 * The main job on the real Korean data: an unlisted manufacturer with 92 patents, a company with a
 * preferred sector, and a listed company with no patents each get five partners with evidence and
 * valuations.
 */
describe.skipIf(realDataSkipReason !== null)('recommend on the real data', () => {
  let dir: string;
  let store: Store;
  let engine: Engine;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'exit-real-'));
    const config = loadConfig({
      EXIT_DATABASE_URL: `sqlite:${join(dir, 'exit.db')}`,
      EXIT_DATA_DIR: join(dir, 'var'),
      EXIT_EMBED_DIM: '128',
    });
    store = await openStore(config.databaseUrl);
    const logger = silentLogger();
    const report = await importPath(store, REAL_DATA_DIR, { logger });
    expect(report.files.filter((file) => file.status === 'failed')).toEqual([]);
    await buildIndex(store, { dataDir: config.dataDir, dimension: config.embedDim, logger });
    engine = await Engine.open(store, config, logger);
  }, 600_000);

  afterAll(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    { company: '124-86-17932', sector: undefined, representation: 'patents' },
    { company: '617-81-56000', sector: 'bio', representation: 'patents' },
    { company: '224-81-07438', sector: undefined, representation: 'profile' },
  ])('finds five partners for $company', async ({ company, sector, representation }) => {
    const result = await engine.recommend({ company, ...(sector ? { sector } : {}), topK: 5 });
    expect(result.requester.brn).toBe(company);
    expect(result.requester.representation).toBe(representation);
    expect(result.partners).toHaveLength(5);
    for (const partner of result.partners) {
      expect(partner.evidence.length).toBeGreaterThan(0);
      expect(partner.valuation?.value).toBeGreaterThan(0);
      expect(partner.brn === company).toBe(false);
      if (sector) expect(partner.sector).toBe(sector);
    }
  });

  it('attaches the README counts of patents to their companies', async () => {
    const result = await engine.recommend({ company: '124-86-17932', topK: 1 });
    expect(result.requester.patentCount).toBe(92);
    const marine = await engine.recommend({ company: '617-81-56000', topK: 1 });
    expect(marine.requester.patentCount).toBe(33);
  });

  it('says the valuation comparison was skipped for an unlisted requester', async () => {
    const result = await engine.recommend({ company: '124-86-17932' });
    expect(result.requester.valuation).toBeNull();
    expect(result.notes.join(' ')).toContain('has no valuation');
  });
});
