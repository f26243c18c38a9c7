import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Chat thread state: one row per result thread, so follow-up questions and button clicks are
 * answered from the stored result after a restart. The result JSON can pass MySQL's 64 KiB `text`
 * limit with 50 partners and their evidence, so it is `mediumtext` (16 MiB); SQLite gives any type
 * containing TEXT text affinity.
 */
export const botThreads: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('bot_threads')
      .addColumn('platform', 'varchar(20)', (col) => col.notNull())
      .addColumn('channel_id', 'varchar(64)', (col) => col.notNull())
      .addColumn('thread_id', 'varchar(64)', (col) => col.notNull())
      .addColumn('user_id', 'varchar(64)', (col) => col.notNull())
      .addColumn('request_json', 'text', (col) => col.notNull())
      .addColumn('result_json', sql`mediumtext`, (col) => col.notNull())
      .addColumn('display_count', 'integer', (col) => col.notNull())
      .addColumn('shown_count', 'integer', (col) => col.notNull())
      .addColumn('excluded_ids', 'text', (col) => col.notNull())
      .addColumn('created_at', 'varchar(30)', (col) => col.notNull())
      .addColumn('updated_at', 'varchar(30)', (col) => col.notNull())
      .addPrimaryKeyConstraint('bot_threads_pk', ['platform', 'channel_id', 'thread_id'])
      .execute();
    await db.schema.createIndex('bot_threads_updated_at').on('bot_threads').column('updated_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('bot_threads').execute();
  },
};
