import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../core/config.js';
import { silentLogger } from '../../../core/logger.js';
import { generateDataset } from '../../../data/generate/index.js';
import { importPath } from '../../../data/import/index.js';
import { openStore, type Store } from '../../../data/store/connect.js';
import { Engine } from '../../../engine/engine.js';
import { indexDir, PATENT_INDEX_NAME } from '../../../engine/indexing/artifacts.js';
import { type BuildOptions, buildIndex } from '../../../engine/indexing/build.js';
import { BUILD_STATE_FILE } from '../../../engine/indexing/build-state.js';
import { VectorIndex } from '../../../engine/retrieve/vector-index.js';

describe('index build resume', () => {
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'exit-build-resume-'));
    await generateDataset({ companies: 60, seed: 4, outDir: join(dir, 'generated') });
    store = await openStore(`sqlite:${join(dir, 'exit.db')}`);
    await importPath(store, join(dir, 'generated'), { logger: silentLogger() });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const options = (dataDir: string): BuildOptions => ({
    dataDir,
    dimension: 32,
    logger: silentLogger(),
    batchSize: 100,
    checkpointEveryMs: 0,
  });

  it('continues after an interrupted embedding stage', async () => {
    const whole = await buildIndex(store, options(join(dir, 'whole')));

    const dataDir = join(dir, 'resumed');
    const stages: string[] = [];
    await expect(
      buildIndex(store, {
        ...options(dataDir),
        onProgress: (stage, done) => {
          stages.push(stage);
          if (stage === 'embed patents' && done >= 300) throw new Error('simulated interruption');
        },
      }),
    ).rejects.toThrow('simulated interruption');
    expect(existsSync(join(`${indexDir(dataDir)}.building`, BUILD_STATE_FILE))).toBe(true);
    expect(existsSync(indexDir(dataDir))).toBe(false);

    const second: { stage: string; done: number }[] = [];
    const resumed = await buildIndex(store, {
      ...options(dataDir),
      onProgress: (stage, done) => second.push({ stage, done }),
    });
    expect(stages).toContain('summarise');
    expect(second.some((item) => item.stage === 'summarise')).toBe(false);
    const firstEmbed = second.find((item) => item.stage === 'embed patents');
    // A fresh start would report 100 after its first batch; batches up to 200 were checkpointed.
    expect(firstEmbed?.done).toBe(300);

    expect(resumed.spaceId).toBe(whole.spaceId);
    expect(resumed.patents.count).toBe(whole.patents.count);
    expect(existsSync(`${indexDir(dataDir)}.building`)).toBe(false);
    const a = VectorIndex.load(indexDir(join(dir, 'whole')), PATENT_INDEX_NAME);
    const b = VectorIndex.load(indexDir(dataDir), PATENT_INDEX_NAME);
    expect(b.labels().sort((x, y) => x - y)).toEqual(a.labels().sort((x, y) => x - y));
    const label = a.labels()[0] as number;
    expect(Array.from(b.getVector(label))).toEqual(Array.from(a.getVector(label)));
  });

  it('reuses a saved embedder', async () => {
    const first = await buildIndex(store, options(join(dir, 'first')));
    const reused = await buildIndex(store, {
      ...options(join(dir, 'reused')),
      embedderDir: join(indexDir(join(dir, 'first')), 'embedder'),
      seed: 99,
    });
    expect(reused.spaceId).toBe(first.spaceId);
    expect(reused.patents.count).toBe(first.patents.count);
  });

  it('leaves excluded patents out of the index', async () => {
    const all = await store.db.selectFrom('patents').select('id').orderBy('id').execute();
    const excluded = new Set(all.slice(0, 10).map((row) => row.id));
    const dataDir = join(dir, 'excluded');
    const manifest = await buildIndex(store, {
      ...options(dataDir),
      excludePatentIds: excluded,
      summarize: 'missing',
    });
    expect(manifest.patents.count).toBe(all.length - 10);
    const config = loadConfig({ EXIT_DATA_DIR: dataDir, EXIT_EMBED_DIM: '32' });
    const engine = await Engine.open(store, config, silentLogger());
    for (const id of excluded) expect(engine.context.patentIndex.has(id)).toBe(false);
  });
});
