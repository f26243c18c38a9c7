import type { RecommendOptions } from '../engine/deadline.js';
import type { RecommendRequest, RecommendResult } from '../engine/types.js';

/** Per-call options of EngineClient.recommend. */
export interface EngineCallOptions extends RecommendOptions {
  /** Ties the engine's log lines to the chat request's; a remote engine logs it too. */
  requestId?: string;
}

/**
 * The one engine interface every adapter uses: in the bot's process on the main thread
 * (InProcessEngineClient) or in a worker thread (WorkerEngineClient), or over HTTP to
 * `exitbot serve engine` (HttpEngineClient). All of them raise the engine's ExitError codes, so a
 * chat message never depends on where the engine runs.
 */
export interface EngineClient {
  /**
   * Runs one search. With `options.deadlineMs`, the search fails with REQUEST_TIMEOUT once it runs
   * past the deadline. The HTTP client leaves the time limit to the remote server.
   */
  recommend(request: RecommendRequest, options?: EngineCallOptions): Promise<RecommendResult>;
  /** Releases connections, timers and worker threads. The code that opened the engine's store closes it. */
  close(): Promise<void>;
}

/** Anything with the engine's recommend method: the Engine class, or a test double. */
export interface Recommender {
  recommend(request: RecommendRequest, options?: RecommendOptions): Promise<RecommendResult>;
}

/**
 * Runs the engine on the bot's own event loop, so its CPU-bound stages delay other chat events
 * while they compute. The deadline is passed to the engine, which stops at its next check after it.
 * NOTE: a stage that runs long between two checks cannot be stopped here; only the worker client's
 * backstop ends such a search.
 */
export class InProcessEngineClient implements EngineClient {
  constructor(private readonly engine: Recommender) {}

  recommend(request: RecommendRequest, options: EngineCallOptions = {}): Promise<RecommendResult> {
    const { deadlineMs, timeLimitMs } = options;
    return this.engine.recommend(request, {
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
    });
  }

  async close(): Promise<void> {}
}
