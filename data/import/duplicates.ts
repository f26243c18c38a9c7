import { hash } from 'node:crypto';
import type { ImportContext } from './types.js';

/**
 * Duplicate keys inside one file. Two rows of a file that give one key different values would
 * overwrite each other on every run, so a re-run would report them updated forever (and re-embed a
 * changed profile each time). So the first row of the file wins. A later row with other values for
 * the same key is rejected, and a later row with the same values is counted unchanged as before.
 *
 * NOTE: a large file resumed after an interruption starts with an empty ledger, so a conflict
 * between rows on both sides of its checkpoint is not detected.
 */

/** The rejection reason shared by every format, so reports group these rows together. */
export const DUPLICATE_KEY_REASON = 'duplicate key with other values than an earlier row of this file';

/**
 * Returns the first 96 bits of the text's SHA-1 as a 12-character string. The ledger keeps keys and
 * values as such digests: a million statement keys took about 134 MB of heap this way and about
 * 280 MB as plain key texts (Node 20, measured once). A false match at 96 bits is out of reach.
 */
function digestOf(text: string): string {
  // 'binary' is Latin-1: one character per byte, and V8 copies a 12-character slice into a flat string.
  return hash('sha1', text, 'binary').slice(0, 12);
}

export class KeyLedger {
  private readonly first = new Map<string, { line: number; digest: string }>();

  /** Returns the line of an earlier row that set `key` to other values, or null when there is none. */
  conflict(key: string, values: unknown): number | null {
    const earlier = this.first.get(digestOf(key));
    if (!earlier || earlier.digest === digestOf(JSON.stringify(values))) return null;
    return earlier.line;
  }

  /** Records that the row on `line` set `key` to `values`, unless an earlier row already set it. */
  record(key: string, values: unknown, line: number): void {
    const keyDigest = digestOf(key);
    if (!this.first.has(keyDigest)) {
      this.first.set(keyDigest, { line, digest: digestOf(JSON.stringify(values)) });
    }
  }

  /**
   * Records the row's values for `key` and returns null, or returns the line of an earlier row that
   * set other values (and records nothing).
   */
  claim(key: string, values: unknown, line: number): number | null {
    const earlier = this.conflict(key, values);
    if (earlier === null) this.record(key, values, line);
    return earlier;
  }
}

/** Returns the file's ledger, creating it in the per-file state on first use. */
export function keyLedger(context: ImportContext): KeyLedger {
  let ledger = context.state.get('key_ledger') as KeyLedger | undefined;
  if (!ledger) {
    ledger = new KeyLedger();
    context.state.set('key_ledger', ledger);
  }
  return ledger;
}

/** Builds the example shown with a duplicate-key rejection: what the key names and its first line. */
export function duplicateExample(label: string, firstLine: number): string {
  return `${label}, first given on line ${firstLine}`;
}
