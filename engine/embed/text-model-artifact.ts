import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ExitError } from '../../core/errors.js';

/** Files of a text model folder written by models/text/export_local.py. */
export const TEXT_MODEL_FILES = {
  metadata: 'exit-text-model.json',
  tokenizer: 'tokenizer.json',
  encoder: 'encoder.onnx',
  decoder: 'decoder.onnx',
} as const;

const EXPORT_ADVICE =
  'Export the model again with `python -m text.export_local --model-dir <folder> --out <dir>`.';

const baseSchema = z.object({
  format: z.literal('exit-text-model'),
  formatVersion: z.literal(1),
  modelType: z.string(),
  source: z.string(),
  maxLength: z.number().int().positive(),
  padTokenId: z.number().int().nonnegative(),
  hiddenSize: z.number().int().positive(),
});

export const encoderMetadataSchema = baseSchema.extend({
  kind: z.literal('encoder'),
  pooling: z.enum(['mean', 'cls']),
});

export const seq2seqMetadataSchema = baseSchema.extend({
  kind: z.literal('seq2seq'),
  vocabSize: z.number().int().positive(),
  eosTokenId: z.number().int().nonnegative(),
  decoderStartTokenId: z.number().int().nonnegative(),
  /** Token every output starts with after the start token (BART's forced_bos_token_id), if any. */
  forcedBosTokenId: z.number().int().nonnegative().nullable().default(null),
});

export type EncoderMetadata = z.infer<typeof encoderMetadataSchema>;
export type Seq2SeqMetadata = z.infer<typeof seq2seqMetadataSchema>;

/** Returns the path of `file` in `directory`, throwing INDEX_MISSING when it does not exist. */
export function requireModelFile(directory: string, file: string): string {
  const path = join(directory, file);
  if (!existsSync(path)) {
    throw new ExitError('INDEX_MISSING', `Text model file ${path} is missing. ${EXPORT_ADVICE}`, {
      file: path,
    });
  }
  return path;
}

/** Reads and validates exit-text-model.json of `directory` against `schema`. */
export function readTextModelMetadata<T>(directory: string, schema: z.ZodType<T>, kind: string): T {
  const path = requireModelFile(directory, TEXT_MODEL_FILES.metadata);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ExitError(
      'INDEX_MISMATCH',
      `${path} is not valid JSON (${(error as Error).message}). ${EXPORT_ADVICE}`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || 'top level'}: ${issue.message}`;
    throw new ExitError(
      'INDEX_MISMATCH',
      `${path} is not the metadata of an exported ${kind} model (format version 1)${where}. ${EXPORT_ADVICE}`,
    );
  }
  return parsed.data;
}

/** Returns the first 16 hex digits of the SHA-256 of the files' bytes and the given labels. */
export function hashModel(paths: readonly string[], labels: readonly string[]): string {
  const hash = createHash('sha256');
  for (const path of paths) hash.update(readFileSync(path));
  for (const label of labels) hash.update(`\0${label}`);
  return hash.digest('hex').slice(0, 16);
}
