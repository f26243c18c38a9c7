import { sql } from 'kysely';
import { ExitError, isExitError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../data/store/connect.js';
import type { RecommendRequest, RecommendResult } from '../engine/types.js';
import type { EngineCallOptions, EngineClient } from './engine-client.js';
import { Readiness, type ReadinessStatus } from './readiness.js';
import { ThreadStore } from './thread-store.js';

/** Result threads untouched for this long are deleted once the store opens. */
const THREAD_RETENTION_DAYS = 90;

export interface BotServicesOptions {
  /** Opens the data store and brings its schema up to date; called again after each failure. */
  openStore: () => Promise<Store>;
  /** Opens the engine over the open store; called again after each failure. */
  openEngine: (store: Store) => Promise<EngineClient>;
  /** Describes the opened engine's index and models for the readiness details (no secrets). */
  describeEngine?: () => { index: string; models: string };
  logger: Logger;
  /** Delay before the first retry in milliseconds; each further retry waits twice as long. */
  initialRetryDelayMs?: number;
  /** Cap on the delay between retries in milliseconds. */
  maxRetryDelayMs?: number;
  /** Milliseconds between database checks once started; 0 turns the checks off. */
  healthCheckIntervalMs?: number;
}

/**
 * The store, thread state and engine of a chat bot, opened in the background so that the bot
 * connects to its chat platform even while the database is down. Opening is retried with capped
 * exponential backoff, and each attempt is logged. Until the parts are open, `engine` and
 * `threads` raise the error from `readiness.unavailableError()`, which the bot turns into its
 * "try again shortly" reply. Once open, they serve requests with no restart.
 */
export class BotServices {
  readonly readiness = new Readiness();
  readonly engine: EngineClient;
  readonly threads: ThreadStore;
  private store: Store | null = null;
  private openedEngine: EngineClient | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private wakeRetry: (() => void) | null = null;
  private started: Promise<void> | null = null;
  private readonly initialRetryDelayMs: number;
  private readonly maxRetryDelayMs: number;

  constructor(private readonly options: BotServicesOptions) {
    this.initialRetryDelayMs = options.initialRetryDelayMs ?? 1000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
    this.threads = new ThreadStore(() => this.requireStore().db, options.logger);
    this.engine = {
      recommend: (request, callOptions) => this.recommend(request, callOptions),
      close: () => this.close(),
    };
  }

  /**
   * Starts opening the store and the engine in the background. The returned promise resolves once
   * both are open, when `close()` is called first, or when CONFIG_INVALID stops the retries. It
   * never rejects.
   */
  start(): Promise<void> {
    this.started ??= this.openWithRetries();
    return this.started;
  }

  /**
   * Stops retrying and the health checks, and closes the engine client and the store. It does not
   * wait for an attempt in progress: a store or engine that opens after this is closed at once.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.wakeRetry?.();
    const engine = this.openedEngine;
    const store = this.store;
    this.openedEngine = null;
    this.store = null;
    await engine?.close();
    await store?.close();
  }

  private requireStore(): Store {
    if (this.store) return this.store;
    throw (
      this.readiness.unavailableError() ??
      new ExitError('DATA_STORE_UNAVAILABLE', 'The data store is closed.')
    );
  }

  private requireEngine(): EngineClient {
    if (this.openedEngine) return this.openedEngine;
    throw this.readiness.unavailableError() ?? new ExitError('ENGINE_UNAVAILABLE', 'The engine is closed.');
  }

  private async recommend(
    request: RecommendRequest,
    callOptions?: EngineCallOptions,
  ): Promise<RecommendResult> {
    const engine = this.requireEngine();
    try {
      const result = await engine.recommend(request, callOptions);
      this.markDatabase(true);
      return result;
    } catch (error) {
      if (isExitError(error) && error.code === 'DATA_STORE_UNAVAILABLE') this.markDatabase(false, error);
      throw error;
    }
  }

  private async openWithRetries(): Promise<void> {
    const { logger } = this.options;
    let attempt = 0;
    while (!this.closed) {
      attempt++;
      try {
        await this.openOnce();
        if (this.closed) return;
        logger.info({ attempt }, 'Chat bot services ready');
        this.startHealthChecks();
        return;
      } catch (error) {
        if (this.closed) return;
        const delayMs = Math.min(this.maxRetryDelayMs, this.initialRetryDelayMs * 2 ** (attempt - 1));
        const failed = this.store ? 'engine' : 'data store';
        if (isExitError(error) && error.code === 'CONFIG_INVALID') {
          logger.error(
            { err: error, attempt },
            `Opening the ${failed} failed on invalid configuration; not retrying until restarted`,
          );
          return;
        }
        logger.warn(
          { err: error, code: isExitError(error) ? error.code : undefined, attempt, retryInMs: delayMs },
          `Opening the ${failed} failed; retrying`,
        );
        await this.sleep(delayMs);
      }
    }
  }

  private async openOnce(): Promise<void> {
    if (!this.store) {
      await this.openStoreOnce();
      if (this.closed) return;
    }
    await this.openEngineOnce();
  }

  private async openStoreOnce(): Promise<void> {
    this.readiness.set('database', 'starting', 'connecting');
    let store: Store;
    try {
      store = await this.options.openStore();
    } catch (error) {
      this.readiness.set('database', 'failed', describeError(error), error);
      throw error;
    }
    if (this.closed) {
      await store.close();
      return;
    }
    this.store = store;
    this.readiness.set('database', 'ok', store.location);
    await this.pruneThreads();
  }

  private async openEngineOnce(): Promise<void> {
    this.readiness.set('index', 'starting', 'loading the search index');
    this.readiness.set('models', 'starting', 'loading the models');
    let engine: EngineClient;
    try {
      engine = await this.options.openEngine(this.requireStore());
    } catch (error) {
      const detail = describeError(error);
      // A database lost while the engine loads shows on the database, not on the index.
      if (isExitError(error) && error.code === 'DATA_STORE_UNAVAILABLE') this.markDatabase(false, error);
      this.readiness.set('index', 'failed', detail, error);
      this.readiness.set('models', 'failed', detail, error);
      throw error;
    }
    if (this.closed) {
      await engine.close();
      return;
    }
    this.openedEngine = engine;
    const description = this.options.describeEngine?.() ?? { index: 'loaded', models: 'loaded' };
    this.readiness.set('index', 'ok', description.index);
    this.readiness.set('models', 'ok', description.models);
  }

  private async pruneThreads(): Promise<void> {
    const { logger } = this.options;
    try {
      const pruned = await this.threads.prune(new Date(Date.now() - THREAD_RETENTION_DAYS * 86_400_000));
      if (pruned > 0)
        logger.info({ pruned, retentionDays: THREAD_RETENTION_DAYS }, 'Deleted old result threads');
    } catch (error) {
      logger.warn({ err: error }, 'Deleting old result threads failed; keeping them until the next start');
    }
  }

  private startHealthChecks(): void {
    const interval = this.options.healthCheckIntervalMs ?? 15_000;
    if (interval <= 0 || this.closed) return;
    this.healthTimer = setInterval(() => {
      void this.checkDatabase();
    }, interval);
    this.healthTimer.unref();
  }

  /** Runs `SELECT 1` and records whether the database responded. */
  private async checkDatabase(): Promise<void> {
    const store = this.store;
    if (!store || this.closed) return;
    try {
      await sql`SELECT 1`.execute(store.db);
      this.markDatabase(true);
    } catch (error) {
      this.markDatabase(false, error);
    }
  }

  /**
   * Checks the database now and returns each component's state and detail, in the shape the
   * health server's readiness source returns.
   */
  async report(): Promise<ReadinessStatus['components']> {
    await this.checkDatabase();
    return this.readiness.status().components;
  }

  private markDatabase(reachable: boolean, error?: unknown): void {
    const current = this.readiness.get('database');
    if (reachable) {
      if (current.state !== 'ok' && this.store) {
        this.readiness.set('database', 'ok', this.store.location);
        this.options.logger.info({ store: this.store.location }, 'Data store reachable again');
      }
      return;
    }
    if (current.state !== 'failed')
      this.options.logger.warn({ err: error }, 'Data store unreachable; requests get the unavailable reply');
    this.readiness.set('database', 'failed', describeError(error), error);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeRetry = () => {
        if (this.retryTimer) clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.wakeRetry = null;
        resolve();
      };
      this.retryTimer = setTimeout(() => this.wakeRetry?.(), ms);
    });
  }
}

function describeError(error: unknown): string {
  if (isExitError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
