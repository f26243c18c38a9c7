import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, MysqlDialect, SqliteDialect, sql } from 'kysely';
import { createPool } from 'mysql2';
import { ExitError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { migrateToLatest } from './migrations.js';
import { StoreErrorDialect } from './store-errors.js';
import type { Database } from './tables.js';

export type Backend = 'sqlite' | 'mysql';

/** An open data store: the query builder plus which backend it talks to. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly backend: Backend;
  /** A description of the location without credentials, for logs and messages. */
  readonly location: string;
  close(): Promise<void>;
}

/** Removes the password from a mysql:// URL so it can be logged. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^(mysql:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

/** Builds the error for a SQLite path that cannot be opened: a folder, not a database, or read-only. */
function sqliteUnavailable(file: string, error: unknown): ExitError {
  return new ExitError(
    'DATA_STORE_UNAVAILABLE',
    `Cannot open the SQLite database ${file}: ${(error as Error).message}. ` +
      'Set EXIT_DATABASE_URL to sqlite:<path> of a database file (or a new one) in a writable folder.',
    {},
    { cause: error },
  );
}

function openSqlite(path: string): Store {
  const file = path === ':memory:' ? path : resolve(path);
  let database: BetterSqlite3.Database | undefined;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    database = new BetterSqlite3(file);
    // WAL lets readers (the bot) run while an import writes; foreign keys are off by default in SQLite.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    database?.close();
    throw sqliteUnavailable(file, error);
  }
  const location = `sqlite:${file}`;
  const db = new Kysely<Database>({
    dialect: new StoreErrorDialect(new SqliteDialect({ database }), location),
  });
  return { db, backend: 'sqlite', location, close: () => db.destroy() };
}

async function openMysql(url: string): Promise<Store> {
  let pool: ReturnType<typeof createPool>;
  try {
    pool = createPool({
      uri: url,
      charset: 'utf8mb4',
      // DECIMAL and BIGINT come back as JS numbers (exact below 2^53, enough for KRW amounts here).
      decimalNumbers: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      connectionLimit: 8,
      dateStrings: true,
    });
  } catch (error) {
    // mysql2 parses the URL here: a port above 65535 or a malformed host fails with "Invalid URL".
    throw new ExitError(
      'CONFIG_INVALID',
      `EXIT_DATABASE_URL ${redactDatabaseUrl(url)} is invalid (${(error as Error).message}): ` +
        'expected mysql://user:password@host:port/database.',
      {},
      { cause: error },
    );
  }
  const location = redactDatabaseUrl(url);
  const db = new Kysely<Database>({ dialect: new StoreErrorDialect(new MysqlDialect({ pool }), location) });
  try {
    // Korean text needs utf8mb4; tables created later inherit the database default.
    await sql`ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`.execute(db);
  } catch (error) {
    await db.destroy();
    const cause = error instanceof ExitError && error.cause !== undefined ? error.cause : error;
    throw new ExitError(
      'DATA_STORE_UNAVAILABLE',
      `Cannot connect to MySQL at ${location}: ${(cause as Error).message}. ` +
        'Check that the server is running and EXIT_DATABASE_URL is right.',
      { store: location, cause: (cause as { code?: unknown }).code ?? null },
      { cause },
    );
  }
  return { db, backend: 'mysql', location, close: () => db.destroy() };
}

/**
 * Opens the store named by a database URL (`sqlite:<path>` or `mysql://user:password@host:port/db`)
 * and brings its schema up to date.
 */
export async function openStore(databaseUrl: string, logger?: Logger): Promise<Store> {
  let store: Store;
  if (databaseUrl.startsWith('sqlite:')) {
    store = openSqlite(databaseUrl.slice('sqlite:'.length));
  } else if (databaseUrl.startsWith('mysql://')) {
    store = await openMysql(databaseUrl);
  } else {
    throw new ExitError(
      'CONFIG_INVALID',
      'EXIT_DATABASE_URL is invalid: expected sqlite:<path> or mysql://user:password@host:port/database',
    );
  }
  let applied: string[];
  try {
    applied = await migrateToLatest(store.db as unknown as Kysely<unknown>);
  } catch (error) {
    await store.close();
    // A read-only SQLite file or a MySQL user without CREATE rights fails here.
    throw new ExitError(
      'DATA_STORE_UNAVAILABLE',
      `Cannot bring the schema of ${store.location} up to date: ${(error as Error).message}. ` +
        'Check that EXIT_DATABASE_URL names a database EXIT may write to.',
      {},
      { cause: error },
    );
  }
  if (applied.length > 0) logger?.info({ store: store.location, applied }, 'Applied schema migrations');
  return store;
}
