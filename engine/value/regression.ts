import { FEATURE_NAMES } from './features.js';
import { notAvailable, type Outcome, ok } from './outcome.js';

/**
 * Market-value regression, the fallback until the LightGBM model (trained in Python, exported to
 * ONNX) exists: ridge regression of ln(market capitalisation) on the statement features plus sector
 * indicators, fitted on listed companies. The log target is the Box-Cox transform with lambda = 0;
 * it removes most of the skew of market capitalisation (both skewness values are reported).
 */

export const REGRESSION_MODEL_ID = 'ridge-log-market-cap (fallback for LightGBM)';

/** Sectors with fewer training companies than this share the baseline instead of an indicator. */
const MIN_SECTOR_SIZE = 10;
const LAMBDA_GRID = [0.01, 0.1, 0.3, 1, 3, 10, 30, 100];
const FOLDS = 5;

export interface RidgeFit {
  means: number[];
  scales: number[];
  /** Coefficients on standardised columns. */
  coefficients: number[];
  intercept: number;
  lambda: number;
}

/** Solves the symmetric positive definite system A x = b by Cholesky decomposition. */
function solveSpd(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = (a[i] as number[])[j] as number;
      for (let k = 0; k < j; k++)
        sum -= ((l[i] as number[])[k] as number) * ((l[j] as number[])[k] as number);
      if (i === j) (l[i] as number[])[i] = Math.sqrt(Math.max(sum, 1e-12));
      else (l[i] as number[])[j] = sum / ((l[j] as number[])[j] as number);
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= ((l[i] as number[])[k] as number) * (y[k] as number);
    y[i] = sum / ((l[i] as number[])[i] as number);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= ((l[k] as number[])[i] as number) * (x[k] as number);
    x[i] = sum / ((l[i] as number[])[i] as number);
  }
  return x;
}

/**
 * Computes column means and standard deviations. A column that is constant up to rounding gets an
 * infinite scale, so its standardised value is 0 in training and prediction alike and it cannot
 * blow up a prediction for a company that differs on it.
 */
function standardisation(rows: readonly number[][], p: number): { means: number[]; scales: number[] } {
  const n = rows.length;
  const means = new Array<number>(p).fill(0);
  const variances = new Array<number>(p).fill(0);
  for (const row of rows) {
    for (let j = 0; j < p; j++) means[j] = (means[j] as number) + (row[j] as number) / n;
  }
  for (const row of rows) {
    for (let j = 0; j < p; j++)
      variances[j] = (variances[j] as number) + ((row[j] as number) - (means[j] as number)) ** 2 / n;
  }
  const scales = variances.map((variance, j) => {
    const deviation = Math.sqrt(variance);
    return deviation > 1e-9 * (1 + Math.abs(means[j] as number)) ? deviation : Number.POSITIVE_INFINITY;
  });
  return { means, scales };
}

/** Fits ridge regression on standardised columns with an unpenalised intercept. */
export function fitRidge(rows: readonly number[][], target: readonly number[], lambda: number): RidgeFit {
  const n = rows.length;
  const p = (rows[0] ?? []).length;
  const { means, scales } = standardisation(rows, p);
  const targetMean = target.reduce((sum, value) => sum + value, 0) / n;

  // Normal equations (Z'Z + lambda I) b = Z'(y - mean y), built on the lower triangle.
  const gram = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const moment = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as number[];
    const z = row.map((value, j) => (value - (means[j] as number)) / (scales[j] as number));
    const centred = (target[i] as number) - targetMean;
    for (let j = 0; j < p; j++) {
      moment[j] = (moment[j] as number) + (z[j] as number) * centred;
      const gramRow = gram[j] as number[];
      for (let k = 0; k <= j; k++) gramRow[k] = (gramRow[k] as number) + (z[j] as number) * (z[k] as number);
    }
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) (gram[k] as number[])[j] = (gram[j] as number[])[k] as number;
    (gram[j] as number[])[j] = ((gram[j] as number[])[j] as number) + lambda;
  }

  return { means, scales, coefficients: solveSpd(gram, moment), intercept: targetMean, lambda };
}

export function predictRidge(fit: RidgeFit, row: readonly number[]): number {
  let value = fit.intercept;
  for (let j = 0; j < fit.coefficients.length; j++) {
    value +=
      (fit.coefficients[j] as number) *
      (((row[j] as number) - (fit.means[j] as number)) / (fit.scales[j] as number));
  }
  return value;
}

