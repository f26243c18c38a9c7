import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The real Korean data, read in place beside the clone and never copied into the repository. */
export const REAL_DATA_DIR = resolve(REPO_ROOT, '../shared/data/real');

/** Why tests on the real data are skipped, or null when the folder is there. */
export const realDataSkipReason: string | null = existsSync(REAL_DATA_DIR)
  ? null
  : `Real-data tests skipped: ${REAL_DATA_DIR} is absent (it sits beside the clone in CI).`;
if (realDataSkipReason) console.warn(realDataSkipReason);
