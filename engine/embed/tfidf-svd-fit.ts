import { ExitError } from '../../core/errors.js';
import { FEATURE_SETTINGS, visitFeatures } from './features.js';
import { SeededRandom } from './random.js';
import { randomizedSvd } from './randomized-svd.js';
import type { SparseRows } from './sparse-matrix.js';
import { smoothIdf, TfidfWeighter } from './tfidf.js';
import {
  computeSpaceId,
  float32ToBytes,
  TFIDF_SVD_FORMAT_VERSION,
  type TfidfSvdModel,
  WEIGHTING_SETTINGS,
} from './tfidf-svd-model.js';
import { Vocabulary, type VocabularyEntry } from './vocabulary.js';

export interface TfidfSvdFitOptions {
  /** Requested output dimension. The model has fewer when the sample has lower rank. */
  dimension: number;
  /** Vocabulary size limit: features are ranked by document frequency in the sample. */
  maxFeatures: number;
  /** Features in fewer sample documents than this are dropped. */
  minDocFreq: number;
  /** Seed of the sampling and of the SVD's random sketch. */
  seed: number;
  /** Maximum number of documents fitted on, drawn by seeded reservoir sampling. */
  sampleSize?: number;
}

/**
 * Defaults for a corpus of up to about a million patent summaries. Fitting time grows with the
 * sample, not the corpus, so 30,000 documents bound it (scripts/bench/embed.ts measures it). 40,000
 * features bound the component matrix to 40,000 × 256 Float32 values, 41 MB.
 */
export const DEFAULT_TFIDF_SVD_FIT_OPTIONS: Required<TfidfSvdFitOptions> = {
  dimension: 256,
  maxFeatures: 40_000,
  minDocFreq: 2,
  seed: 42,
  sampleSize: 30_000,
};

/** Sketch columns beyond the dimension, and power iterations, of the randomised SVD. */
const SVD_OVERSAMPLES = 10;
const SVD_POWER_ITERATIONS = 2;

export type FitStage = 'sampling' | 'vocabulary' | 'weighting' | 'decomposition';

/** Fit progress. Each stage reports `completed: 0` when it starts, then every 10,000 documents or SVD step. */
export interface FitProgress {
  stage: FitStage;
  completed: number;
  /** Units of work in the stage; absent while sampling, because an iterable has no known length. */
  total?: number;
}

const PROGRESS_INTERVAL = 10_000;

/**
 * Fits a TF-IDF + truncated SVD model on a seeded sample of the non-blank documents of `corpus`.
 * Throws ExitError('INVALID_INPUT') when the sample has no feature that reaches `minDocFreq`.
 */
export function fitTfidfSvdModel(
  corpus: Iterable<string>,
  options: Partial<TfidfSvdFitOptions> = {},
  onProgress?: (progress: FitProgress) => void,
): TfidfSvdModel {
  // Options passed as undefined keep their defaults.
  const settings = { ...DEFAULT_TFIDF_SVD_FIT_OPTIONS };
  for (const [name, value] of Object.entries(options) as [keyof TfidfSvdFitOptions, number | undefined][]) {
    if (value !== undefined) {
      settings[name] = value;
    }
  }
  validateOptions(settings);

  onProgress?.({ stage: 'sampling', completed: 0 });
  const { sample, corpusDocumentCount } = sampleDocuments(corpus, settings, onProgress);
  onProgress?.({ stage: 'vocabulary', completed: 0, total: sample.length });
  const { vocabulary, documentFrequencies } = selectVocabulary(sample, settings, onProgress);
  const idf = Float32Array.from(documentFrequencies, (frequency) => smoothIdf(sample.length, frequency));

  onProgress?.({ stage: 'weighting', completed: 0, total: sample.length });
  const weighter = new TfidfWeighter(vocabulary, idf);
  const indices: Int32Array[] = [];
  const values: Float32Array[] = [];
  sample.forEach((text, position) => {
    const row = weighter.weigh(text);
    indices.push(row.indices.slice(0, row.length));
    values.push(Float32Array.from(row.values.subarray(0, row.length)));
    reportEvery(onProgress, 'weighting', position + 1, sample.length);
  });
  const matrix: SparseRows = { columnCount: vocabulary.size, indices, values };

  const svd = randomizedSvd(matrix, settings.dimension, {
    oversamples: SVD_OVERSAMPLES,
    powerIterations: SVD_POWER_ITERATIONS,
    random: new SeededRandom(settings.seed),
    onStep: (completed, total) => onProgress?.({ stage: 'decomposition', completed, total }),
  });
  const dimension = svd.singularValues.length;
  if (dimension === 0) {
    throw new ExitError(
      'INVALID_INPUT',
      'Cannot fit the TF-IDF embedder: every sampled document has zero weight.',
    );
  }
  const components = Float32Array.from(svd.components.data);

  const vocabularyText = vocabulary.toText();
  const spaceId = computeSpaceId(dimension, vocabularyText, float32ToBytes(idf), float32ToBytes(components));
  return {
    metadata: {
      formatVersion: TFIDF_SVD_FORMAT_VERSION,
      kind: 'tfidf-svd',
      spaceId,
      dimension,
      requestedDimension: settings.dimension,
      features: { ...FEATURE_SETTINGS, ngramSizes: [2, 3] },
      weighting: { ...WEIGHTING_SETTINGS },
      svd: {
        method: 'randomized',
        oversamples: SVD_OVERSAMPLES,
        powerIterations: SVD_POWER_ITERATIONS,
        seed: settings.seed,
      },
      vocabularySize: vocabulary.size,
      maxFeatures: settings.maxFeatures,
      minDocFreq: settings.minDocFreq,
      sampleSize: settings.sampleSize,
      fitDocumentCount: sample.length,
      corpusDocumentCount,
      createdAt: new Date().toISOString(),
    },
    vocabulary,
    idf,
    components,
  };
}

