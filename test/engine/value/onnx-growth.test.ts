import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GROWTH_ITEMS } from '../../../engine/value/growth.js';
import { growthInput, symmetricGrowth } from '../../../engine/value/growth-inputs.js';
import { OnnxGrowthModel } from '../../../engine/value/onnx-growth.js';
import type { FiscalYear } from '../../../engine/value/statements.js';

const modelsDir = resolve(import.meta.dirname, '../../../models/artifacts');
const scratch = mkdtempSync(join(os.tmpdir(), 'exit-growth-artifact-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface FixtureCase {
  years: { period: string; items: Record<string, number> }[];
  input: number[][];
  output: number[];
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
const fixture = JSON.parse(readFileSync(join(modelsDir, 'growth', 'parity-fixture.json'), 'utf8')) as {
  cases: FixtureCase[];
};
const yearsOf = (entry: FixtureCase): FiscalYear[] =>
  entry.years.map((year) => ({
    period: year.period,
    items: Object.fromEntries(Object.entries(year.items).map(([item, value]) => [camel(item), value])),
  }));

describe('symmetricGrowth', () => {
  it('stays finite through zero and sign changes', () => {
    expect(symmetricGrowth(0, 0)).toBe(0);
    expect(symmetricGrowth(0, 5)).toBe(1);
    expect(symmetricGrowth(-10, 10)).toBe(1);
    expect(symmetricGrowth(10, -10)).toBe(-1);
    expect(symmetricGrowth(100, 110)).toBeCloseTo(10 / 105, 12);
    expect(symmetricGrowth(undefined, 3)).toBeUndefined();
  });
});

describe('OnnxGrowthModel parity', () => {
  it('builds the inputs Python built', () => {
    for (const entry of fixture.cases) {
      const input = growthInput(yearsOf(entry));
      const expected = entry.input.flat();
      expect(input.values.length).toBe(expected.length);
      input.values.forEach((value, i) => {
        expect(value).toBeCloseTo(expected[i] as number, 6);
      });
    }
  });

  it('matches PyTorch outputs within 1e-4', async () => {
    const loaded = await OnnxGrowthModel.load(modelsDir);
    if (loaded.status !== 'ok') throw new Error(loaded.reason);
    for (const entry of fixture.cases) {
      const predicted = await loaded.model.predict(yearsOf(entry));
      if (predicted.status !== 'ok') throw new Error(predicted.reason);
      GROWTH_ITEMS.forEach((item, j) => {
        expect(Math.abs(predicted[item] - (entry.output[j] as number))).toBeLessThan(1e-4);
      });
    }
  });

  it('rejects a single fiscal year', async () => {
    const loaded = await OnnxGrowthModel.load(modelsDir);
    if (loaded.status !== 'ok') throw new Error(loaded.reason);
    const outcome = await loaded.model.predict([{ period: '2020-12', items: { revenue: 1e9 } }]);
    expect(outcome.status).toBe('not_available');
  });
});

describe('OnnxGrowthModel.load', () => {
  it('reports a missing artifact', async () => {
    const outcome = await OnnxGrowthModel.load(join(scratch, 'nowhere'));
    expect(outcome.status).toBe('not_available');
    if (outcome.status !== 'ok') expect(outcome.reason).toContain('no trained growth model');
  });

  it('reports a feature-schema mismatch', async () => {
    const dir = join(scratch, 'mismatch');
    cpSync(join(modelsDir, 'growth'), join(dir, 'growth'), { recursive: true });
    const metadataPath = join(dir, 'growth', 'growth.json');
    const metadata = JSON.parse(readFileSync(metadataPath, 'utf8'));
    writeFileSync(metadataPath, JSON.stringify({ ...metadata, featureSchema: 'ratio-growth-v0' }));
    const outcome = await OnnxGrowthModel.load(dir);
    expect(outcome.status).toBe('not_available');
    if (outcome.status !== 'ok') expect(outcome.reason).toContain('feature schema ratio-growth-v0');
  });
});
