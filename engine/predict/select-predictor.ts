import type { Logger } from '../../core/logger.js';
import { type NextVectorPredictor, RecencyWeightedMean } from './next-vector.js';
import { readSasrecArtifact, SasrecArtifactError, spaceMismatch } from './sasrec-artifact.js';
import { type OnnxProvider, SasrecOnnxPredictor } from './sasrec-onnx.js';

export interface PredictorSelection {
  modelsDir: string;
  provider: OnnxProvider;
  /** The index's embedding space; the model must have been trained in it. */
  index: { spaceId: string; dimension: number };
  logger: Logger;
  /** Load the model even when its recorded test metric is below the fallback's (for evaluation). */
  allowWeakerModel?: boolean;
}

/**
 * Returns why the model should not replace the fallback, when the metadata records a lower mean
 * cosine to the true next patent on held-out companies than the recency-weighted mean scored on
 * the same split (the reference design's metric), or null when it is at least as good or the
 * metrics are absent.
 */
export function weakerThanFallback(metrics: Record<string, unknown>): string | null {
  const test = metrics.test as { mean_cosine?: unknown } | undefined;
  const baselines = metrics.baselines_test as
    | { recency_weighted_mean?: { mean_cosine?: unknown } }
    | undefined;
  const model = test?.mean_cosine;
  const fallback = baselines?.recency_weighted_mean?.mean_cosine;
  if (typeof model !== 'number' || typeof fallback !== 'number' || model >= fallback) return null;
  return (
    `The SASRec model scored a mean cosine of ${model.toFixed(3)} to the true next patent on held-out companies, ` +
    `below the recency-weighted mean's ${fallback.toFixed(3)}, so it is not used.`
  );
}

/**
 * Loads the trained SASRec model from `<modelsDir>/sasrec/` when it exists and matches the index's
 * embedding space. Otherwise logs why (missing, invalid, another space, or a session that failed to
 * open) and returns the recency-weighted mean fallback, which the result's `models` field reports.
 */
export async function selectNextVectorPredictor(options: PredictorSelection): Promise<NextVectorPredictor> {
  const { logger } = options;
  const fallback = (reason: string, details: Record<string, unknown> = {}): NextVectorPredictor => {
    logger.warn(
      { stage: 'next_vector', predictor: 'recency-weighted-mean', modelsDir: options.modelsDir, ...details },
      `${reason} Using the recency-weighted mean fallback.`,
    );
    return new RecencyWeightedMean(undefined, reason);
  };
  let artifact: ReturnType<typeof readSasrecArtifact>;
  try {
    artifact = readSasrecArtifact(options.modelsDir);
  } catch (error) {
    if (error instanceof SasrecArtifactError) return fallback(error.message, { reason: error.reason });
    throw error;
  }
  const mismatch = spaceMismatch(artifact, options.index);
  if (mismatch) return fallback(mismatch, { reason: 'space_mismatch' });
  const weaker = weakerThanFallback(artifact.metadata.metrics);
  if (weaker && !options.allowWeakerModel) return fallback(weaker, { reason: 'below_fallback' });
  try {
    const predictor = await SasrecOnnxPredictor.load(artifact, options.provider, logger);
    logger.info(
      {
        stage: 'next_vector',
        predictor: predictor.id,
        version: predictor.version,
        provider: predictor.provider,
        maxLength: predictor.maxLength,
      },
      'SASRec model loaded',
    );
    return predictor;
  } catch (error) {
    return fallback(`The SASRec model ${artifact.modelPath} failed to load: ${(error as Error).message}.`, {
      reason: 'load_failed',
      err: error,
    });
  }
}
