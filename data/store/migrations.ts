import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { initialSchema } from './migrations/001-initial-schema.js';
import { botThreads } from './migrations/002-bot-threads.js';
import { importCheckpoints } from './migrations/003-import-checkpoints.js';
import { dataVersion } from './migrations/004-data-version.js';

/**
 * Schema migrations, written with Kysely's schema builder so the same code creates the SQLite and
 * the MySQL schema. Add a migration as a new file under migrations/ and register it here; names
 * sort in the order they run.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026-12-04-001-initial-schema': initialSchema,
  '2026-12-05-002-bot-threads': botThreads,
  '2026-12-06-003-import-checkpoints': importCheckpoints,
  '2026-12-07-004-data-version': dataVersion,
};
class InlineMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Brings the schema up to date. Throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new InlineMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const name = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`Schema migration failed${name}: ${(error as Error).message ?? String(error)}`, {
      cause: error,
    });
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