function validateOptions(options: Required<TfidfSvdFitOptions>): void {
  for (const name of ['dimension', 'maxFeatures', 'minDocFreq', 'sampleSize'] as const) {
    const value = options[name];
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`Invalid ${name} ${value}: expected a positive integer.`);
    }
  }
  if (!Number.isInteger(options.seed)) {
    throw new RangeError(`Invalid seed ${options.seed}: expected an integer.`);
  }
}

/**
 * Draws up to `sampleSize` non-blank documents by reservoir sampling (Vitter's algorithm R) with a
 * seeded generator, in one pass, so the same corpus in the same order always gives the same sample.
 */
function sampleDocuments(
  corpus: Iterable<string>,
  options: Required<TfidfSvdFitOptions>,
  onProgress?: (progress: FitProgress) => void,
): { sample: string[]; corpusDocumentCount: number } {
  const random = new SeededRandom(options.seed);
  const sample: string[] = [];
  let seen = 0;
  for (const text of corpus) {
    if (text.trim() === '') {
      continue;
    }
    if (seen < options.sampleSize) {
      sample.push(text);
    } else {
      const slot = random.nextInt(seen + 1);
      if (slot < options.sampleSize) {
        sample[slot] = text;
      }
    }
    seen += 1;
    if (seen % PROGRESS_INTERVAL === 0) {
      onProgress?.({ stage: 'sampling', completed: seen });
    }
  }
  if (seen === 0) {
    throw new ExitError(
      'INVALID_INPUT',
      'Cannot fit the TF-IDF embedder: the corpus has no non-blank document.',
    );
  }
  return { sample, corpusDocumentCount: seen };
}

/**
 * Keeps the `maxFeatures` features with the highest document frequency among those in at least
 * `minDocFreq` sample documents. Ties are ordered n-grams first, then by key or token, so the
 * column order does not depend on hash-map iteration order.
 */
function selectVocabulary(
  sample: readonly string[],
  options: Required<TfidfSvdFitOptions>,
  onProgress?: (progress: FitProgress) => void,
): { vocabulary: Vocabulary; documentFrequencies: number[] } {
  const ngramFrequencies = new Map<number, number>();
  const tokenFrequencies = new Map<string, number>();
  const documentNgrams = new Set<number>();
  const documentTokens = new Set<string>();
  const visitor = {
    ngram: (key: number) => documentNgrams.add(key),
    token: (token: string) => documentTokens.add(token),
  };
  sample.forEach((text, position) => {
    documentNgrams.clear();
    documentTokens.clear();
    visitFeatures(text, visitor);
    for (const key of documentNgrams) {
      ngramFrequencies.set(key, (ngramFrequencies.get(key) ?? 0) + 1);
    }
    for (const token of documentTokens) {
      tokenFrequencies.set(token, (tokenFrequencies.get(token) ?? 0) + 1);
    }
    reportEvery(onProgress, 'vocabulary', position + 1, sample.length);
  });

  type Candidate = { entry: VocabularyEntry; frequency: number };
  const candidates: Candidate[] = [];
  for (const [key, frequency] of ngramFrequencies) {
    if (frequency >= options.minDocFreq) {
      candidates.push({ entry: { kind: 'ngram', key }, frequency });
    }
  }
  for (const [token, frequency] of tokenFrequencies) {
    if (frequency >= options.minDocFreq) {
      candidates.push({ entry: { kind: 'token', token }, frequency });
    }
  }
  if (candidates.length === 0) {
    throw new ExitError(
      'INVALID_INPUT',
      `Cannot fit the TF-IDF embedder: no feature occurs in ${options.minDocFreq} or more of the ${sample.length} sampled documents.`,
    );
  }
  candidates.sort((a, b) => b.frequency - a.frequency || compareEntries(a.entry, b.entry));
  const selected = candidates.slice(0, options.maxFeatures);
  return {
    vocabulary: new Vocabulary(selected.map((candidate) => candidate.entry)),
    documentFrequencies: selected.map((candidate) => candidate.frequency),
  };
}

function compareEntries(a: VocabularyEntry, b: VocabularyEntry): number {
  if (a.kind === 'ngram' && b.kind === 'ngram') {
    return a.key - b.key;
  }
  if (a.kind === 'token' && b.kind === 'token') {
    if (a.token === b.token) {
      return 0;
    }
    return a.token < b.token ? -1 : 1;
  }
  return a.kind === 'ngram' ? -1 : 1;
}

function reportEvery(
  onProgress: ((progress: FitProgress) => void) | undefined,
  stage: FitStage,
  completed: number,
  total: number,
): void {
  if (onProgress !== undefined && (completed % PROGRESS_INTERVAL === 0 || completed === total)) {
    onProgress({ stage, completed, total });
  }
}
