import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

/**
 * The store's data version: a counter in the one-row `data_version` table. The importer increments
 * it in the same transaction as the rows it changes (each file, each committed chunk of a large
 * file, and the derived sectors), so a reader that sees the same version twice saw the same
 * imported data. Writes that bypass the importer (manual SQL) do not change it.
 */

export async function readDataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('data_version').select('version').where('id', '=', 1).executeTakeFirst();
  return row ? Number(row.version) : 0;
}

/** Increments the data version; call it inside the transaction that changes the data. */
export async function bumpDataVersion(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('data_version')
    .set((eb) => ({ version: eb('version', '+', 1), changed_at: new Date().toISOString() }))
    .where('id', '=', 1)
    .execute();
}
