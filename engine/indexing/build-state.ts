import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Progress of an index build, kept in its staging folder so that a build interrupted part-way
 * (killed, out of disk) continues where it stopped instead of starting over. A build resumes only
 * when its inputs match the recorded ones; otherwise the staging folder is wiped.
 */

export const BUILD_STATE_FILE = 'build-state.json';
const BUILD_STATE_VERSION = 1;

/** Inputs of a build: a resumed build must see the same store, settings and exclusions. */
export interface BuildKey {
  store: string;
  dimension: number;
  seed: number;
  fitSampleSize: number;
  summarize: 'all' | 'missing';
  patentCount: number;
  maxPatentId: number;
  /** SHA-256 of the sorted excluded patent ids, or '' when none are excluded. */
  excludedHash: string;
  /** The reused embedder folder, or '' when the build fits its own. */
  embedderDir: string;
  /** The chosen embedder and summariser (EmbedderChoice and SummarizerChoice as JSON). */
  textModels: string;
}

export type BuildStage = 'summarise' | 'fit' | 'embed' | 'profiles';

export interface BuildState {
  version: number;
  key: BuildKey;
  stage: BuildStage;
  /** Patents up to this id have their summaries written. */
  summarizedThroughId: number;
  /** Patents up to this id are in the patent index saved in the staging folder. */
  embeddedThroughId: number;
  updatedAt: string;
}

/** Hashes excluded patent ids so that the key stays small for large exclusions. */
export function hashIds(ids: ReadonlySet<number> | undefined): string {
  if (!ids || ids.size === 0) return '';
  const sorted = Float64Array.from(ids).sort();
  return createHash('sha256').update(Buffer.from(sorted.buffer)).digest('hex');
}

export function newBuildState(key: BuildKey): BuildState {
  return {
    version: BUILD_STATE_VERSION,
    key,
    stage: 'summarise',
    summarizedThroughId: 0,
    embeddedThroughId: 0,
    updatedAt: new Date().toISOString(),
  };
}

/** Reads the state in a staging folder when it matches `key`; null when absent, unreadable or stale. */
export function readBuildState(staging: string, key: BuildKey): BuildState | null {
  const path = join(staging, BUILD_STATE_FILE);
  if (!existsSync(path)) return null;
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as BuildState;
    if (state.version !== BUILD_STATE_VERSION) return null;
    return JSON.stringify(state.key) === JSON.stringify(key) ? state : null;
  } catch {
    return null;
  }
}

/** Writes the state to a temporary file and renames it into place, so a kill leaves the old or the new state. */
export function writeBuildState(staging: string, state: BuildState): void {
  const path = join(staging, BUILD_STATE_FILE);
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2)}\n`);
  renameSync(temporary, path);
}

export function removeBuildState(staging: string): void {
  rmSync(join(staging, BUILD_STATE_FILE), { force: true });
}
