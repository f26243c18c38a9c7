import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, regressionFeatures } from '../../../engine/value/features.js';
import {
  fitMarketValueRegression,
  fitRidge,
  predictMarketValue,
  predictRidge,
} from '../../../engine/value/regression.js';

const EOK = 1e8;

describe('ridge regression', () => {
  it('recovers a linear relation with a small penalty', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i, Math.sin(i)]);
    const target = rows.map(([a, b]) => 3 + 2 * (a as number) - (b as number));
    const fit = fitRidge(rows, target, 1e-9);
    expect(predictRidge(fit, [10, 0.5])).toBeCloseTo(3 + 20 - 0.5, 6);
  });

  it('shrinks coefficients as the penalty grows', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i, Math.sin(i)]);
    const target = rows.map(([a]) => 2 * (a as number));
    const loose = fitRidge(rows, target, 0.01);
    const tight = fitRidge(rows, target, 1000);
    expect(Math.abs(tight.coefficients[0] as number)).toBeLessThan(Math.abs(loose.coefficients[0] as number));
  });

  it('needs 24 listed companies', () => {
    const result = fitMarketValueRegression([
      { features: new Array(FEATURE_NAMES.length).fill(1), sector: null, marketCapKrw: 1 },
    ]);
    expect(result).toEqual({
      status: 'not_available',
      reason: 'only 1 listed companies with statements and a market capitalisation; the regression needs 24',
    });
  });

  it('fits ln(market cap) on statement features', () => {
    const samples = Array.from({ length: 80 }, (_, i) => {
      const revenue = (50 + i * 37) * EOK;
      const features = regressionFeatures([
        {
          period: '2020-12',
          items: {
            revenue,
            assets: 2 * revenue,
            equity: revenue,
            netIncome: 0.08 * revenue,
            operatingIncome: 0.1 * revenue,
          },
        },
      ]);
      if (features.status !== 'ok') throw new Error(features.reason);
      return {
        features: features.values,
        sector: i % 2 === 0 ? 'bio' : 'software',
        marketCapKrw: 12 * 0.08 * revenue * (1 + 0.1 * Math.sin(i)),
      };
    });
    const model = fitMarketValueRegression(samples);
    if (model.status !== 'ok') throw new Error(model.reason);
    expect(model.training.rSquared).toBeGreaterThan(0.9);
    expect(model.training.skewness.log).toBeLessThan(model.training.skewness.raw);
    const predicted = predictMarketValue(model, samples[40]?.features ?? [], 'bio');
    expect(predicted.clamped).toBe(false);
    expect(predicted.valueKrw / (samples[40]?.marketCapKrw ?? 1)).toBeGreaterThan(0.8);
    expect(predicted.valueKrw / (samples[40]?.marketCapKrw ?? 1)).toBeLessThan(1.25);
  });

  it('ignores columns that were constant in training', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [i, 0.12]);
    const fit = fitRidge(
      rows,
      rows.map(([a]) => a as number),
      0.1,
    );
    expect(predictRidge(fit, [5, -0.5])).toBeCloseTo(predictRidge(fit, [5, 0.12]), 12);
  });

  it('keeps predictions near the training range', () => {
    const samples = Array.from({ length: 40 }, (_, i) => ({
      features: [i, 1],
      sector: null,
      marketCapKrw: Math.exp(20 + i / 10),
    }));
    const model = fitMarketValueRegression(samples);
    if (model.status !== 'ok') throw new Error(model.reason);
    const far = predictMarketValue(model, [1e6, 1], null);
    expect(far.clamped).toBe(true);
    expect(Math.log(far.valueKrw)).toBeCloseTo(model.targetRange.max + 1, 10);
  });
});

describe('regression features', () => {
  it('needs total assets', () => {
    expect(regressionFeatures([{ period: '2020-12', items: { revenue: 10 * EOK } }])).toEqual({
      status: 'not_available',
      reason: '자산 (total assets) for 2020-12 is missing or not positive',
    });
  });

  it('marks negative equity and imputes missing items', () => {
    const features = regressionFeatures([
      { period: '2020-12', items: { assets: 10 * EOK, equity: -3 * EOK, netIncome: -1 * EOK } },
    ]);
    if (features.status !== 'ok') throw new Error(features.reason);
    expect(features.values[FEATURE_NAMES.indexOf('negative_equity')]).toBe(1);
    expect(features.values[FEATURE_NAMES.indexOf('ln_equity')]).toBe(0);
    expect(features.values[FEATURE_NAMES.indexOf('signed_ln_net_income')]).toBeCloseTo(-Math.log(2), 12);
    expect(features.imputed).toEqual(['매출액', '영업이익', '현금및현금성자산', '부채']);
    expect(features.values.every(Number.isFinite)).toBe(true);
  });
});
