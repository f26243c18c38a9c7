import type { Kysely, Selectable } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../core/logger.js';
import { toStoreError } from '../data/store/store-errors.js';
import type { BotThreadsTable, Database } from '../data/store/tables.js';
import { type ThreadKey, type ThreadState, threadKeyText } from './thread-state.js';

export interface ThreadStoreOptions {
  /** Threads kept in memory in front of the database. */
  cacheSize?: number;
  /**
   * How long a thread that is not ours stays remembered as such, in milliseconds. Every message in
   * every thread of a channel reaches the bot, and this keeps most of them from reaching the database.
   */
  missTtlMs?: number;
}

function rowToState(row: Selectable<BotThreadsTable>): ThreadState {
  return {
    key: { platform: row.platform, channelId: row.channel_id, threadId: row.thread_id },
    userId: row.user_id,
    request: JSON.parse(row.request_json),
    result: JSON.parse(row.result_json),
    displayCount: Number(row.display_count),
    shownCount: Number(row.shown_count),
    excludedIds: JSON.parse(row.excluded_ids),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Thread state in the `bot_threads` table with an LRU cache in front, so follow-ups work after a
 * restart and need no database read while the thread is warm.
 * NOTE: the cache is per process. Run one bot process per database, or a second process may answer
 * from a stale cached page count.
 */
export class ThreadStore {
  private readonly cache: LRUCache<string, ThreadState>;
  private readonly misses: LRUCache<string, true>;
  private readonly database: () => Kysely<Database>;

  /**
   * `db` is the query builder, or a function returning it that throws DATA_STORE_UNAVAILABLE while
   * the store is not open yet. Every method raises DATA_STORE_UNAVAILABLE when the database cannot
   * be reached or is closed.
   */
  constructor(
    db: Kysely<Database> | (() => Kysely<Database>),
    private readonly logger: Logger,
    options: ThreadStoreOptions = {},
  ) {
    this.database = typeof db === 'function' ? db : () => db;
    this.cache = new LRUCache({ max: options.cacheSize ?? 1000 });
    this.misses = new LRUCache({ max: 10_000, ttl: options.missTtlMs ?? 30_000 });
  }

  /** Runs one query; a connection-level failure comes out as DATA_STORE_UNAVAILABLE. */
  private async query<T>(run: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      return await run(this.database());
    } catch (error) {
      throw toStoreError(error, 'the thread store');
    }
  }

  /** Returns the thread's state, or undefined when the thread contains no EXIT result. */
  async get(key: ThreadKey): Promise<ThreadState | undefined> {
    const id = threadKeyText(key);
    const cached = this.cache.get(id);
    if (cached) return cached;
    if (this.misses.has(id)) return undefined;
    const row = await this.query((db) =>
      db
        .selectFrom('bot_threads')
        .selectAll()
        .where('platform', '=', key.platform)
        .where('channel_id', '=', key.channelId)
        .where('thread_id', '=', key.threadId)
        .executeTakeFirst(),
    );
    if (!row) {
      this.misses.set(id, true);
      return undefined;
    }
    try {
      const state = rowToState(row);
      this.cache.set(id, state);
      return state;
    } catch (error) {
      this.logger.error(
        { err: error, thread: id },
        'Stored thread state is not valid JSON; treating the thread as unknown',
      );
      return undefined;
    }
  }

  /** Stores a new thread's state. */
  async create(state: ThreadState): Promise<void> {
    const id = threadKeyText(state.key);
    await this.query((db) =>
      db
        .insertInto('bot_threads')
        .values({
          platform: state.key.platform,
          channel_id: state.key.channelId,
          thread_id: state.key.threadId,
          user_id: state.userId,
          request_json: JSON.stringify(state.request),
          result_json: JSON.stringify(state.result),
          display_count: state.displayCount,
          shown_count: state.shownCount,
          excluded_ids: JSON.stringify(state.excludedIds),
          created_at: state.createdAt,
          updated_at: state.updatedAt,
        })
        .execute(),
    );
    this.misses.delete(id);
    this.cache.set(id, state);
  }

  /** Saves what changes during a conversation: the page count and the excluded partners. */
  async update(state: ThreadState): Promise<ThreadState> {
    const updated = { ...state, updatedAt: new Date().toISOString() };
    await this.query((db) =>
      db
        .updateTable('bot_threads')
        .set({
          shown_count: updated.shownCount,
          excluded_ids: JSON.stringify(updated.excludedIds),
          updated_at: updated.updatedAt,
        })
        .where('platform', '=', state.key.platform)
        .where('channel_id', '=', state.key.channelId)
        .where('thread_id', '=', state.key.threadId)
        .execute(),
    );
    this.cache.set(threadKeyText(state.key), updated);
    return updated;
  }

  /** Deletes threads not touched since `before`. Returns how many were deleted. */
  async prune(before: Date): Promise<number> {
    const result = await this.query((db) =>
      db.deleteFrom('bot_threads').where('updated_at', '<', before.toISOString()).executeTakeFirst(),
    );
    this.cache.clear();
    return Number(result.numDeletedRows);
  }

  /** Forgets the in-memory copies, as a restart would. */
  clearCache(): void {
    this.cache.clear();
    this.misses.clear();
  }
}
