import { notAvailable, type Outcome, ok } from './outcome.js';

/**
 * The ensemble: a weighted geometric mean of the market-value regression and the two DCF values.
 * Geometric, because the methods' errors are multiplicative (a value off by half or by double is
 * equally wrong). Weights are chosen on held-out listed companies by grid search over the simplex,
 * minimising the mean absolute log error against market capitalisation.
 */

export const ENSEMBLE_METHODS = ['regression', 'dcf_fcff', 'dcf_reference'] as const;
export type EnsembleMethod = (typeof ENSEMBLE_METHODS)[number];

/**
 * Weights when too few held-out companies have every method: the first version's plain average of regression
 * and DCF.
 */
const DEFAULT_WEIGHTS: Record<EnsembleMethod, number> = { regression: 0.5, dcf_fcff: 0.5, dcf_reference: 0 };
const MIN_COMPLETE_CASES = 20;
const GRID_STEP = 0.05;

export interface EnsembleWeights {
  weights: Record<EnsembleMethod, number>;
  /** Basis of the weights: 'validation' (grid search) or 'default'. */
  basis: 'validation' | 'default';
  validationCompanies: number;
  /** Mean |ln(ensemble / market cap)| on those companies; null for default weights. */
  meanAbsLogError: number | null;
  note: string;
}

export interface EnsembleSample {
  truthKrw: number;
  values: Partial<Record<EnsembleMethod, number>>;
}

function grid(): Record<EnsembleMethod, number>[] {
  const steps = Math.round(1 / GRID_STEP);
  const out: Record<EnsembleMethod, number>[] = [];
  for (let a = 0; a <= steps; a++) {
    for (let b = 0; a + b <= steps; b++) {
      out.push({ regression: a / steps, dcf_fcff: b / steps, dcf_reference: (steps - a - b) / steps });
    }
  }
  return out;
}

/** Chooses ensemble weights on held-out companies that have all three method values. */
export function chooseWeights(samples: readonly EnsembleSample[]): EnsembleWeights {
  const complete = samples.filter(
    (sample) => sample.truthKrw > 0 && ENSEMBLE_METHODS.every((method) => (sample.values[method] ?? 0) > 0),
  );
  if (complete.length < MIN_COMPLETE_CASES) {
    return {
      weights: { ...DEFAULT_WEIGHTS },
      basis: 'default',
      validationCompanies: complete.length,
      meanAbsLogError: null,
      note: `only ${complete.length} held-out listed companies have all three values (at least ${MIN_COMPLETE_CASES} are needed), so regression and FCFF DCF are averaged with equal weights`,
    };
  }
  const logs = complete.map((sample) => ({
    truth: Math.log(sample.truthKrw),
    values: ENSEMBLE_METHODS.map((method) => Math.log(sample.values[method] as number)),
  }));
  let best = { weights: { ...DEFAULT_WEIGHTS }, error: Number.POSITIVE_INFINITY };
  for (const weights of grid()) {
    const w = ENSEMBLE_METHODS.map((method) => weights[method]);
    let error = 0;
    for (const sample of logs) {
      const predicted = sample.values.reduce((sum, value, i) => sum + value * (w[i] as number), 0);
      error += Math.abs(predicted - sample.truth);
    }
    error /= logs.length;
    if (error < best.error - 1e-12) best = { weights, error };
  }
  return {
    weights: best.weights,
    basis: 'validation',
    validationCompanies: complete.length,
    meanAbsLogError: best.error,
    note: `weights chosen on ${complete.length} held-out listed companies by grid search in steps of ${GRID_STEP}`,
  };
}

export interface EnsembleValue {
  valueKrw: number;
  /** Weights applied, renormalised over the methods that had a value. */
  weightsUsed: Partial<Record<EnsembleMethod, number>>;
  missing: EnsembleMethod[];
}

/** Combines the available method values; methods without a value drop out and the rest are renormalised. */
export function combineEnsemble(
  weights: Record<EnsembleMethod, number>,
  values: Partial<Record<EnsembleMethod, number>>,
): Outcome<EnsembleValue> {
  const available = ENSEMBLE_METHODS.filter((method) => weights[method] > 0 && (values[method] ?? 0) > 0);
  const missing = ENSEMBLE_METHODS.filter((method) => weights[method] > 0 && !((values[method] ?? 0) > 0));
  const total = available.reduce((sum, method) => sum + weights[method], 0);
  if (available.length === 0 || !(total > 0)) {
    return notAvailable(
      `none of the weighted methods (${missing.join(', ') || 'none weighted'}) has a value`,
    );
  }
  const weightsUsed: Partial<Record<EnsembleMethod, number>> = {};
  let logValue = 0;
  for (const method of available) {
    const weight = weights[method] / total;
    weightsUsed[method] = weight;
    logValue += weight * Math.log(values[method] as number);
  }
  return ok({ valueKrw: Math.exp(logValue), weightsUsed, missing });
}
