import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ExitError } from '../../core/errors.js';
import {
  computeSpaceId,
  float32FromBytes,
  float32ToBytes,
  TFIDF_SVD_FILES,
  type TfidfSvdModel,
  tfidfSvdMetadataSchema,
} from './tfidf-svd-model.js';
import { Vocabulary } from './vocabulary.js';

const REBUILD_ADVICE = 'Run `exitbot index build` to rebuild it.';

/**
 * Writes the model to `directory`, creating it if needed. Each file is written to a temporary name
 * and renamed into place. The metadata file is deleted first and written last, so a crash part way
 * leaves a directory that fails to load with INDEX_MISSING instead of a mix of old and new files.
 */
export function saveTfidfSvdModel(directory: string, model: TfidfSvdModel): void {
  mkdirSync(directory, { recursive: true });
  const metadataPath = path.join(directory, TFIDF_SVD_FILES.metadata);
  rmSync(metadataPath, { force: true });
  writeAtomically(path.join(directory, TFIDF_SVD_FILES.vocabulary), model.vocabulary.toText());
  writeAtomically(path.join(directory, TFIDF_SVD_FILES.idf), float32ToBytes(model.idf));
  writeAtomically(path.join(directory, TFIDF_SVD_FILES.components), float32ToBytes(model.components));
  writeAtomically(metadataPath, `${JSON.stringify(model.metadata, null, 2)}\n`);
}

function writeAtomically(filePath: string, content: string | Buffer): void {
  const temporaryPath = `${filePath}.tmp-${process.pid}`;
  writeFileSync(temporaryPath, content);
  renameSync(temporaryPath, filePath);
}

/**
 * Reads a model written by `saveTfidfSvdModel`. Throws ExitError('INDEX_MISSING') when a file is
 * missing, and ExitError('INDEX_MISMATCH') when a file is truncated or corrupt, or when the content
 * hash differs from the space id in the metadata. Each message names the file and the fix.
 */
export function loadTfidfSvdModel(directory: string): TfidfSvdModel {
  const metadataPath = path.join(directory, TFIDF_SVD_FILES.metadata);
  const metadataText = readRequiredFile(metadataPath).toString('utf8');
  let metadataJson: unknown;
  try {
    metadataJson = JSON.parse(metadataText);
  } catch (error) {
    throw corruptFile(metadataPath, `it is not valid JSON (${(error as Error).message})`);
  }
  const parsed = tfidfSvdMetadataSchema.safeParse(metadataJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || 'top level'}: ${issue.message}`;
    throw corruptFile(metadataPath, `it is not TF-IDF embedder metadata of format version 1${where}`);
  }
  const metadata = parsed.data;

  const vocabularyPath = path.join(directory, TFIDF_SVD_FILES.vocabulary);
  const vocabularyText = readRequiredFile(vocabularyPath).toString('utf8');
  let vocabulary: Vocabulary;
  try {
    vocabulary = Vocabulary.fromText(vocabularyText);
  } catch (error) {
    throw corruptFile(vocabularyPath, (error as Error).message);
  }
  if (vocabulary.size !== metadata.vocabularySize) {
    throw corruptFile(
      vocabularyPath,
      `it has ${vocabulary.size} entries but the metadata records ${metadata.vocabularySize}`,
    );
  }

  const idfPath = path.join(directory, TFIDF_SVD_FILES.idf);
  const idfBytes = readFloat32File(idfPath, metadata.vocabularySize);
  const componentsPath = path.join(directory, TFIDF_SVD_FILES.components);
  const componentBytes = readFloat32File(componentsPath, metadata.vocabularySize * metadata.dimension);

  const spaceId = computeSpaceId(metadata.dimension, vocabularyText, idfBytes, componentBytes);
  if (spaceId !== metadata.spaceId) {
    throw new ExitError(
      'INDEX_MISMATCH',
      `Embedder files in ${directory} do not match the space id ${metadata.spaceId} recorded in ${metadataPath} ` +
        `(their content hash is ${spaceId}), so one of them is corrupt or was replaced. ${REBUILD_ADVICE}`,
      { directory, expectedSpaceId: metadata.spaceId, actualSpaceId: spaceId },
    );
  }
  return {
    metadata,
    vocabulary,
    idf: float32FromBytes(idfBytes),
    components: float32FromBytes(componentBytes),
  };
}

function readRequiredFile(filePath: string): Buffer {
  if (!existsSync(filePath)) {
    throw new ExitError('INDEX_MISSING', `Embedder file ${filePath} is missing. ${REBUILD_ADVICE}`, {
      file: filePath,
    });
  }
  return readFileSync(filePath);
}

function readFloat32File(filePath: string, valueCount: number): Buffer {
  const bytes = readRequiredFile(filePath);
  if (bytes.length !== valueCount * 4) {
    throw corruptFile(
      filePath,
      `expected ${valueCount * 4} bytes (${valueCount} Float32 values), found ${bytes.length}`,
    );
  }
  return bytes;
}

function corruptFile(filePath: string, reason: string): ExitError {
  return new ExitError(
    'INDEX_MISMATCH',
    `Embedder file ${filePath} is corrupt: ${reason}. ${REBUILD_ADVICE}`,
    {
      file: filePath,
    },
  );
}
