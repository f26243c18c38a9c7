import type { RecommendRequest, RecommendResult } from '../engine/types.js';

/**
 * The one engine interface every adapter uses: in the bot's process (InProcessEngineClient) or over
 * HTTP to `exitbot serve engine` (HttpEngineClient). Both raise the engine's ExitError codes, so a
 * chat message never depends on where the engine runs.
 */
export interface EngineClient {
  /** `requestId` ties the engine's log lines to the chat request's; a remote engine logs it too. */
  recommend(request: RecommendRequest, requestId?: string): Promise<RecommendResult>;
  /** Releases connections and timers; the engine's own store is closed by the code that opened it. */
  close(): Promise<void>;
}

/** Anything with the engine's recommend method: the Engine class, or a test double. */
export interface Recommender {
  recommend(request: RecommendRequest): Promise<RecommendResult>;
}

/** Runs the engine in this process. */
export class InProcessEngineClient implements EngineClient {
  constructor(private readonly engine: Recommender) {}

  recommend(request: RecommendRequest): Promise<RecommendResult> {
    return this.engine.recommend(request);
  }

  async close(): Promise<void> {}
}
