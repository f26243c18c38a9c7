import { createHash } from 'node:crypto';
import { z } from 'zod';
import { FEATURE_SETTINGS } from './features.js';
import type { Vocabulary } from './vocabulary.js';

/** Version of the on-disk format written by `saveTfidfSvdModel`. */
export const TFIDF_SVD_FORMAT_VERSION = 1;

export const TFIDF_SVD_FILES = {
  metadata: 'embedder.json',
  vocabulary: 'vocabulary.txt',
  idf: 'idf.f32',
  components: 'components.f32',
} as const;

export const WEIGHTING_SETTINGS = { tf: 'sublinear', idf: 'smooth', norm: 'l2' } as const;

export const tfidfSvdMetadataSchema = z.object({
  formatVersion: z.literal(TFIDF_SVD_FORMAT_VERSION),
  kind: z.literal('tfidf-svd'),
  spaceId: z.string().regex(/^[0-9a-f]{16}$/u),
  /** Output dimension: the requested one, or fewer when the fit corpus had lower rank. */
  dimension: z.number().int().positive(),
  requestedDimension: z.number().int().positive(),
  features: z.object({
    unicodeNormalization: z.literal(FEATURE_SETTINGS.unicodeNormalization),
    lowercase: z.literal(FEATURE_SETTINGS.lowercase),
    tokenPattern: z.literal(FEATURE_SETTINGS.tokenPattern),
    ngramSizes: z.tuple([z.literal(2), z.literal(3)]),
    wholeTokens: z.literal(FEATURE_SETTINGS.wholeTokens),
  }),
  weighting: z.object({ tf: z.literal('sublinear'), idf: z.literal('smooth'), norm: z.literal('l2') }),
  svd: z.object({
    method: z.literal('randomized'),
    oversamples: z.number().int().nonnegative(),
    powerIterations: z.number().int().nonnegative(),
    seed: z.number().int(),
  }),
  vocabularySize: z.number().int().positive(),
  maxFeatures: z.number().int().positive(),
  minDocFreq: z.number().int().positive(),
  sampleSize: z.number().int().positive(),
  /** Documents the model was fitted on: the deterministic sample. */
  fitDocumentCount: z.number().int().positive(),
  /** Non-blank documents in the corpus the sample was drawn from. */
  corpusDocumentCount: z.number().int().positive(),
  createdAt: z.string(),
});

export type TfidfSvdMetadata = z.infer<typeof tfidfSvdMetadataSchema>;

/** Everything a fitted TF-IDF + SVD embedder consists of. */
export interface TfidfSvdModel {
  readonly metadata: TfidfSvdMetadata;
  readonly vocabulary: Vocabulary;
  /** Idf of each vocabulary column. */
  readonly idf: Float32Array;
  /** Row-major vocabularySize × dimension matrix: row j contains the loadings of column j. */
  readonly components: Float32Array;
}

/** Encodes Float32 values as little-endian bytes, the byte order of the .f32 files on every platform. */
export function float32ToBytes(values: Float32Array): Buffer {
  const bytes = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i += 1) {
    bytes.writeFloatLE(values[i] as number, i * 4);
  }
  return bytes;
}

/** Decodes little-endian Float32 bytes. The byte length must be a multiple of 4. */
export function float32FromBytes(bytes: Buffer): Float32Array {
  const values = new Float32Array(bytes.length / 4);
  for (let i = 0; i < values.length; i += 1) {
    values[i] = bytes.readFloatLE(i * 4);
  }
  return values;
}

/**
 * Computes the space id: the first 16 hex digits of the SHA-256 of the settings that shape vectors
 * and of the exact bytes of the vocabulary, idf and component files. Two fits that produce the same
 * model get the same id, and any change to the model gives a new one. Timestamps and corpus counts
 * are left out because they do not change the vectors.
 */
export function computeSpaceId(
  dimension: number,
  vocabularyText: string,
  idfBytes: Buffer,
  componentBytes: Buffer,
): string {
  const settings = JSON.stringify({
    formatVersion: TFIDF_SVD_FORMAT_VERSION,
    kind: 'tfidf-svd',
    dimension,
    features: FEATURE_SETTINGS,
    weighting: WEIGHTING_SETTINGS,
  });
  const hash = createHash('sha256');
  for (const part of [settings, vocabularyText]) {
    hash.update(part, 'utf8');
    hash.update('\0');
  }
  hash.update(idfBytes);
  hash.update('\0');
  hash.update(componentBytes);
  return hash.digest('hex').slice(0, 16);
}
