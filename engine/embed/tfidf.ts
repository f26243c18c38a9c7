import { visitFeatures } from './features.js';
import type { Vocabulary } from './vocabulary.js';

/** A sparse TF-IDF row. Only the first `length` entries of `indices` and `values` are valid. */
export interface TfidfRow {
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly length: number;
}

/**
 * Smooth inverse document frequency, ln((1 + n) / (1 + df)) + 1, as if one extra document contained
 * every feature. It is never zero, so a feature present in every document still counts a little.
 */
export function smoothIdf(documentCount: number, documentFrequency: number): number {
  return Math.log((1 + documentCount) / (1 + documentFrequency)) + 1;
}

/**
 * Computes TF-IDF rows over a fixed vocabulary: sublinear term frequency 1 + ln(tf), times idf, then
 * L2 normalisation of the row. One instance reuses its buffers between texts, so it is not safe to
 * share across concurrent callers, and each returned row is valid only until the next call.
 */
export class TfidfWeighter {
  private readonly counts: Float64Array;
  private indices: Int32Array;
  private values: Float64Array;
  private length = 0;

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly idf: Float32Array,
  ) {
    if (idf.length !== vocabulary.size) {
      throw new RangeError(`Invalid idf: ${idf.length} values for a vocabulary of ${vocabulary.size}.`);
    }
    this.counts = new Float64Array(vocabulary.size);
    this.indices = new Int32Array(256);
    this.values = new Float64Array(256);
  }

  /** Returns the L2-normalised TF-IDF row of `text`. Its length is 0 when no feature is in the vocabulary. */
  weigh(text: string): TfidfRow {
    this.length = 0;
    visitFeatures(text, this.visitor);

    let normSquared = 0;
    for (let t = 0; t < this.length; t += 1) {
      const column = this.indices[t] as number;
      const weight = (1 + Math.log(this.counts[column] as number)) * (this.idf[column] as number);
      this.counts[column] = 0;
      this.values[t] = weight;
      normSquared += weight * weight;
    }
    if (normSquared > 0) {
      const scale = 1 / Math.sqrt(normSquared);
      for (let t = 0; t < this.length; t += 1) {
        this.values[t] = (this.values[t] as number) * scale;
      }
    }
    return { indices: this.indices, values: this.values, length: this.length };
  }

  private readonly visitor = {
    ngram: (key: number): void => {
      this.count(this.vocabulary.indexOfNgram(key));
    },
    token: (token: string): void => {
      this.count(this.vocabulary.indexOfToken(token));
    },
  };

  private count(column: number): void {
    if (column < 0) {
      return;
    }
    const previous = this.counts[column] as number;
    this.counts[column] = previous + 1;
    if (previous === 0) {
      if (this.length === this.indices.length) {
        this.grow();
      }
      this.indices[this.length] = column;
      this.length += 1;
    }
  }

  private grow(): void {
    const indices = new Int32Array(this.indices.length * 2);
    indices.set(this.indices);
    this.indices = indices;
    this.values = new Float64Array(indices.length);
  }
}
