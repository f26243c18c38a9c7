import { type NextVectorPredictor, normalize } from '../predict/next-vector.js';

/**
 * Stand-ins for the next-vector predictor that the evaluation compares against. They do no
 * sequence modelling: the order of the patents does not matter to the first, and only the last
 * patent matters to the second.
 */

/** The company's profile vector: the normalised mean of all its patent vectors. */
export class ProfileMeanPredictor implements NextVectorPredictor {
  readonly id = 'profile-mean';
  readonly version = '1';
  readonly isFallback = false;

  predict(sequence: readonly Float32Array[]): Float32Array {
    const first = sequence[0];
    if (!first) throw new Error('Cannot predict from an empty patent sequence');
    const sum = new Float32Array(first.length);
    for (const vector of sequence)
      for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] as number) + (vector[d] as number);
    return normalize(sum);
  }
}

/** The vector of the company's latest patent, unchanged. */
export class LastPatentPredictor implements NextVectorPredictor {
  readonly id = 'last-patent';
  readonly version = '1';
  readonly isFallback = false;

  predict(sequence: readonly Float32Array[]): Float32Array {
    const last = sequence[sequence.length - 1];
    if (!last) throw new Error('Cannot predict from an empty patent sequence');
    return Float32Array.from(last);
  }
}
