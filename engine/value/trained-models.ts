import { defaultModelsDir } from '../predict/sasrec-artifact.js';
import type { ModelUsage } from '../types.js';
import { regressionFeatures } from './features.js';
import { GROWTH_BAND, GROWTH_ITEMS, type GrowthEstimate } from './growth.js';
import { annualRateFromSymmetric } from './growth-inputs.js';
import { OnnxGrowthModel } from './onnx-growth.js';
import { OnnxMarketValueModel } from './onnx-regression.js';
import { notAvailable, type Outcome, ok, percent } from './outcome.js';
import { ACCOUNTS, type FiscalYear } from './statements.js';

/**
 * The trained growth and market-value models, loaded once per valuation model. Either can be
 * "not available" (artifact missing or built for other features); the valuation then runs the
 * fallback (growth chain, ridge regression) and names the reason in the breakdown.
 */
export interface TrainedModels {
  growth: Outcome<{ model: OnnxGrowthModel }>;
  regression: Outcome<{ model: OnnxMarketValueModel }>;
}

/** Predictions of the trained models for one company, computed before the (synchronous) appraisal. */
export interface TrainedPredictions {
  growth: Outcome<{ estimates: GrowthEstimate[] }>;
  regression: Outcome<{ modelId: string; valueKrw: number; imputed: string[] }>;
}

/** Folder of model artifacts: EXIT_MODELS_DIR when set, else the package's models/artifacts. */
export function valuationModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.EXIT_MODELS_DIR && env.EXIT_MODELS_DIR.length > 0 ? env.EXIT_MODELS_DIR : defaultModelsDir();
}

export async function loadTrainedModels(modelsDir: string): Promise<TrainedModels> {
  const [growth, regression] = await Promise.all([
    OnnxGrowthModel.load(modelsDir),
    OnnxMarketValueModel.load(modelsDir),
  ]);
  return { growth, regression };
}

/**
 * Runs both trained models for a company. Growth is predicted as symmetric growth, converted to
 * an annual rate and clipped to GROWTH_BAND, the band the fallback chain clips own CAGRs to.
 */
export async function predictTrained(
  trained: TrainedModels,
  years: readonly FiscalYear[],
  sector: string | null,
): Promise<TrainedPredictions> {
  let growth: TrainedPredictions['growth'] =
    trained.growth.status === 'ok' ? notAvailable('not run') : trained.growth;
  if (trained.growth.status === 'ok') {
    const { model } = trained.growth;
    const predicted = await model.predict(years);
    growth =
      predicted.status === 'ok'
        ? ok({
            estimates: GROWTH_ITEMS.map((item) => {
              const raw = annualRateFromSymmetric(predicted[item]);
              const rate = Math.min(Math.max(raw, GROWTH_BAND.min), GROWTH_BAND.max);
              const clipped = rate !== raw;
              const detail = `${model.id}${clipped ? `, ${percent(raw)} clipped to [${percent(GROWTH_BAND.min)}, ${percent(GROWTH_BAND.max)}]` : ''}`;
              return {
                item,
                account: ACCOUNTS[item],
                rate,
                source: 'growth_model' as const,
                clipped,
                detail,
              };
            }),
          })
        : predicted;
  }
  let regression: TrainedPredictions['regression'] =
    trained.regression.status === 'ok' ? notAvailable('not run') : trained.regression;
  if (trained.regression.status === 'ok') {
    const { model } = trained.regression;
    const features = regressionFeatures(years);
    regression =
      features.status === 'ok'
        ? ok({
            modelId: model.id,
            valueKrw: await model.predict(features.values, sector),
            imputed: features.imputed,
          })
        : features;
  }
  return { growth, regression };
}

/** Predictions when no trained model was loaded, for callers that appraise without a fitted model. */
export const NO_TRAINED_PREDICTIONS: TrainedPredictions = {
  growth: notAvailable('no trained models loaded'),
  regression: notAvailable('no trained models loaded'),
};

/**
 * Describes the valuation models for a result's `models` field: the trained growth and
 * market-value models when they run, otherwise their fallbacks (the growth chain of own CAGR and
 * sector medians, the ridge regression fitted on the store) with the reason.
 */
export function valuationModelUsage(trained: TrainedModels | undefined): ModelUsage[] {
  const missing = 'no trained models loaded';
  const growth = trained?.growth;
  const regression = trained?.regression;
  return [
    growth?.status === 'ok'
      ? { stage: 'growth', id: growth.model.id, version: growth.model.metadata.modelVersion, fallback: false }
      : {
          stage: 'growth',
          id: 'growth-chain',
          version: '1',
          fallback: true,
          note: `own CAGR, then sector medians: ${growth?.reason ?? missing}`,
        },
    regression?.status === 'ok'
      ? {
          stage: 'market_value',
          id: regression.model.id,
          version: regression.model.metadata.modelVersion,
          fallback: false,
        }
      : {
          stage: 'market_value',
          id: 'ridge',
          version: '1',
          fallback: true,
          note: `ridge regression fitted on this store: ${regression?.reason ?? missing}`,
        },
  ];
}
