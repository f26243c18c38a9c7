import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpEngineClient } from '../../../bot/engine-api/http-client.js';
import { type RunningEngineServer, startEngineServer } from '../../../bot/engine-api/server.js';
import { ExitError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import { Deadline, type RecommendOptions } from '../../../engine/deadline.js';
import type { RecommendRequest, RecommendResult } from '../../../engine/types.js';
import { fixtureResult } from '../support/result-fixture.js';

/** Checks the deadline as the engine does, so a passed deadline fails the way a slow search would. */
class DeadlineRecommender {
  readonly options: (RecommendOptions | undefined)[] = [];

  async recommend(request: RecommendRequest, options?: RecommendOptions): Promise<RecommendResult> {
    this.options.push(options);
    Deadline.from(options, Date.now())?.check('value');
    return fixtureResult(Math.min(request.topK ?? 5, 12), request);
  }
}

let server: RunningEngineServer;
const recommender = new DeadlineRecommender();

beforeAll(async () => {
  server = await startEngineServer({
    engine: recommender,
    logger: silentLogger(),
    host: '127.0.0.1',
    port: 0,
    token: null,
    requestTimeoutMs: 15_000,
  });
});

afterAll(async () => {
  await server?.close();
});

describe('engine HTTP API time limit', () => {
  it('passes its own time limit to the engine', async () => {
    const client = new HttpEngineClient({
      url: server.url,
      timeoutMs: 30_000,
      token: null,
      logger: silentLogger(),
    });
    const before = Date.now();
    await client.recommend({ company: '124-81-00998' }, { requestId: 'req-1' });
    const options = recommender.options.at(-1);
    expect(options?.timeLimitMs).toBe(15_000);
    expect(options?.deadlineMs).toBeGreaterThanOrEqual(before + 15_000);
  });

  it('returns REQUEST_TIMEOUT to the client', async () => {
    const slow: RunningEngineServer = await startEngineServer({
      engine: {
        recommend: async (request: RecommendRequest, options?: RecommendOptions) => {
          // Acts as a search that used up its time: the deadline is checked after it has passed.
          Deadline.from({ ...options, deadlineMs: Date.now() - 1 })?.check('value');
          return fixtureResult(1, request);
        },
      },
      logger: silentLogger(),
      host: '127.0.0.1',
      port: 0,
      token: null,
      requestTimeoutMs: 15_000,
    });
    try {
      const client = new HttpEngineClient({
        url: slow.url,
        timeoutMs: 30_000,
        token: null,
        logger: silentLogger(),
      });
      let error: unknown;
      try {
        await client.recommend({ company: '124-81-00998' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ExitError);
      expect((error as ExitError).code).toBe('REQUEST_TIMEOUT');
      expect((error as ExitError).message).toBe(
        'The search took longer than 15 seconds and was stopped. Try again shortly, or narrow the search with a sector.',
      );
      expect((error as ExitError).details).toEqual({ timeLimitMs: 15_000, stage: 'value' });
    } finally {
      await slow.close();
    }
  });
});
