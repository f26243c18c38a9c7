import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { openStore, type Store } from '../../data/store/connect.js';

/**
 * Test stores on both backends. SQLite uses a temporary file. MySQL uses a fresh database on the
 * server named by EXIT_TEST_MYSQL_URL (default: the MariaDB on 127.0.0.1:3306, user root), created
 * per store and dropped on close, so test files never see each other's rows.
 */

export const MYSQL_SERVER_URL = process.env.EXIT_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

async function probeMysql(): Promise<string | null> {
  try {
    const connection = await createConnection({ uri: MYSQL_SERVER_URL, connectTimeout: 3000 });
    await connection.end();
    return null;
  } catch (error) {
    return `MySQL tests skipped: no server at ${MYSQL_SERVER_URL.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message}). Start MariaDB or set EXIT_TEST_MYSQL_URL.`;
  }
}

/** Why the MySQL tests are skipped, or null when a server answers. In CI an absent server is an error. */
export const mysqlSkipReason: string | null = await probeMysql();
if (mysqlSkipReason) {
  if (process.env.CI) throw new Error(`CI requires MySQL: ${mysqlSkipReason}`);
  console.warn(mysqlSkipReason);
}

export interface TestStore extends Store {
  /** Closes the store and deletes its file or database. */
  dispose(): Promise<void>;
}

export async function openSqliteTestStore(): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'exit-test-'));
  const store = await openStore(`sqlite:${join(dir, 'exit.db')}`);
  return {
    ...store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openMysqlTestStore(): Promise<TestStore> {
  const name = `exit_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: MYSQL_SERVER_URL });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(MYSQL_SERVER_URL);
  url.pathname = `/${name}`;
  const store = await openStore(url.toString());
  return {
    ...store,
    dispose: async () => {
      await store.close();
      const cleanup = await createConnection({ uri: MYSQL_SERVER_URL });
      await cleanup.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await cleanup.end();
    },
  };
}

/** The backends every store test runs on: name, opener, and a skip reason when unavailable. */
export const BACKENDS: {
  name: 'sqlite' | 'mysql';
  open: () => Promise<TestStore>;
  skipReason: string | null;
}[] = [
  { name: 'sqlite', open: openSqliteTestStore, skipReason: null },
  { name: 'mysql', open: openMysqlTestStore, skipReason: mysqlSkipReason },
];
