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
    return new RecencyWeightedMean();
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
