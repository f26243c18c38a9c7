import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FiscalYear } from '../../../engine/value/statements.js';
import {
  loadTrainedModels,
  predictTrained,
  valuationModelsDir,
  valuationModelUsage,
} from '../../../engine/value/trained-models.js';

const modelsDir = resolve(import.meta.dirname, '../../../models/artifacts');
const empty = mkdtempSync(join(os.tmpdir(), 'exit-no-artifacts-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

const years: FiscalYear[] = [2018, 2019, 2020, 2021].map((year, i) => ({
  period: `${year}-12`,
  items: {
    revenue: 50e9 * 1.1 ** i,
    assets: 80e9,
    liabilities: 30e9,
    equity: 50e9 + 2e9 * i,
    operatingIncome: 5e9 - 4e9 * i,
    netIncome: 3e9 - 4e9 * i,
    cash: 10e9,
    depreciation: 2e9,
  },
}));

describe('predictTrained', () => {
  it('uses the committed artifacts', async () => {
    const predictions = await predictTrained(await loadTrainedModels(modelsDir), years, null);
    expect(predictions.growth.status).toBe('ok');
    expect(predictions.regression.status).toBe('ok');
    if (predictions.growth.status === 'ok') {
      for (const estimate of predictions.growth.estimates) {
        expect(estimate.source).toBe('growth_model');
        expect(estimate.rate).toBeGreaterThanOrEqual(-0.2);
        expect(estimate.rate).toBeLessThanOrEqual(0.3);
      }
    }
    if (predictions.regression.status === 'ok') expect(predictions.regression.valueKrw).toBeGreaterThan(0);
  });

  it('names the missing artifacts', async () => {
    const predictions = await predictTrained(await loadTrainedModels(empty), years, null);
    expect(predictions.growth.status).toBe('not_available');
    expect(predictions.regression.status).toBe('not_available');
    if (predictions.growth.status !== 'ok')
      expect(predictions.growth.reason).toContain('no trained growth model');
  });
});

describe('valuationModelsDir', () => {
  it('prefers EXIT_MODELS_DIR', () => {
    expect(valuationModelsDir({ EXIT_MODELS_DIR: empty })).toBe(empty);
    expect(valuationModelsDir({})).toBe(modelsDir);
  });
});

describe('valuationModelUsage', () => {
  it('names the committed models', async () => {
    const usage = valuationModelUsage(await loadTrainedModels(modelsDir));
    const growth = usage.find((model) => model.stage === 'growth');
    const marketValue = usage.find((model) => model.stage === 'market_value');
    expect(growth?.fallback).toBe(false);
    expect(growth?.id).toMatch(/growth-1\+/);
    expect(marketValue?.fallback).toBe(false);
    expect(marketValue?.id).toMatch(/^lightgbm-boxcox /);
  });

  it('names the fallbacks with the reason', async () => {
    const usage = valuationModelUsage(await loadTrainedModels(empty));
    const growth = usage.find((model) => model.stage === 'growth');
    const marketValue = usage.find((model) => model.stage === 'market_value');
    expect(growth).toMatchObject({ id: 'growth-chain', fallback: true });
    expect(growth?.note).toContain('no trained growth model in');
    expect(marketValue).toMatchObject({ id: 'ridge', fallback: true });
    expect(marketValue?.note).toContain(empty);
  });

  it('lists fallbacks without a valuation model', () => {
    const stages = valuationModelUsage(undefined).map((model) => [model.stage, model.fallback]);
    expect(stages).toEqual([
      ['growth', true],
      ['market_value', true],
    ]);
  });
});
