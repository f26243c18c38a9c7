import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../core/config.js';
import { silentLogger } from '../../../core/logger.js';
import { Engine } from '../../../engine/engine.js';
import { defaultModelsDir } from '../../../engine/predict/sasrec-artifact.js';
import { createDemoFixture, type DemoFixture } from '../../support/demo-fixture.js';

/** Returns the BRN of a company with at least three indexed patents, so the predictor runs on a sequence. */
async function companyWithPatents(fixture: DemoFixture): Promise<string> {
  const row = await fixture.store.db
    .selectFrom('companies')
    .innerJoin('patent_applicants', 'patent_applicants.company_id', 'companies.id')
    .select(['companies.brn'])
    .where('companies.brn', 'is not', null)
    .groupBy(['companies.id', 'companies.brn'])
    .having((eb) => eb.fn.countAll(), '>=', 3)
    .orderBy('companies.id')
    .executeTakeFirstOrThrow();
  return row.brn as string;
}

describe('Engine next-vector predictor', () => {
  let fixture: DemoFixture;
  let modelsDir: string;

  beforeAll(async () => {
    // The committed artifact is 256-d, so the fixture's index is built at 256 dimensions too.
    fixture = await createDemoFixture({ dimension: 256 });
    const manifest = JSON.parse(readFileSync(join(fixture.dataDir, 'index', 'manifest.json'), 'utf8'));
    modelsDir = mkdtempSync(join(tmpdir(), 'exit-models-'));
    cpSync(join(defaultModelsDir(), 'sasrec'), join(modelsDir, 'sasrec'), { recursive: true });
    const metadataPath = join(modelsDir, 'sasrec', 'metadata.json');
    const metadata = JSON.parse(readFileSync(metadataPath, 'utf8'));
    // Relabelling the space makes the engine accept the model. Its output is then meaningless, but
    // this test only checks which predictor runs and what the result reports.
    // Baseline metrics are dropped so the quality gate lets the model load in this test.
    const { baselines_test: _baselines, ...metrics } = metadata.metrics;
    writeFileSync(metadataPath, JSON.stringify({ ...metadata, metrics, spaceId: manifest.spaceId }));
  }, 120_000);

  afterAll(async () => {
    await fixture?.dispose();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  it('uses SASRec from a matching artifact', async () => {
    const config = loadConfig({ ...fixture.env, EXIT_MODELS_DIR: modelsDir });
    const engine = await Engine.open(fixture.store, config, silentLogger());
    expect(engine.context.predictor.id).toBe('sasrec');
    const result = await engine.recommend({
      company: await companyWithPatents(fixture),
      valuationFilter: false,
    });
    const stage = result.models.find((model) => model.stage === 'next_vector');
    expect(stage?.id).toBe('sasrec');
    expect(stage?.fallback).toBe(false);
  });

  it('falls back when the committed artifact is from another space', async () => {
    const engine = await Engine.open(fixture.store, fixture.config, silentLogger());
    expect(engine.context.predictor.isFallback).toBe(true);
    const result = await engine.recommend({
      company: await companyWithPatents(fixture),
      valuationFilter: false,
    });
    const stage = result.models.find((model) => model.stage === 'next_vector');
    expect(stage?.id).toBe('recency-weighted-mean');
    expect(stage?.fallback).toBe(true);
  });
});
