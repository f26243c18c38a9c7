import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { ExitError, isExitError } from '../../core/errors.js';

/**
 * Maps connection-level failures of the database drivers to DATA_STORE_UNAVAILABLE, so callers see
 * one error code whether MySQL is down, the network dropped or SQLite cannot open its file. Query
 * errors (syntax, constraint violations) pass through unchanged.
 */

/** Node.js socket errors and mysql2 protocol errors that mean the server cannot be reached. */
const MYSQL_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
]);

/** better-sqlite3 result codes (SqliteError.code) for a database that is locked, gone or unwritable. */
const SQLITE_UNAVAILABLE_CODE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|NOTADB|CORRUPT)/;

/** Messages of errors that carry no code: a closed mysql2 pool or connection, a destroyed Kysely driver, a closed SQLite handle. */
const CLOSED_MESSAGES = [
  'Pool is closed',
  "Can't add new command when connection is in closed state",
  'driver has already been destroyed',
  'The database connection is not open',
];

function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** True when the error means the data store cannot be reached or used at all, rather than that one query failed. */
export function isConnectionFailure(error: unknown): boolean {
  if (isExitError(error)) return error.code === 'DATA_STORE_UNAVAILABLE';
  const code = errorCode(error);
  if (code && (MYSQL_CONNECTION_CODES.has(code) || SQLITE_UNAVAILABLE_CODE.test(code))) return true;
  // mysql2 marks every error after which the connection is unusable as fatal.
  if ((error as { fatal?: unknown } | null)?.fatal === true) return true;
  const message = error instanceof Error ? error.message : '';
  return CLOSED_MESSAGES.some((closed) => message.includes(closed));
}

/**
 * Returns DATA_STORE_UNAVAILABLE for a connection-level failure, with the driver's code and the
 * store's location (never its password) in the message and details, or the error itself otherwise.
 */
export function toStoreError(error: unknown, location: string): unknown {
  if (isExitError(error) || !isConnectionFailure(error)) return error;
  const code = errorCode(error) ?? 'closed';
  const reason = error instanceof Error ? error.message : String(error);
  return new ExitError(
    'DATA_STORE_UNAVAILABLE',
    `The data store ${location} is unavailable (${code}: ${reason}).`,
    { store: location, cause: code },
    { cause: error },
  );
}

class MappedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly map: (error: unknown) => unknown,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(compiledQuery);
    } catch (error) {
      throw this.map(error);
    }
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize?: number,
  ): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(compiledQuery, chunkSize);
    } catch (error) {
      throw this.map(error);
    }
  }
}

/** Passes every call to the dialect's driver, unwrapping connections going in and mapping errors coming out. */
class MappedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly map: (error: unknown) => unknown,
  ) {}

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw this.map(error);
    }
  }

  init(): Promise<void> {
    return this.call(() => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.call(() => this.inner.acquireConnection());
    return new MappedConnection(connection, this.map);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.call(() => this.inner.beginTransaction(unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.call(() => this.inner.commitTransaction(unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.call(() => this.inner.rollbackTransaction(unwrap(connection)));
  }

  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.callSavepoint('savepoint', connection, name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.callSavepoint('rollbackToSavepoint', connection, name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.callSavepoint('releaseSavepoint', connection, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  private callSavepoint(
    method: 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint',
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.call(async () => {
      const operation = this.inner[method];
      if (!operation) throw new Error(`The database driver does not support ${method}`);
      await operation.call(this.inner, unwrap(connection), name, compile);
    });
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof MappedConnection ? connection.inner : connection;
}

/**
 * Wraps a Kysely dialect so that connection-level failures of every query, transaction and
 * connection checkout surface as DATA_STORE_UNAVAILABLE naming `location`.
 */
export class StoreErrorDialect implements Dialect {
  constructor(
    private readonly inner: Dialect,
    private readonly location: string,
  ) {}

  createDriver(): Driver {
    return new MappedDriver(this.inner.createDriver(), (error) => toStoreError(error, this.location));
  }

  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return this.inner.createAdapter();
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's Dialect interface declares Kysely<any>.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return this.inner.createIntrospector(db);
  }
}
