import type { Kysely } from 'kysely';
import { bumpDataVersion } from '../store/data-version.js';
import type { Database } from '../store/tables.js';
import { FileTally, type TallySnapshot } from './report.js';
import type { CompanyMerge, RunChanges } from './types.js';

/**
 * Checkpoints of files imported in chunks, in the import_checkpoints table. A checkpoint is written
 * in the same transaction as the chunk it describes, so the store never holds rows past its
 * checkpoint or a checkpoint past its rows.
 */

/** What a checkpoint restores: rows to skip, the counts so far and the ids changed so far. */
export interface Checkpoint {
  rowsRead: number;
  tally: FileTally;
  changes: RunChanges;
}

interface StoredChanges {
  /** Sorted, inclusive [first, last] ranges: new patents of one file mostly have consecutive ids. */
  patentIds: [number, number][];
  profileCompanyIds: [number, number][];
  merges: CompanyMerge[];
}

/** Encodes a set of ids as sorted inclusive ranges. */
export function toRanges(ids: Iterable<number>): [number, number][] {
  const sorted = Float64Array.from(ids).sort();
  const ranges: [number, number][] = [];
  for (const id of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && id === last[1] + 1) last[1] = id;
    else if (!last || id > last[1]) ranges.push([id, id]);
  }
  return ranges;
}

/** Decodes ranges written by toRanges into a set. */
export function fromRanges(ranges: readonly [number, number][]): Set<number> {
  const ids = new Set<number>();
  for (const [first, last] of ranges) for (let id = first; id <= last; id++) ids.add(id);
  return ids;
}

/** Reads the checkpoint of a file's content and format, or null when the file has none. */
export async function readCheckpoint(
  db: Kysely<Database>,
  sha256: string,
  format: string,
): Promise<Checkpoint | null> {
  const row = await db
    .selectFrom('import_checkpoints')
    .selectAll()
    .where('sha256', '=', sha256)
    .where('format', '=', format)
    .executeTakeFirst();
  if (!row) return null;
  const changes = JSON.parse(row.changes_json) as StoredChanges;
  return {
    rowsRead: row.rows_read,
    tally: FileTally.fromSnapshot(JSON.parse(row.tally_json) as TallySnapshot),
    changes: {
      patentIds: fromRanges(changes.patentIds),
      profileCompanyIds: fromRanges(changes.profileCompanyIds),
      merges: changes.merges,
    },
  };
}

/**
 * Deletes checkpoints left by other contents of the same file name: the file changed since an
 * interrupted import, so its committed rows stay (each row is an upsert) but the new content is
 * read from its first row.
 */
export async function dropStaleCheckpoints(
  db: Kysely<Database>,
  fileName: string,
  sha256: string,
): Promise<number> {
  const result = await db
    .deleteFrom('import_checkpoints')
    .where('file_name', '=', fileName)
    .where('sha256', '!=', sha256)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Inserts or replaces the checkpoint of a file after a chunk, and increments the data version. Call
 * it inside the transaction that commits the chunk.
 */
export async function writeCheckpoint(
  db: Kysely<Database>,
  key: { sha256: string; format: string; fileName: string },
  tally: FileTally,
  changes: RunChanges,
): Promise<void> {
  const stored: StoredChanges = {
    patentIds: toRanges(changes.patentIds),
    profileCompanyIds: toRanges(changes.profileCompanyIds),
    merges: changes.merges,
  };
  const values = {
    rows_read: tally.rowsRead,
    tally_json: JSON.stringify(tally.snapshot()),
    changes_json: JSON.stringify(stored),
    updated_at: new Date().toISOString(),
  };
  await deleteCheckpoint(db, key.sha256, key.format);
  await bumpDataVersion(db);
  await db
    .insertInto('import_checkpoints')
    .values({ sha256: key.sha256, format: key.format, file_name: key.fileName, ...values })
    .execute();
}

export async function deleteCheckpoint(db: Kysely<Database>, sha256: string, format: string): Promise<void> {
  await db
    .deleteFrom('import_checkpoints')
    .where('sha256', '=', sha256)
    .where('format', '=', format)
    .execute();
}
