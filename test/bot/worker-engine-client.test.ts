import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerEngineClient } from '../../bot/worker-engine-client.js';
import { loadConfig } from '../../core/config.js';
import { ExitError } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import { listCompanies } from '../../data/store/company-queries.js';
import { Engine } from '../../engine/engine.js';
import type { RecommendResult } from '../../engine/types.js';
import { createDemoFixture, type DemoFixture } from '../support/demo-fixture.js';

let fixture: DemoFixture;
let engine: Engine;
let client: WorkerEngineClient;
const workers: Worker[] = [];
let brns: string[];

async function rejection(promise: Promise<unknown>): Promise<ExitError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

/** Returns the result without its timings, which differ from run to run. */
function comparable(result: RecommendResult): Omit<RecommendResult, 'timingsMs'> {
  const { timingsMs: _timings, ...rest } = result;
  return rest;
}

beforeAll(async () => {
  fixture = await createDemoFixture();
  engine = await Engine.open(fixture.store, fixture.config, silentLogger());
  client = await WorkerEngineClient.open({
    config: fixture.config,
    logger: silentLogger(),
    onWorkerStart: (worker) => workers.push(worker),
  });
  const rows = await listCompanies(fixture.store.db, { limit: 20 });
  brns = rows.map((row) => row.brn).filter((brn): brn is string => brn !== null);
});

afterAll(async () => {
  await client?.close();
  await fixture?.dispose();
});

describe('WorkerEngineClient on the demo data', () => {
  it('returns the in-process result', async () => {
    for (const company of brns.slice(0, 3)) {
      for (const request of [{ company }, { company, topK: 10, valuationFilter: false }]) {
        const inWorker = await client.recommend(request);
        const inProcess = await engine.recommend(request);
        expect(comparable(inWorker)).toEqual(comparable(inProcess));
      }
    }
  });

  it('raises the in-process error for an unknown company', async () => {
    const request = { company: '없는회사이름' };
    const fromWorker = await rejection(client.recommend(request));
    const inProcess = await rejection(engine.recommend(request));
    expect(fromWorker.code).toBe('COMPANY_NOT_FOUND');
    expect(fromWorker.message).toBe(inProcess.message);
    expect(fromWorker.details).toEqual(inProcess.details);
  });

  it('stops at a passed deadline and keeps serving', async () => {
    const company = brns[0] as string;
    const error = await rejection(
      client.recommend({ company }, { deadlineMs: Date.now(), timeLimitMs: 1500 }),
    );
    expect(error.code).toBe('REQUEST_TIMEOUT');
    expect(error.message).toBe(
      'The search took longer than 1.5 seconds and was stopped. Try again shortly, or narrow the search with a sector.',
    );
    expect(error.details.stage).toBe('resolve');

    const next = await client.recommend({ company });
    expect(next.requester.brn).toBe(company);
    // The worker stopped the search itself, so the client did not replace it.
    expect(workers).toHaveLength(1);
  });

  it('leaves the main event loop free during a search', async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
    }, 1);
    try {
      for (const company of brns.slice(0, 5)) {
        await client.recommend({ company, topK: 50, valuationFilter: false });
      }
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('WorkerEngineClient.open', () => {
  it('rejects an in-memory database', async () => {
    const config = loadConfig({ ...fixture.env, EXIT_DATABASE_URL: 'sqlite::memory:' });
    const started: Worker[] = [];
    const error = await rejection(
      WorkerEngineClient.open({
        config,
        logger: silentLogger(),
        onWorkerStart: (worker) => started.push(worker),
      }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('set EXIT_ENGINE_THREAD=main');
    expect(started).toHaveLength(0);
  });

  it('rejects with the engine error and stops the worker', async () => {
    const config = loadConfig({ ...fixture.env, EXIT_DATA_DIR: join(fixture.dir, 'no-index') });
    const inProcess = await rejection(Engine.open(fixture.store, config, silentLogger()));
    const started: Worker[] = [];
    const exits: Promise<number>[] = [];
    const fromWorker = await rejection(
      WorkerEngineClient.open({
        config,
        logger: silentLogger(),
        onWorkerStart: (worker) => {
          started.push(worker);
          exits.push(new Promise((resolve) => worker.once('exit', resolve)));
        },
      }),
    );
    expect(inProcess.code).toBe('INDEX_MISSING');
    expect(fromWorker.code).toBe(inProcess.code);
    expect(fromWorker.message).toBe(inProcess.message);
    expect(started).toHaveLength(1);
    await exits[0];
    expect(started[0]?.threadId).toBe(-1);
  });
});
