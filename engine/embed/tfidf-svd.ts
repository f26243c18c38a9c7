import type { Embedder } from './embedder.js';
import { TfidfWeighter } from './tfidf.js';
import { type FitProgress, fitTfidfSvdModel, type TfidfSvdFitOptions } from './tfidf-svd-fit.js';
import type { TfidfSvdMetadata, TfidfSvdModel } from './tfidf-svd-model.js';
import { loadTfidfSvdModel, saveTfidfSvdModel } from './tfidf-svd-store.js';

/**
 * The default embedder, which needs no downloaded weights: TF-IDF over whole tokens and syllable
 * bigrams and trigrams, reduced to `dimension` by truncated SVD (latent semantic analysis), with each
 * output L2-normalised. Embedding one text costs one sparse-times-dense product, about
 * (features in the text) × dimension multiply-adds.
 */
export class TfidfSvdEmbedder implements Embedder {
  readonly spaceId: string;
  readonly dimension: number;
  readonly metadata: TfidfSvdMetadata;
  private readonly model: TfidfSvdModel;
  private readonly weighter: TfidfWeighter;
  private readonly accumulator: Float64Array;

  private constructor(model: TfidfSvdModel) {
    this.model = model;
    this.metadata = model.metadata;
    this.spaceId = model.metadata.spaceId;
    this.dimension = model.metadata.dimension;
    this.weighter = new TfidfWeighter(model.vocabulary, model.idf);
    this.accumulator = new Float64Array(this.dimension);
  }

  /**
   * Fits the embedder on at most `options.sampleSize` documents of `corpus`, drawn by seeded reservoir
   * sampling, so the same corpus, order and options always give the same space id and vectors. When
   * the sample has fewer independent directions than `options.dimension`, the model keeps only those,
   * and `dimension` is smaller than requested (`metadata.requestedDimension` keeps the request),
   * because zero-padded dimensions would carry no information.
   */
  static fit(
    corpus: Iterable<string>,
    options: Partial<TfidfSvdFitOptions> = {},
    onProgress?: (progress: FitProgress) => void,
  ): TfidfSvdEmbedder {
    return new TfidfSvdEmbedder(fitTfidfSvdModel(corpus, options, onProgress));
  }

  /** Reads an embedder written by `save`. `loadTfidfSvdModel` lists the errors it throws. */
  static load(directory: string): TfidfSvdEmbedder {
    return new TfidfSvdEmbedder(loadTfidfSvdModel(directory));
  }

  /** Writes the metadata, vocabulary, idf and component files into `directory`. */
  save(directory: string): void {
    saveTfidfSvdModel(directory, this.model);
  }

  embed(texts: readonly string[]): Float32Array[] {
    return texts.map((text) => this.embedOne(text));
  }

  private embedOne(text: string): Float32Array {
    const dimension = this.dimension;
    const components = this.model.components;
    const sum = this.accumulator;
    sum.fill(0);

    const { indices, values, length } = this.weighter.weigh(text);
    let t = 0;
    // Four features per pass, so the accumulator is loaded and stored a quarter as often.
    for (; t + 4 <= length; t += 4) {
      const w0 = values[t] as number;
      const w1 = values[t + 1] as number;
      const w2 = values[t + 2] as number;
      const w3 = values[t + 3] as number;
      const b0 = (indices[t] as number) * dimension;
      const b1 = (indices[t + 1] as number) * dimension;
      const b2 = (indices[t + 2] as number) * dimension;
      const b3 = (indices[t + 3] as number) * dimension;
      for (let d = 0; d < dimension; d += 1) {
        sum[d] =
          (sum[d] as number) +
          w0 * (components[b0 + d] as number) +
          w1 * (components[b1 + d] as number) +
          w2 * (components[b2 + d] as number) +
          w3 * (components[b3 + d] as number);
      }
    }
    for (; t < length; t += 1) {
      const weight = values[t] as number;
      const base = (indices[t] as number) * dimension;
      for (let d = 0; d < dimension; d += 1) {
        sum[d] = (sum[d] as number) + weight * (components[base + d] as number);
      }
    }

    const output = new Float32Array(dimension);
    let normSquared = 0;
    for (let d = 0; d < dimension; d += 1) {
      normSquared += (sum[d] as number) * (sum[d] as number);
    }
    if (normSquared === 0) {
      return output;
    }
    const scale = 1 / Math.sqrt(normSquared);
    for (let d = 0; d < dimension; d += 1) {
      output[d] = (sum[d] as number) * scale;
    }
    return output;
  }
}