/** Picks the ridge penalty with the lowest K-fold cross-validated RMSE; folds are assigned by row index. */
export function chooseLambda(
  rows: readonly number[][],
  target: readonly number[],
): { lambda: number; cvRmse: number } {
  let best = { lambda: LAMBDA_GRID[0] as number, cvRmse: Number.POSITIVE_INFINITY };
  for (const lambda of LAMBDA_GRID) {
    let squared = 0;
    for (let fold = 0; fold < FOLDS; fold++) {
      const trainRows = rows.filter((_, i) => i % FOLDS !== fold);
      const trainTarget = target.filter((_, i) => i % FOLDS !== fold);
      const fit = fitRidge(trainRows, trainTarget, lambda);
      rows.forEach((row, i) => {
        if (i % FOLDS === fold) squared += (predictRidge(fit, row) - (target[i] as number)) ** 2;
      });
    }
    const rmse = Math.sqrt(squared / rows.length);
    if (rmse < best.cvRmse) best = { lambda, cvRmse: rmse };
  }
  return best;
}

function skewness(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const m2 = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / n;
  const m3 = values.reduce((sum, value) => sum + (value - mean) ** 3, 0) / n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}

export interface MarketValueRegression {
  id: string;
  target: 'ln(market capitalisation in KRW)';
  featureNames: string[];
  sectors: string[];
  fit: RidgeFit;
  /** Range of ln(market cap) in training; predictions are kept within one unit of it. */
  targetRange: { min: number; max: number };
  training: {
    companies: number;
    rSquared: number;
    cvRmseLog: number;
    skewness: { raw: number; log: number };
  };
}

export interface RegressionSample {
  features: readonly number[];
  sector: string | null;
  marketCapKrw: number;
}

function designRow(features: readonly number[], sector: string | null, sectors: readonly string[]): number[] {
  return [...features, ...sectors.map((code) => (code === sector ? 1 : 0))];
}

/** Minimum training companies: twice the statement features, a size the ridge penalty keeps stable. */
const MIN_TRAINING_COMPANIES = 24;

/** Fits the fallback regression on listed companies; needs at least MIN_TRAINING_COMPANIES of them. */
export function fitMarketValueRegression(
  samples: readonly RegressionSample[],
): Outcome<MarketValueRegression> {
  const usable = samples.filter((sample) => sample.marketCapKrw > 0);
  if (usable.length < MIN_TRAINING_COMPANIES)
    return notAvailable(
      `only ${usable.length} listed companies with statements and a market capitalisation; the regression needs ${MIN_TRAINING_COMPANIES}`,
    );

  const counts = new Map<string, number>();
  for (const sample of usable)
    if (sample.sector) counts.set(sample.sector, (counts.get(sample.sector) ?? 0) + 1);
  const sectors = [...counts]
    .filter(([, count]) => count >= MIN_SECTOR_SIZE)
    .map(([code]) => code)
    .sort();
  const rows = usable.map((sample) => designRow(sample.features, sample.sector, sectors));
  const target = usable.map((sample) => Math.log(sample.marketCapKrw));
  const { lambda, cvRmse } = chooseLambda(rows, target);
  const fit = fitRidge(rows, target, lambda);

  const mean = target.reduce((sum, value) => sum + value, 0) / target.length;
  const total = target.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  const residual = rows.reduce(
    (sum, row, i) => sum + (predictRidge(fit, row) - (target[i] as number)) ** 2,
    0,
  );

  return ok({
    id: REGRESSION_MODEL_ID,
    target: 'ln(market capitalisation in KRW)',
    featureNames: [...FEATURE_NAMES, ...sectors.map((code) => `sector_${code}`)],
    sectors,
    fit,
    targetRange: { min: Math.min(...target), max: Math.max(...target) },
    training: {
      companies: usable.length,
      rSquared: total > 0 ? 1 - residual / total : 0,
      cvRmseLog: cvRmse,
      skewness: { raw: skewness(usable.map((sample) => sample.marketCapKrw)), log: skewness(target) },
    },
  });
}

/**
 * Margin, in ln(KRW), that a prediction may go beyond the training range: a factor of e. A ridge
 * model extrapolates linearly, so a company far outside the training data would otherwise get an
 * arbitrarily large or small value.
 */
const EXTRAPOLATION_MARGIN = 1;

/**
 * Predicts the market value in KRW as exp of the predicted log, the conditional median under log-normal
 * errors.
 */
export function predictMarketValue(
  model: MarketValueRegression,
  features: readonly number[],
  sector: string | null,
): { valueKrw: number; clamped: boolean } {
  const raw = predictRidge(model.fit, designRow(features, sector, model.sectors));
  const low = model.targetRange.min - EXTRAPOLATION_MARGIN;
  const high = model.targetRange.max + EXTRAPOLATION_MARGIN;
  const bounded = Math.min(Math.max(raw, low), high);
  return { valueKrw: Math.exp(bounded), clamped: bounded !== raw };
}
