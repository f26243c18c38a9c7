import type { Logger } from '../../core/logger.js';
import { regressionFeatures } from './features.js';
import type { ListedCompanyData } from './listed-universe.js';
import type { Outcome } from './outcome.js';
import { notAvailable } from './outcome.js';
import { type MarketValueRegression, predictMarketValue } from './regression.js';
import type { TrainedModels } from './trained-models.js';

/**
 * Keeps the trained market-value model only when it beats the ridge regression fitted on this
 * store, judged by the median absolute percentage error on the store's validation companies. The
 * committed artifact was trained on the generated demo dataset, so on other data (the real KRX
 * statements, for example) it may be worse than a model fitted here, and then the ridge runs.
 */
export async function gateTrainedRegression(
  trained: TrainedModels,
  ridge: Outcome<MarketValueRegression>,
  validation: readonly ListedCompanyData[],
  logger?: Logger,
): Promise<TrainedModels> {
  if (trained.regression.status !== 'ok' || ridge.status !== 'ok') return trained;
  const { model } = trained.regression;
  const trainedErrors: number[] = [];
  const ridgeErrors: number[] = [];
  for (const row of validation) {
    const truth = row.marketCap?.marketCapKrw;
    const features = regressionFeatures(row.years);
    if (!truth || truth <= 0 || features.status !== 'ok') continue;
    const trainedValue = await model.predict(features.values, row.company.sector);
    const ridgeValue = predictMarketValue(ridge, features.values, row.company.sector).valueKrw;
    trainedErrors.push(Math.abs(trainedValue - truth) / truth);
    ridgeErrors.push(Math.abs(ridgeValue - truth) / truth);
  }
  // With too few validation companies the comparison is unreliable, so the trained model is kept.
  if (trainedErrors.length < 20) return trained;
  const trainedApe = median(trainedErrors);
  const ridgeApe = median(ridgeErrors);
  logger?.info(
    { companies: trainedErrors.length, trainedMedianApe: trainedApe, ridgeMedianApe: ridgeApe },
    'Compared the trained market-value model with the ridge regression on validation companies',
  );
  if (trainedApe <= ridgeApe) return trained;
  const reason =
    `the trained model (${model.id}) had a median absolute percentage error of ${percent(trainedApe)} on ` +
    `${trainedErrors.length} validation companies of this store, worse than the ridge regression's ${percent(ridgeApe)}`;
  logger?.warn({ reason }, 'Trained market-value model not used');
  return { ...trained, regression: notAvailable(reason) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
