import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Checkpoints of large files imported in chunks: one row per file content (sha256) and format while
 * the file is part-way imported, deleted in the transaction that commits its last chunk. The JSON
 * columns can pass MySQL's 64 KiB `text` limit when a run changes many non-contiguous patent ids,
 * so they are `mediumtext` (16 MiB).
 */
export const importCheckpoints: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('import_checkpoints')
      .addColumn('sha256', 'varchar(64)', (col) => col.notNull())
      .addColumn('format', 'varchar(60)', (col) => col.notNull())
      .addColumn('file_name', 'varchar(500)', (col) => col.notNull())
      .addColumn('rows_read', 'integer', (col) => col.notNull())
      .addColumn('tally_json', sql`mediumtext`, (col) => col.notNull())
      .addColumn('changes_json', sql`mediumtext`, (col) => col.notNull())
      .addColumn('updated_at', 'varchar(30)', (col) => col.notNull())
      .addPrimaryKeyConstraint('import_checkpoints_pk', ['sha256', 'format'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('import_checkpoints').execute();
  },
};
