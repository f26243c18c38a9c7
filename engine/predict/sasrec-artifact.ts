import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The SASRec artifact folder written by models/sasrec/train_patents.py: `model.onnx`,
 * `metadata.json` and `parity.json`. Only the fields the engine checks are validated here.
 */
export const SASREC_ARTIFACT_DIR = 'sasrec';
export const SASREC_MODEL_FILE = 'model.onnx';
export const SASREC_METADATA_FILE = 'metadata.json';
export const SASREC_METADATA_FORMAT_VERSION = 1;

const metadataSchema = z.object({
  formatVersion: z.literal(SASREC_METADATA_FORMAT_VERSION),
  modelId: z.literal('sasrec'),
  modelVersion: z.string().min(1),
  trainingDataSha256: z.string().regex(/^[0-9a-f]{64}$/),
  spaceId: z.string().min(1),
  dimension: z.number().int().positive(),
  maxLength: z.number().int().positive(),
  input: z.object({ name: z.string().min(1) }),
  output: z.object({ name: z.string().min(1) }),
  hyperParameters: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.unknown()),
});

export type SasrecMetadata = z.infer<typeof metadataSchema>;

export interface SasrecArtifact {
  dir: string;
  modelPath: string;
  metadata: SasrecMetadata;
}

/** Why an artifact cannot be used: missing (no folder or files) or invalid (unreadable metadata). */
export class SasrecArtifactError extends Error {
  constructor(
    readonly reason: 'missing' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'SasrecArtifactError';
  }
}

/**
 * Returns `<package root>/models/artifacts`, where the committed default artifacts live. The root is
 * found by walking up to package.json, so the path is the same from the TypeScript sources and from
 * the compiled dist/ tree.
 */
export function defaultModelsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve('models', 'artifacts');
    dir = parent;
  }
  return join(dir, 'models', 'artifacts');
}

/** Reads and validates `<modelsDir>/sasrec/`; throws SasrecArtifactError when missing or invalid. */
export function readSasrecArtifact(modelsDir: string): SasrecArtifact {
  const dir = join(modelsDir, SASREC_ARTIFACT_DIR);
  const modelPath = join(dir, SASREC_MODEL_FILE);
  const metadataPath = join(dir, SASREC_METADATA_FILE);
  for (const path of [modelPath, metadataPath]) {
    if (!existsSync(path))
      throw new SasrecArtifactError('missing', `No SASRec artifact: ${path} is missing.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(metadataPath, 'utf8'));
  } catch (error) {
    throw new SasrecArtifactError(
      'invalid',
      `${metadataPath} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const result = metadataSchema.safeParse(parsed);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new SasrecArtifactError('invalid', `${metadataPath} is invalid (${problems.join('; ')}).`);
  }
  return { dir, modelPath, metadata: result.data };
}

/**
 * Compares the artifact's embedding space with the index's. Returns null when they match, otherwise
 * a message saying what differs and how to fix it. A model trained in another space reads vectors
 * whose axes mean something else, so its output would be noise even when the dimensions agree.
 */
export function spaceMismatch(
  artifact: SasrecArtifact,
  index: { spaceId: string; dimension: number },
): string | null {
  const { spaceId, dimension } = artifact.metadata;
  if (spaceId === index.spaceId && dimension === index.dimension) return null;
  return (
    `The SASRec model in ${artifact.dir} was trained in embedding space ${spaceId} (${dimension}-d), ` +
    `but the index is space ${index.spaceId} (${index.dimension}-d). Retrain it on this index ` +
    '(`exitbot export training-data`, then `python -m sasrec.train_patents`; see models/README.md), ' +
    'or rebuild the index from the data the model was trained on.'
  );
}
