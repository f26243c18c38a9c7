import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChartRenderer } from '../../bot/chart.js';
import { InProcessEngineClient, type Recommender } from '../../bot/engine-client.js';
import { type ConversationContext, ExitBot } from '../../bot/exit-bot.js';
import { replyToText } from '../../bot/reply.js';
import { ThreadStore } from '../../bot/thread-store.js';
import { ExitError } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import type { RecommendRequest, RecommendResult } from '../../engine/types.js';
import { openSqliteTestStore, type TestStore } from '../support/stores.js';
import { fixtureResult, TINY_PNG } from './support/result-fixture.js';

/** Returns the fixture result sized to the request, and records requests and peak concurrency. */
class FixtureRecommender implements Recommender {
  readonly requests: RecommendRequest[] = [];
  running = 0;
  peak = 0;
  failWith: Error | null = null;

  async recommend(request: RecommendRequest): Promise<RecommendResult> {
    this.requests.push(request);
    this.running++;
    this.peak = Math.max(this.peak, this.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (this.failWith) throw this.failWith;
      return fixtureResult(Math.min(request.topK ?? 5, 12), request);
    } finally {
      this.running--;
    }
  }
}

const charts: ChartRenderer = {
  renderPartners: async () => ({
    fileName: 'partners.png',
    title: 'Partner valuations',
    altText: 'bar chart',
    mimeType: 'image/png',
    data: TINY_PNG,
  }),
  renderValuation: async (_result, partner) =>
    partner.valuation
      ? {
          fileName: 'valuation.png',
          title: 'Valuation',
          altText: 'bar chart',
          mimeType: 'image/png',
          data: TINY_PNG,
        }
      : null,
};

let store: TestStore;
let recommender: FixtureRecommender;
let bot: ExitBot;
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

async function startThread(text: string) {
  const plan = bot.planCommand(text);
  if (plan.kind !== 'search') throw new Error(`expected a search plan for ${text}`);
  const ctx = context();
  const reply = await bot.search(ctx, plan);
  return { ctx, reply };
}

async function ask(ctx: ConversationContext, text: string): Promise<string> {
  const reply = await bot.followUp(ctx, text);
  if (!reply) throw new Error(`no reply to ${text}`);
  return replyToText(reply);
}

beforeAll(async () => {
  store = await openSqliteTestStore();
});

afterAll(async () => {
  await store.dispose();
});

beforeEach(() => {
  recommender = new FixtureRecommender();
  bot = new ExitBot({
    engine: new InProcessEngineClient(recommender),
    threads: new ThreadStore(store.db, silentLogger()),
    logger: silentLogger(),
    defaultTopK: 5,
    maxSearches: 2,
    charts,
  });
});

describe('ExitBot commands', () => {
  it('answers help without a search', () => {
    const plan = bot.planCommand('help');
    expect(plan.kind).toBe('reply');
    if (plan.kind === 'reply') expect(replyToText(plan.reply)).toContain('/exit <company> [sector] [top K]');
  });

  it('answers invalid input with the reason', () => {
    const plan = bot.planCommand('124-81-00997');
    expect(plan.kind).toBe('reply');
    if (plan.kind === 'reply') {
      expect(plan.reply.tone).toBe('error');
      expect(plan.reply.title).toContain('check digit');
    }
  });

  it('fetches three pages and shows one', async () => {
    const { reply } = await startThread('124-81-00998 bio top 4');
    expect(recommender.requests[0]).toEqual({ company: '124-81-00998', topK: 12, sector: 'bio' });
    expect(reply.tone).toBe('result');
    expect(reply.items.map((item) => item.rank)).toEqual([1, 2, 3, 4]);
    expect(reply.actions.map((action) => action.kind)).toEqual(['more']);
    expect(reply.images).toHaveLength(1);
    expect(reply.items[0]?.actions.map((action) => action.kind)).toEqual([
      'details',
      'patents',
      'valuation',
      'exclude',
    ]);
  });

  it('turns an ambiguous name into pick buttons that keep the options', async () => {
    recommender.failWith = new ExitError('AMBIGUOUS_COMPANY', 'several', {
      query: '에이',
      candidates: [
        { id: 7, name: '에이바이오', brn: '124-81-00998', ticker: null },
        { id: 8, name: '에이테크', brn: null, ticker: '123450' },
      ],
    });
    const { reply } = await startThread('에이 bio top 3');
    expect(reply.tone).toBe('error');
    expect(reply.summary[0]).toBe('에이바이오 (124-81-00998) · 에이테크 (123450)');
    expect(reply.actions.map((action) => action.value)).toEqual([
      'id:7 sector:bio top 3',
      'id:8 sector:bio top 3',
    ]);
  });

  it('hides internal errors behind a reference', async () => {
    recommender.failWith = new Error('disk on fire');
    const { ctx, reply } = await startThread('124-81-00998');
    expect(reply.title).toContain(ctx.requestId);
    expect(reply.title).not.toContain('disk on fire');
  });

  it('runs at most maxSearches searches at once', async () => {
    const plans = Array.from({ length: 8 }, () => bot.planCommand('124-81-00998'));
    const queued: number[] = [];
    await Promise.all(
      plans.map((plan) =>
        plan.kind === 'search' ? bot.search(context(), plan, (position) => queued.push(position)) : null,
      ),
    );
    expect(recommender.requests).toHaveLength(8);
    expect(recommender.peak).toBe(2);
    expect(queued.length).toBe(6);
  });
});

