import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/logger.js';
import { defaultModelsDir, readSasrecArtifact } from '../../../engine/predict/sasrec-artifact.js';
import { selectNextVectorPredictor } from '../../../engine/predict/select-predictor.js';

/** Creates a logger that keeps every line as parsed JSON. */
function capturingLogger() {
  const lines: { level: number; msg: string; reason?: string }[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

const committed = readSasrecArtifact(defaultModelsDir()).metadata;
const temporaryDirs: string[] = [];

/** Test metrics in which the model's mean cosine is below the fallback's. */
const weakerMetrics = {
  test: { 'hr@10': 0.004, 'ndcg@10': 0.0017, mean_cosine: 0.183 },
  baselines_test: { recency_weighted_mean: { 'hr@10': 0.002, 'ndcg@10': 0.0007, mean_cosine: 0.279 } },
};

/** Copies the committed artifact into a temporary models folder and applies metadata changes. */
function copyArtifact(changes: Record<string, unknown> = {}): string {
  const modelsDir = mkdtempSync(join(tmpdir(), 'exit-models-'));
  temporaryDirs.push(modelsDir);
  cpSync(join(defaultModelsDir(), 'sasrec'), join(modelsDir, 'sasrec'), { recursive: true });
  const metadataPath = join(modelsDir, 'sasrec', 'metadata.json');
  const metadata = JSON.parse(readFileSync(metadataPath, 'utf8'));
  // Without baseline metrics the quality gate has nothing to compare, so these tests reach loading.
  const { baselines_test: _baselines, ...metrics } = metadata.metrics;
  writeFileSync(metadataPath, JSON.stringify({ ...metadata, metrics, ...changes }));
  return modelsDir;
}

afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('selectNextVectorPredictor', () => {
  const index = { spaceId: committed.spaceId, dimension: committed.dimension };

  it('falls back when the model scores below the fallback', async () => {
    const { logger, lines } = capturingLogger();
    const predictor = await selectNextVectorPredictor({
      modelsDir: copyArtifact({ metrics: weakerMetrics }),
      provider: 'cpu',
      index,
      logger,
    });
    expect(predictor.isFallback).toBe(true);
    expect(lines.some((line) => line.reason === 'below_fallback')).toBe(true);
  });

  it('loads a weaker model when allowed', async () => {
    const { logger } = capturingLogger();
    const predictor = await selectNextVectorPredictor({
      modelsDir: copyArtifact({ metrics: weakerMetrics }),
      provider: 'cpu',
      index,
      logger,
      allowWeakerModel: true,
    });
    expect(predictor.isFallback).toBe(false);
  });

  it('loads the committed artifact as it is', async () => {
    const { logger } = capturingLogger();
    const predictor = await selectNextVectorPredictor({
      modelsDir: defaultModelsDir(),
      provider: 'cpu',
      index,
      logger,
    });
    expect(predictor.id).toBe('sasrec');
    expect(predictor.isFallback).toBe(false);
  });

  it('loads SASRec when the space matches', async () => {
    const { logger, lines } = capturingLogger();
    const predictor = await selectNextVectorPredictor({
      modelsDir: copyArtifact(),
      provider: 'cpu',
      index,
      logger,
    });
    expect(predictor.id).toBe('sasrec');
    expect(predictor.isFallback).toBe(false);
    expect(lines.some((line) => line.msg === 'SASRec model loaded')).toBe(true);
  });

  it('falls back when the artifact is missing', async () => {
    const { logger, lines } = capturingLogger();
    const modelsDir = mkdtempSync(join(tmpdir(), 'exit-models-'));
    temporaryDirs.push(modelsDir);
    const predictor = await selectNextVectorPredictor({ modelsDir, provider: 'cpu', index, logger });
    expect(predictor.isFallback).toBe(true);
    expect(predictor.id).toBe('recency-weighted-mean');
    const warning = lines.find((line) => line.reason === 'missing');
    expect(warning?.msg).toMatch(/No SASRec artifact: .*model\.onnx is missing/);
  });

  it('falls back on another embedding space', async () => {
    const { logger, lines } = capturingLogger();
    const modelsDir = copyArtifact({ spaceId: 'another-space' });
    const predictor = await selectNextVectorPredictor({ modelsDir, provider: 'cpu', index, logger });
    expect(predictor.isFallback).toBe(true);
    const warning = lines.find((line) => line.reason === 'space_mismatch');
    expect(warning?.msg).toContain('trained in embedding space another-space');
    expect(warning?.msg).toContain(`the index is space ${index.spaceId}`);
    expect(warning?.msg).toMatch(/Retrain it on this index/);
    expect(warning?.msg).toMatch(/rebuild the index/);
  });

  it('falls back on another dimension', async () => {
    const { logger, lines } = capturingLogger();
    const predictor = await selectNextVectorPredictor({
      modelsDir: copyArtifact(),
      provider: 'cpu',
      index: { spaceId: index.spaceId, dimension: index.dimension + 1 },
      logger,
    });
    expect(predictor.isFallback).toBe(true);
    expect(lines.some((line) => line.reason === 'space_mismatch')).toBe(true);
  });

  it('falls back on invalid metadata', async () => {
    const { logger, lines } = capturingLogger();
    const modelsDir = copyArtifact({ maxLength: 'long' });
    const predictor = await selectNextVectorPredictor({ modelsDir, provider: 'cpu', index, logger });
    expect(predictor.isFallback).toBe(true);
    expect(lines.find((line) => line.reason === 'invalid')?.msg).toMatch(/maxLength/);
  });

  it('falls back when the model file is corrupt', async () => {
    const { logger, lines } = capturingLogger();
    const modelsDir = copyArtifact();
    writeFileSync(join(modelsDir, 'sasrec', 'model.onnx'), 'not an onnx model');
    const predictor = await selectNextVectorPredictor({ modelsDir, provider: 'cpu', index, logger });
    expect(predictor.isFallback).toBe(true);
    expect(lines.some((line) => line.reason === 'load_failed')).toBe(true);
  });

  it('runs on the CPU when CUDA is unavailable', async () => {
    const { logger, lines } = capturingLogger();
    const predictor = await selectNextVectorPredictor({
      modelsDir: copyArtifact(),
      provider: 'cuda',
      index,
      logger,
    });
    expect(predictor.isFallback).toBe(false);
    const loaded = lines.find((line) => line.msg === 'SASRec model loaded') as
      | { provider?: string }
      | undefined;
    // NOTE: on a machine with the CUDA build of onnxruntime-node the session opens on CUDA instead.
    if (loaded?.provider === 'cpu') {
      expect(lines.some((line) => /CUDA execution provider unavailable/.test(line.msg))).toBe(true);
    }
  });
});
