import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../core/config.js';
import { silentLogger } from '../../../core/logger.js';
import { type PreparedDataset, prepareGenerated } from '../../../engine/evaluate/datasets.js';
import { type DatasetEvaluation, evaluateDataset } from '../../../engine/evaluate/evaluate.js';

const KS = [5, 10, 20];

describe('evaluateDataset on a small generated dataset', () => {
  let workDir: string;
  let prepared: PreparedDataset;
  let result: DatasetEvaluation;

  beforeAll(async () => {
    workDir = mkdtempSync(`${tmpdir()}/exit-eval-test-`);
    const logger = silentLogger();
    prepared = await prepareGenerated({ companies: 250, seed: 7, workDir, logger });
    result = await evaluateDataset(prepared.store, {
      name: 'generated',
      source: prepared.source,
      ks: KS,
      holdoutFraction: 0.2,
      maxQueries: 40,
      seed: 7,
      dimension: 32,
      workDir,
      ...(prepared.truthAffinityPath ? { truthAffinityPath: prepared.truthAffinityPath } : {}),
      nextPatentNs: [10, 100],
      config: loadConfig({ EXIT_EMBED_DIM: '32', EXIT_LOG_LEVEL: 'silent' }),
      logger,
    });
    // Generating, importing and indexing take about half a minute alone, more on a loaded machine.
  }, 300_000);
  afterAll(async () => {
    await prepared?.store.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  const method = (id: string) => {
    const found = result.methods?.find((item) => item.id === id);
    if (!found) throw new Error(`No method ${id}: ${result.methods?.map((item) => item.id).join(', ')}`);
    return found;
  };

  it('evaluates every method on the same queries', () => {
    expect(result.status).toBe('evaluated');
    const queries = result.split?.queries;
    expect(queries).toBeGreaterThan(10);
    for (const id of [
      'popularity-in-sector',
      'ipc-overlap',
      'exit-profile-mean',
      'exit-recency-weighted-mean',
    ]) {
      expect(method(id).status, id).toBe('evaluated');
      expect(method(id).queries, id).toBe(queries);
      expect(Object.keys(method(id).recall ?? {}), id).toEqual(KS.map(String));
      expect(Object.keys(method(id).ndcg ?? {}), id).toEqual(KS.map(String));
    }
  });

  it('keeps EXIT between zero and the ceiling', () => {
    const exit = method('exit-recency-weighted-mean');
    const ceiling = method('ceiling-true-affinity');
    for (const k of KS) {
      expect(exit.recall?.[k], `Recall@${k}`).toBeGreaterThanOrEqual(0);
      expect(exit.ndcg?.[k], `NDCG@${k}`).toBeGreaterThanOrEqual(0);
    }
    expect(ceiling.recall?.[20]).toBeGreaterThanOrEqual(exit.recall?.[20] as number);
    expect(ceiling.recall?.[20]).toBeGreaterThan(0);
  });

  it('says that SASRec is not evaluated yet', () => {
    const sasrec = method('exit-sasrec');
    expect(sasrec.status).toBe('skipped');
    expect(sasrec.reason).toMatch(/no SASRec model/);
  });

  it('hides the held-out evidence from the engine', () => {
    const view = result.engineView;
    expect(view?.excludedCoOwnedByHeldOutPair).toBeGreaterThan(0);
    expect(view?.patentsIndexed).toBe(
      (view?.patentsInStore ?? 0) -
        (view?.excludedAfterCutoff ?? 0) -
        (view?.excludedCoOwnedByHeldOutPair ?? 0),
    );
  });

  it('scores next-patent hit rates in [0, 1]', () => {
    const next = result.nextPatent;
    expect(next?.companies).toBeGreaterThan(0);
    expect(next?.predictors.map((item) => item.id)).toEqual([
      'recency-weighted-mean',
      'profile-mean',
      'last-patent',
    ]);
    for (const predictor of next?.predictors ?? []) {
      expect(predictor.hitRate[100], predictor.id).toBeGreaterThanOrEqual(predictor.hitRate[10] as number);
      expect(predictor.hitRate[100], predictor.id).toBeLessThanOrEqual(1);
    }
  });
});
