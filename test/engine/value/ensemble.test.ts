import { describe, expect, it } from 'vitest';
import { chooseWeights, combineEnsemble } from '../../../engine/value/ensemble.js';

describe('ensemble', () => {
  it('weights the accurate method', () => {
    const samples = Array.from({ length: 40 }, (_, i) => {
      const truth = 1e10 * (1 + i);
      return {
        truthKrw: truth,
        values: { regression: truth * 1.01, dcf_fcff: truth * (i % 2 ? 3 : 0.3), dcf_reference: truth * 10 },
      };
    });
    const weights = chooseWeights(samples);
    expect(weights.basis).toBe('validation');
    expect(weights.weights.regression).toBeGreaterThan(0.9);
    expect(weights.validationCompanies).toBe(40);
  });

  it('averages regression and FCFF without enough complete cases', () => {
    const weights = chooseWeights([{ truthKrw: 1, values: { regression: 1 } }]);
    expect(weights.basis).toBe('default');
    expect(weights.weights).toEqual({ regression: 0.5, dcf_fcff: 0.5, dcf_reference: 0 });
    expect(weights.meanAbsLogError).toBeNull();
  });

  it('combines as a weighted geometric mean', () => {
    const result = combineEnsemble(
      { regression: 0.5, dcf_fcff: 0.5, dcf_reference: 0 },
      { regression: 100, dcf_fcff: 400 },
    );
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.valueKrw).toBeCloseTo(200, 10);
  });

  it('renormalises over available methods', () => {
    const result = combineEnsemble({ regression: 0.6, dcf_fcff: 0.4, dcf_reference: 0 }, { regression: 100 });
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.valueKrw).toBeCloseTo(100, 10);
    expect(result.weightsUsed).toEqual({ regression: 1 });
    expect(result.missing).toEqual(['dcf_fcff']);
  });

  it('is not available without values', () => {
    expect(combineEnsemble({ regression: 0.6, dcf_fcff: 0.4, dcf_reference: 0 }, {})).toEqual({
      status: 'not_available',
      reason: 'none of the weighted methods (regression, dcf_fcff) has a value',
    });
  });
});
