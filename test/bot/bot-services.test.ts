import { afterEach, describe, expect, it } from 'vitest';
import { BotServices } from '../../bot/bot-services.js';
import type { EngineClient } from '../../bot/engine-client.js';
import { errorReply } from '../../bot/messages.js';
import { RateLimiter } from '../../bot/rate-limit.js';
import { ExitError, isExitError } from '../../core/errors.js';
import type { Store } from '../../data/store/connect.js';
import { LogCapture } from '../adapters/slack/support/slack-harness.js';
import { openSqliteTestStore, type TestStore } from '../support/stores.js';
import { fixtureResult } from './support/result-fixture.js';

/** Background start-up of the store and the engine, with fake openers that fail on demand. */

const storeDown = () =>
  new ExitError(
    'DATA_STORE_UNAVAILABLE',
    'Cannot connect to MySQL at mysql://exit:***@127.0.0.1:3307/exit: connect ECONNREFUSED',
  );

const engine: EngineClient = {
  recommend: async (request) => fixtureResult(3, request),
  close: async () => {},
};

let services: BotServices | null = null;
let store: TestStore | null = null;

afterEach(async () => {
  await services?.close();
  services = null;
  await store?.dispose();
  store = null;
});

async function rejection(promise: Promise<unknown>): Promise<ExitError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isExitError(error)) throw new Error(`expected an ExitError, got ${String(error)}`);
  return error;
}

describe('BotServices', () => {
  it('retries the store with backoff and serves once it opens', async () => {
    store = await openSqliteTestStore();
    const opened = store;
    const logs = new LogCapture();
    let attempts = 0;
    services = new BotServices({
      openStore: async () => {
        attempts++;
        if (attempts < 3) throw storeDown();
        return opened as Store;
      },
      openEngine: async () => engine,
      logger: logs.logger,
      initialRetryDelayMs: 10,
      maxRetryDelayMs: 20,
      healthCheckIntervalMs: 0,
    });
    const before = await rejection(services.engine.recommend({ company: 'x' }));
    expect(before.code).toBe('DATA_STORE_UNAVAILABLE');
    const threadsBefore = await rejection(
      services.threads.get({ platform: 'slack', channelId: 'C1', threadId: '1' }),
    );
    expect(threadsBefore.code).toBe('DATA_STORE_UNAVAILABLE');

    await services.start();
    expect(attempts).toBe(3);
    expect(services.readiness.status().ready).toBe(true);
    const result = await services.engine.recommend({ company: '124-81-00998' });
    expect(result.partners).toHaveLength(3);
    expect(await services.threads.get({ platform: 'slack', channelId: 'C1', threadId: '1' })).toBeUndefined();
    const retries = logs.lines.filter((line) => line.includes('Opening the data store failed; retrying'));
    expect(retries).toHaveLength(2);
    expect(retries[0]).toContain('"retryInMs":10');
    expect(retries[1]).toContain('"retryInMs":20');
    expect(logs.text).toContain('ECONNREFUSED');
  });

  it('caps the retry delay', async () => {
    const logs = new LogCapture();
    let attempts = 0;
    services = new BotServices({
      openStore: async () => {
        attempts++;
        throw storeDown();
      },
      openEngine: async () => engine,
      logger: logs.logger,
      initialRetryDelayMs: 1,
      maxRetryDelayMs: 4,
      healthCheckIntervalMs: 0,
    });
    void services.start();
    await expect.poll(() => attempts, { timeout: 5000 }).toBeGreaterThanOrEqual(6);
    const delays = logs.lines
      .filter((line) => line.includes('"retryInMs"'))
      .map((line) => Number(/"retryInMs":(\d+)/.exec(line)?.[1]));
    expect(delays.slice(0, 5)).toEqual([1, 2, 4, 4, 4]);
    await services.close();
    const stopped = attempts;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(attempts).toBe(stopped);
  });

  it('answers engine starting while the index loads', async () => {
    store = await openSqliteTestStore();
    const opened = store;
    const loading: { finish?: (client: EngineClient) => void } = {};
    services = new BotServices({
      openStore: async () => opened as Store,
      openEngine: () =>
        new Promise<EngineClient>((resolve) => {
          loading.finish = resolve;
        }),
      logger: new LogCapture().logger,
      healthCheckIntervalMs: 0,
    });
    const started = services.start();
    await expect.poll(() => loading.finish !== undefined).toBe(true);
    expect(services.readiness.get('database').state).toBe('ok');
    const starting = await rejection(services.engine.recommend({ company: 'x' }));
    expect(starting.code).toBe('ENGINE_UNAVAILABLE');
    expect(starting.details.reason).toBe('engine_starting');
    expect(errorReply(starting, 'ref-1').title).toBe(
      'EXIT is starting and still loading its search index. Please try again shortly (reference ref-1).',
    );
    loading.finish?.(engine);
    await started;
    expect((await services.engine.recommend({ company: 'x' })).partners).toHaveLength(3);
  });

  it('passes on the index error when loading fails', async () => {
    store = await openSqliteTestStore();
    const opened = store;
    services = new BotServices({
      openStore: async () => opened as Store,
      openEngine: async () => {
        throw new ExitError('INDEX_MISSING', 'No index in var/index. Run `exitbot index build`.');
      },
      logger: new LogCapture().logger,
      initialRetryDelayMs: 1000,
      healthCheckIntervalMs: 0,
    });
    void services.start();
    await expect.poll(() => services?.readiness.get('index').state).toBe('failed');
    const error = await rejection(services.engine.recommend({ company: 'x' }));
    expect(error.code).toBe('INDEX_MISSING');
    expect(services.readiness.status().components.index.detail).toContain('INDEX_MISSING');
  });

  it('stops retrying on invalid configuration', async () => {
    const logs = new LogCapture();
    let attempts = 0;
    services = new BotServices({
      openStore: async () => {
        attempts++;
        throw new ExitError('CONFIG_INVALID', 'EXIT_DATABASE_URL is invalid');
      },
      openEngine: async () => engine,
      logger: logs.logger,
      initialRetryDelayMs: 1,
      healthCheckIntervalMs: 0,
    });
    await services.start();
    expect(attempts).toBe(1);
    expect(services.readiness.get('database').state).toBe('failed');
    expect(logs.text).toContain('not retrying until restarted');
  });

  it('reports the database state for the health server', async () => {
    store = await openSqliteTestStore();
    const opened = store;
    services = new BotServices({
      openStore: async () => opened as Store,
      openEngine: async () => engine,
      describeEngine: () => ({ index: '40 patents', models: 'predictor test' }),
      logger: new LogCapture().logger,
      healthCheckIntervalMs: 0,
    });
    await services.start();
    const report = await services.report();
    expect(report.database.state).toBe('ok');
    expect(report.index).toMatchObject({ state: 'ok', detail: '40 patents' });
    expect(report.models).toMatchObject({ state: 'ok', detail: 'predictor test' });
  });
});

describe('RateLimiter.refund', () => {
  it('gives back a request a later check rejected', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect(limiter.take('T1')).toBe(0);
    expect(limiter.take('T1')).toBe(0);
    expect(limiter.take('T1')).toBeGreaterThan(0);
    limiter.refund('T1');
    expect(limiter.take('T1')).toBe(0);
    now += 60_000;
    limiter.refund('T1');
    limiter.refund('T1');
    expect(limiter.take('T1')).toBe(0);
    expect(limiter.take('T1')).toBe(0);
    expect(limiter.take('T1')).toBeGreaterThan(0);
  });
});