describe('ExitBot follow-ups', () => {
  it('ignores threads without a result', async () => {
    expect(await bot.followUp(context(), 'details 1')).toBeNull();
  });

  it('answers details, patents and why from the stored result', async () => {
    const { ctx } = await startThread('124-81-00998 top 3');
    const searches = recommender.requests.length;
    const details = await ask(ctx, 'tell me more about #2');
    expect(details).toContain('#2 파트너2 주식회사');
    expect(details).toContain('market capitalisation');
    expect(details).toContain('1020200000002');
    const patents = await ask(ctx, '2번 특허 보여줘');
    expect(patents).toContain('Closest patent of yours: 1020190000001');
    const why = await ask(ctx, 'why #3?');
    expect(why).toContain('hit count');
    expect(why).toContain('IPC subclasses A61K');
    expect(recommender.requests.length).toBe(searches);
  });

  it('compares two partners', async () => {
    const { ctx } = await startThread('124-81-00998 top 3');
    const text = await ask(ctx, '1번이랑 3번 비교');
    expect(text).toContain('#1 has 2 more hits than #3');
    expect(text).toContain('share IPC subclasses');
    expect(await ask(ctx, 'compare 2 and 2')).toContain('two different partners');
  });

  it('pages with more until the stored result runs out', async () => {
    const { ctx } = await startThread('124-81-00998 top 4');
    expect(await ask(ctx, 'more')).toContain('Showing #5-#8 of 12 partners; 4 more in this result.');
    expect(await ask(ctx, '더 보여줘')).toContain('Showing #9-#12 of 12 partners.');
    expect(await ask(ctx, 'more')).toContain('No more partners in this result');
  });

  it('excludes a partner and fills the list from the next one', async () => {
    const { ctx } = await startThread('124-81-00998 top 3');
    const text = await ask(ctx, '2번 제외');
    expect(text).toContain('Excluded #2 파트너2 주식회사');
    expect(text).toContain('Showing #1, #3-#4 of 8 partners');
    expect(await ask(ctx, 'details 2')).toContain('#2 was excluded in this thread');
  });

  it('keeps exclusions across a restart', async () => {
    const { ctx } = await startThread('124-81-00998 top 3');
    await ask(ctx, 'exclude 1');
    const restarted = new ExitBot({
      engine: new InProcessEngineClient(recommender),
      threads: new ThreadStore(store.db, silentLogger()),
      logger: silentLogger(),
      defaultTopK: 5,
      maxSearches: 1,
    });
    const reply = await restarted.followUp(ctx, 'list');
    expect(reply).not.toBeNull();
    expect(replyToText(reply as NonNullable<typeof reply>)).toContain('Showing #2-#4 of 8 partners');
  });

  it('answers valuation with a chart when one can be drawn', async () => {
    const { ctx } = await startThread('124-81-00998 top 6');
    const withValue = await bot.followUp(ctx, 'valuation of 2');
    expect(withValue?.images).toHaveLength(1);
    expect(replyToText(withValue as NonNullable<typeof withValue>)).toContain('times 에이바이오');
    const without = await bot.followUp(ctx, '5번 기업가치');
    expect(without?.images).toHaveLength(0);
    expect(replyToText(without as NonNullable<typeof without>)).toContain('has no valuation');
  });

  it('names the ranks it has when a rank is missing', async () => {
    const { ctx } = await startThread('124-81-00998 top 2');
    expect(await ask(ctx, 'details 40')).toContain('There is no #40 in this result. It lists #1-#6.');
  });

  it('lists what it can answer once, then stays quiet', async () => {
    const { ctx } = await startThread('124-81-00998 top 2');
    expect(await ask(ctx, 'thanks, looks good')).toContain('compare 1 and 4');
    expect(await bot.followUp(ctx, 'see you tomorrow')).toBeNull();
    expect(await ask(ctx, 'help')).toContain('1번 4번 비교');
  });

  it('answers buttons like the matching questions', async () => {
    const { ctx } = await startThread('124-81-00998 top 2');
    const reply = await bot.action(ctx, 'details', '1');
    expect(reply?.title).toBe('#1 파트너1 주식회사');
    const more = await bot.action(ctx, 'more', 'more');
    expect(more?.items.map((item) => item.rank)).toEqual([3, 4]);
    expect((await bot.action(ctx, 'exclude', 'x'))?.tone).toBe('error');
  });
});
