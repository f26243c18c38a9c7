import { createHash } from 'node:crypto';
import type { ImportContext } from './types.js';

/**
 * Duplicate keys inside one file. Two rows of a file that give one key different values would
 * overwrite each other on every run, so a re-run would report them updated forever (and re-embed a
 * changed profile each time). The first row of the file wins; a later row with other values for the
 * same key is rejected, and a later row with the same values is counted unchanged as before.
 *
 * NOTE: a large file resumed after an interruption starts with an empty ledger, so a conflict
 * between rows on both sides of its checkpoint is not detected.
 */

/** The rejection reason shared by every format, so reports group these rows together. */
export const DUPLICATE_KEY_REASON = 'duplicate key with other values than an earlier row of this file';

/** Values up to this length are kept as they are; longer ones (profile texts) as a SHA-1 digest. */
const INLINE_LIMIT = 64;

function digestOf(values: unknown): string {
  const text = JSON.stringify(values);
  return text.length <= INLINE_LIMIT ? text : createHash('sha1').update(text).digest('base64');
}

export class KeyLedger {
  private readonly first = new Map<string, { line: number; digest: string }>();

  /** Returns the line of an earlier row that set `key` to other values, or null when there is none. */
  conflict(key: string, values: unknown): number | null {
    const earlier = this.first.get(key);
    if (!earlier || earlier.digest === digestOf(values)) return null;
    return earlier.line;
  }

  /** Records that the row on `line` set `key` to `values`, unless an earlier row already set it. */
  record(key: string, values: unknown, line: number): void {
    if (!this.first.has(key)) this.first.set(key, { line, digest: digestOf(values) });
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

/** The file's ledger, kept in the per-file state. */
export function keyLedger(context: ImportContext): KeyLedger {
  let ledger = context.state.get('key_ledger') as KeyLedger | undefined;
  if (!ledger) {
    ledger = new KeyLedger();
    context.state.set('key_ledger', ledger);
  }
  return ledger;
}

/** The example shown with a duplicate-key rejection: what the key names and where it was first set. */
export function duplicateExample(label: string, firstLine: number): string {
  return `${label}, first given on line ${firstLine}`;
}
