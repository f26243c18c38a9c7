import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type ExitError, isExitError } from '../../../core/errors.js';
import { StoreErrorDialect, toStoreError } from '../../../data/store/store-errors.js';

function withCode(code: string, message = `failure ${code}`, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('toStoreError', () => {
  it.each([
    ['ECONNREFUSED', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:3307')],
    [
      'PROTOCOL_CONNECTION_LOST',
      withCode('PROTOCOL_CONNECTION_LOST', 'Connection lost: The server closed the connection.'),
    ],
    ['ETIMEDOUT', withCode('ETIMEDOUT', 'connect ETIMEDOUT')],
    ['ER_CON_COUNT_ERROR', withCode('ER_CON_COUNT_ERROR', 'Too many connections')],
    ['SQLITE_BUSY', withCode('SQLITE_BUSY', 'database is locked')],
    ['SQLITE_CANTOPEN', withCode('SQLITE_CANTOPEN', 'unable to open database file')],
    ['SQLITE_IOERR_WRITE', withCode('SQLITE_IOERR_WRITE', 'disk I/O error')],
    ['a fatal mysql2 error', withCode('ER_UNKNOWN', 'whatever', { fatal: true })],
    ['a closed pool', new Error('Pool is closed.')],
  ])('maps %s to DATA_STORE_UNAVAILABLE', (_name, error) => {
    const mapped = toStoreError(error, 'mysql://exit:***@db.internal:3306/exit');
    expect(isExitError(mapped)).toBe(true);
    if (!isExitError(mapped)) return;
    expect(mapped.code).toBe('DATA_STORE_UNAVAILABLE');
    expect(mapped.message).toContain('db.internal:3306');
    expect(mapped.message).toContain(error.message);
    expect(mapped.cause).toBe(error);
  });

  it.each([
    ['a duplicate key', withCode('ER_DUP_ENTRY', "Duplicate entry '1' for key 'PRIMARY'")],
    ['a syntax error', withCode('ER_PARSE_ERROR', 'You have an error in your SQL syntax')],
    ['a constraint failure', withCode('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed')],
    ['a plain error', new Error('no such column: x')],
  ])('passes %s through unchanged', (_name, error) => {
    expect(toStoreError(error, 'sqlite:/tmp/x.db')).toBe(error);
  });
});

describe('StoreErrorDialect on SQLite', () => {
  let dir: string | null = null;

  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('raises DATA_STORE_UNAVAILABLE for a locked database and keeps query errors', async () => {
    dir = mkdtempSync(join(tmpdir(), 'exit-store-errors-'));
    const file = join(dir, 'locked.db');
    const database = new BetterSqlite3(file);
    database.pragma('busy_timeout = 0');
    database.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const db = new Kysely<{ t: { id: number } }>({
      dialect: new StoreErrorDialect(new SqliteDialect({ database }), `sqlite:${file}`),
    });

    const locker = new BetterSqlite3(file);
    locker.exec('BEGIN EXCLUSIVE');
    try {
      const locked = await db
        .insertInto('t')
        .values({ id: 1 })
        .execute()
        .catch((error: unknown) => error);
      expect(isExitError(locked)).toBe(true);
      expect((locked as ExitError).code).toBe('DATA_STORE_UNAVAILABLE');
      expect((locked as Error).message).toContain('SQLITE_BUSY');
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }

    await db.insertInto('t').values({ id: 1 }).execute();
    const duplicate = await db
      .insertInto('t')
      .values({ id: 1 })
      .execute()
      .catch((error: unknown) => error);
    expect(isExitError(duplicate)).toBe(false);
    expect((duplicate as { code?: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');

    database.close();
    const closed = await sql`SELECT 1`.execute(db).catch((error: unknown) => error);
    expect(isExitError(closed)).toBe(true);
    expect((closed as ExitError).code).toBe('DATA_STORE_UNAVAILABLE');
  });
});
