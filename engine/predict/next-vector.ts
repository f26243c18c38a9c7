/**
 * Predicts the vector of a company's next patent from its patent vectors in filing order.
 * The SASRec model replaces the fallback below when a trained artifact is present.
 */
export interface NextVectorPredictor {
  readonly id: string;
  readonly version: string;
  /** True when this predictor replaces the learned model. */
  readonly isFallback: boolean;
  /**
   * `sequence` is oldest first; every vector has the same dimension. Learned predictors return a
   * Promise because onnxruntime-node runs sessions asynchronously, so callers always `await`.
   */
  predict(sequence: readonly Float32Array[]): Float32Array | Promise<Float32Array>;
}

export interface RecencyWeightedMeanOptions {
  /** How many of the latest patents to use. */
  window: number;
  /** Weight ratio between a patent and the next newer one (0 < decay <= 1). */
  decay: number;
}

/**
 * Recency-weighted mean of the last `window` patent vectors: the newest has weight 1, the one before
 * `decay`, then `decay`², and so on. The result is L2-normalised.
 */
export class RecencyWeightedMean implements NextVectorPredictor {
  readonly id = 'recency-weighted-mean';
  readonly version = '1';
  readonly isFallback = true;

  /** Reason the learned model is not used, for the result's `models` field, or undefined when unknown. */
  readonly fallbackReason: string | undefined;

  constructor(
    private readonly options: RecencyWeightedMeanOptions = { window: 32, decay: 0.85 },
    fallbackReason?: string,
  ) {
    this.fallbackReason = fallbackReason;
    if (options.window < 1) throw new Error(`window must be at least 1, got ${options.window}`);
    if (!(options.decay > 0 && options.decay <= 1))
      throw new Error(`decay must be in (0, 1], got ${options.decay}`);
  }

  predict(sequence: readonly Float32Array[]): Float32Array {
    const last = sequence[sequence.length - 1];
    if (!last) throw new Error('Cannot predict from an empty patent sequence');
    const result = new Float32Array(last.length);
    const start = Math.max(0, sequence.length - this.options.window);
    let weight = 1;
    for (let i = sequence.length - 1; i >= start; i--) {
      const vector = sequence[i] as Float32Array;
      for (let d = 0; d < result.length; d++)
        result[d] = (result[d] as number) + weight * (vector[d] as number);
      weight *= this.options.decay;
    }
    return normalize(result);
  }
}

export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < vector.length; d++) vector[d] = (vector[d] as number) / norm;
  return vector;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let d = 0; d < a.length; d++) {
    const x = a[d] as number;
    const y = b[d] as number;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  if (normA === 0 || normB === 0) return 0;
  return dot / Math.sqrt(normA * normB);
}
