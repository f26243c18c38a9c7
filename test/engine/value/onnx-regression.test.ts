import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inverseBoxCox, OnnxMarketValueModel } from '../../../engine/value/onnx-regression.js';

const modelsDir = resolve(import.meta.dirname, '../../../models/artifacts');
const scratch = mkdtempSync(join(os.tmpdir(), 'exit-market-value-artifact-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fixture = JSON.parse(readFileSync(join(modelsDir, 'market_value', 'parity-fixture.json'), 'utf8')) as {
  rows: number[][];
  onnxruntime: number[];
  lightgbm: number[];
};

describe('inverseBoxCox', () => {
  it('inverts the transform', () => {
    const lambda = 0.09;
    const x = 1234.5;
    expect(inverseBoxCox((x ** lambda - 1) / lambda, lambda)).toBeCloseTo(x, 6);
    expect(inverseBoxCox(Math.log(x), 0)).toBeCloseTo(x, 9);
    expect(inverseBoxCox(-100, 0.5)).toBe(0);
  });
});

describe('OnnxMarketValueModel parity', () => {
  it('matches Python onnxruntime and LightGBM within 1e-4', async () => {
    const loaded = await OnnxMarketValueModel.load(modelsDir);
    if (loaded.status !== 'ok') throw new Error(loaded.reason);
    const output = await loaded.model.run(fixture.rows);
    expect(output.length).toBe(fixture.rows.length);
    output.forEach((value, i) => {
      expect(Math.abs(value - (fixture.onnxruntime[i] as number))).toBeLessThan(1e-4);
      expect(Math.abs(value - (fixture.lightgbm[i] as number))).toBeLessThan(1e-4);
    });
  });

  it('values a company in KRW', async () => {
    const loaded = await OnnxMarketValueModel.load(modelsDir);
    if (loaded.status !== 'ok') throw new Error(loaded.reason);
    const { boxCox, featureNames, sectors } = loaded.model.metadata;
    const row = fixture.rows[0] as number[];
    const base = row.slice(0, featureNames.length - sectors.length);
    const valueKrw = await loaded.model.predict(base, null);
    expect(valueKrw).toBeGreaterThan(0);
    const [z] = await loaded.model.run([[...base, ...sectors.map(() => 0)]]);
    expect(valueKrw).toBeCloseTo(inverseBoxCox(z as number, boxCox.lambda) * boxCox.unitKrw, 0);
  });
});

describe('OnnxMarketValueModel.load', () => {
  it('reports a missing artifact', async () => {
    const outcome = await OnnxMarketValueModel.load(join(scratch, 'nowhere'));
    expect(outcome.status).toBe('not_available');
    if (outcome.status !== 'ok') expect(outcome.reason).toContain('no trained market-value model');
  });

  it('reports a feature mismatch', async () => {
    const dir = join(scratch, 'mismatch');
    cpSync(join(modelsDir, 'market_value'), join(dir, 'market_value'), { recursive: true });
    const metadataPath = join(dir, 'market_value', 'market-value.json');
    const metadata = JSON.parse(readFileSync(metadataPath, 'utf8'));
    const featureNames = ['ln_market_share', ...metadata.featureNames.slice(1)];
    writeFileSync(metadataPath, JSON.stringify({ ...metadata, featureNames }));
    const outcome = await OnnxMarketValueModel.load(dir);
    expect(outcome.status).toBe('not_available');
    if (outcome.status !== 'ok') expect(outcome.reason).toContain('ln_market_share');
  });
});
