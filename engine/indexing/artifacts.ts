import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitError } from '../../core/errors.js';

/**
 * Where the built index lives and what it records. `exitbot index build` writes a complete new
 * folder beside the old one and renames it into place, so readers never see a half-built index.
 */

export const MANIFEST_FORMAT_VERSION = 1;
export const PATENT_INDEX_NAME = 'patents';
export const PROFILE_INDEX_NAME = 'profiles';
export const EMBEDDER_DIR = 'embedder';

export interface IndexManifest {
  formatVersion: number;
  builtAt: string;
  /** The embedding space every vector in this folder lives in. */
  spaceId: string;
  dimension: number;
  /** `pooling` is set for an ONNX encoder ('onnx-encoder'), whose files are in EMBEDDER_DIR. */
  embedder: { id: string; version: string; pooling?: 'mean' | 'cls' };
  summarizer: { id: string };
  patents: { count: number };
  profiles: { count: number };
  /** The store the index was built from, without credentials. */
  store: string;
}

export function indexDir(dataDir: string): string {
  return join(dataDir, 'index');
}

export function manifestPath(dir: string): string {
  return join(dir, 'manifest.json');
}

/** Reads the manifest, or throws INDEX_MISSING telling the user to build the index. */
export function readManifest(dir: string): IndexManifest {
  const path = manifestPath(dir);
  if (!existsSync(path)) {
    throw new ExitError(
      'INDEX_MISSING',
      `No search index at ${dir} (missing ${path}). Run \`exitbot index build\` after importing data.`,
      { path },
    );
  }
  let manifest: IndexManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as IndexManifest;
  } catch (error) {
    throw new ExitError(
      'INDEX_MISMATCH',
      `The index manifest ${path} is unreadable (${(error as Error).message}). Run \`exitbot index build\`.`,
      { path },
    );
  }
  if (manifest.formatVersion !== MANIFEST_FORMAT_VERSION) {
    throw new ExitError(
      'INDEX_MISMATCH',
      `The index at ${dir} has format version ${manifest.formatVersion}, this EXIT reads version ${MANIFEST_FORMAT_VERSION}. Run \`exitbot index build\`.`,
      { path },
    );
  }
  return manifest;
}

/** Text embedded for a patent: its title and its summary (or abstract when no summary was made). */
export function patentText(patent: {
  title: string;
  summary: string | null;
  abstract?: string | null;
}): string {
  const body = patent.summary ?? patent.abstract ?? '';
  return body ? `${patent.title}. ${body}` : patent.title;
}
