import { type Kysely, type Migration, sql } from 'kysely';

/**
 * A one-row counter that every import increments in the transactions that change data, so that
 * readers can tell cheaply whether the store changed since they last looked (see data-version.ts).
 */
export const dataVersion: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('data_version')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('version', 'bigint', (col) => col.notNull())
      .addColumn('changed_at', 'varchar(30)', (col) => col.notNull())
      .execute();
    await sql`INSERT INTO data_version (id, version, changed_at) VALUES (1, 0, ${new Date().toISOString()})`.execute(
      db,
    );
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('data_version').execute();
  },
};
