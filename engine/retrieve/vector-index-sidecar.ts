import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ExitError } from '../../core/errors.js';

/** Version of the sidecar format and of the file layout written by VectorIndex.save. */
export const VECTOR_INDEX_FORMAT_VERSION = 1;

export const REBUILD_ADVICE = 'Run `exitbot index build` to rebuild it.';

export const vectorIndexSidecarSchema = z.object({
  formatVersion: z.literal(VECTOR_INDEX_FORMAT_VERSION),
  space: z.literal('cosine'),
  /** Space id of the embedder whose vectors the index contains. */
  spaceId: z.string().min(1),
  dimension: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  /** HNSW parameters: maximum links per node (M), candidate list size while building, and seed. */
  m: z.number().int().positive(),
  efConstruction: z.number().int().positive(),
  seed: z.number().int().nonnegative(),
  /** Size in bytes of the .hnsw file, checked on load to detect a truncated or replaced file. */
  indexBytes: z.number().int().positive(),
  builtAt: z.string(),
});

export type VectorIndexSidecar = z.infer<typeof vectorIndexSidecarSchema>;

/** Paths of the index file written by hnswlib and of its JSON sidecar. */
export function vectorIndexPaths(directory: string, name: string): { index: string; sidecar: string } {
  return { index: path.join(directory, `${name}.hnsw`), sidecar: path.join(directory, `${name}.json`) };
}

/** Writes the sidecar to a temporary file and renames it into place. */
export function writeSidecar(sidecarPath: string, sidecar: VectorIndexSidecar): void {
  const temporaryPath = `${sidecarPath}.tmp-${process.pid}`;
  writeFileSync(temporaryPath, `${JSON.stringify(sidecar, null, 2)}\n`);
  renameSync(temporaryPath, sidecarPath);
}

/**
 * Reads and validates a sidecar. Throws ExitError('INDEX_MISSING') when it or the index file is
 * missing, and ExitError('INDEX_MISMATCH') when it is not a valid sidecar.
 */
export function readSidecar(paths: { index: string; sidecar: string }): VectorIndexSidecar {
  for (const filePath of [paths.sidecar, paths.index]) {
    if (!existsSync(filePath)) {
      throw new ExitError('INDEX_MISSING', `Vector index file ${filePath} is missing. ${REBUILD_ADVICE}`, {
        file: filePath,
      });
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(paths.sidecar, 'utf8'));
  } catch (error) {
    throw corruptSidecar(paths.sidecar, `it is not valid JSON (${(error as Error).message})`);
  }
  const parsed = vectorIndexSidecarSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || 'top level'}: ${issue.message}`;
    throw corruptSidecar(paths.sidecar, `it is not a vector index sidecar of format version 1${where}`);
  }
  return parsed.data;
}

function corruptSidecar(filePath: string, reason: string): ExitError {
  return new ExitError(
    'INDEX_MISMATCH',
    `Vector index file ${filePath} is corrupt: ${reason}. ${REBUILD_ADVICE}`,
    {
      file: filePath,
    },
  );
}
