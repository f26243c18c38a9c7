import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessEngineClient, type Recommender } from '../../bot/engine-client.js';
import { type ConversationContext, ExitBot } from '../../bot/exit-bot.js';
import { errorReply } from '../../bot/messages.js';
import { replyToText } from '../../bot/reply.js';
import { ThreadStore } from '../../bot/thread-store.js';
import { ExitError } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import { type RecommendOptions, requestTimeoutError } from '../../engine/deadline.js';
import type { RecommendRequest, RecommendResult } from '../../engine/types.js';
import { openSqliteTestStore, type TestStore } from '../support/stores.js';
import { fixtureResult } from './support/result-fixture.js';

/** Records the options of every call and fails with REQUEST_TIMEOUT when `timeOut` is set. */
class RecordingRecommender implements Recommender {
  readonly calls: { request: RecommendRequest; options: RecommendOptions | undefined; at: number }[] = [];
  timeOut = false;

  async recommend(request: RecommendRequest, options?: RecommendOptions): Promise<RecommendResult> {
    this.calls.push({ request, options, at: Date.now() });
    if (this.timeOut) throw requestTimeoutError(options?.timeLimitMs ?? 0, { stage: 'value' });
    return fixtureResult(Math.min(request.topK ?? 5, 12), request);
  }
}

let store: TestStore;
let threadCounter = 0;

function context(): ConversationContext {
  threadCounter++;
  return {
    thread: { platform: 'test', channelId: 'C1', threadId: `t${threadCounter}` },
    userId: 'U1',
    requestId: `r${threadCounter}`,
    logger: silentLogger(),
  };
}

function botWith(recommender: Recommender, requestTimeoutMs?: number): ExitBot {
  return new ExitBot({
    engine: new InProcessEngineClient(recommender),
    threads: new ThreadStore(store.db, silentLogger()),
    logger: silentLogger(),
    defaultTopK: 5,
    maxSearches: 2,
    ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
  });
}

async function search(bot: ExitBot, text: string) {
  const plan = bot.planCommand(text);
  if (plan.kind !== 'search') throw new Error(`expected a search plan for ${text}`);
  return bot.search(context(), plan);
}

beforeAll(async () => {
  store = await openSqliteTestStore();
});

afterAll(async () => {
  await store.dispose();
});

describe('ExitBot search time limit', () => {
  it('passes a deadline from the time limit', async () => {
    const recommender = new RecordingRecommender();
    const before = Date.now();
    await search(botWith(recommender, 12_000), '124-81-00998');
    const call = recommender.calls[0];
    expect(call?.options?.timeLimitMs).toBe(12_000);
    expect(call?.options?.deadlineMs).toBeGreaterThanOrEqual(before + 12_000);
    expect(call?.options?.deadlineMs).toBeLessThanOrEqual((call?.at ?? 0) + 12_000);
  });

  it('defaults to 30 seconds', async () => {
    const recommender = new RecordingRecommender();
    await search(botWith(recommender), '124-81-00998');
    expect(recommender.calls[0]?.options?.timeLimitMs).toBe(30_000);
  });

  it('replies to a timeout with what to do', async () => {
    const recommender = new RecordingRecommender();
    recommender.timeOut = true;
    const reply = await search(botWith(recommender, 30_000), '124-81-00998 top 3');
    expect(reply.tone).toBe('error');
    expect(replyToText(reply)).toContain(
      'The search took longer than 30 seconds and was stopped. Please try again shortly, or narrow it with a sector: /exit 124-81-00998 top 3 sector:<code>',
    );
  });

  it('suggests no sector when one was given', async () => {
    const recommender = new RecordingRecommender();
    recommender.timeOut = true;
    const reply = await search(botWith(recommender, 45_000), '124-81-00998 bio');
    const text = replyToText(reply);
    expect(text).toContain(
      'The search took longer than 45 seconds and was stopped. Please try again shortly (reference r',
    );
    expect(text).not.toContain('sector:<code>');
  });
});

describe('errorReply for REQUEST_TIMEOUT', () => {
  it('works without the time limit in the details', () => {
    const error = new ExitError('REQUEST_TIMEOUT', 'The search took too long.');
    expect(errorReply(error, 'ref-1').title).toBe(
      'The search took too long and was stopped. Please try again shortly (reference ref-1).',
    );
  });
});
