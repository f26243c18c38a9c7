import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerEngineClient } from '../../bot/worker-engine-client.js';
import { loadConfig } from '../../core/config.js';
import { ExitError } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';

const LOOPING_WORKER = new URL('./support/looping-engine-worker.ts', import.meta.url);

/** Workers a client started, with the exit code of each one that has stopped. */
interface StartedWorkers {
  workers: Worker[];
  exited: Map<Worker, number>;
}

let client: WorkerEngineClient | null = null;

async function openLoopingClient(
  graceMs = 200,
): Promise<{ client: WorkerEngineClient; started: StartedWorkers }> {
  const started: StartedWorkers = { workers: [], exited: new Map() };
  client = await WorkerEngineClient.open({
    config: loadConfig({}),
    logger: silentLogger(),
    graceMs,
    entry: LOOPING_WORKER,
    onWorkerStart: (worker) => {
      started.workers.push(worker);
      worker.once('exit', (code) => started.exited.set(worker, code));
    },
  });
  return { client, started };
}

async function rejection(promise: Promise<unknown>): Promise<ExitError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

/** Waits until `condition` holds, checking every 10 ms, for at most `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(async () => {
  await client?.close();
  client = null;
});

describe('WorkerEngineClient lifecycle', () => {
  it('restarts a worker stuck past its deadline', async () => {
    const { client, started } = await openLoopingClient();
    const error = await rejection(client.recommend({ company: 'loop' }, { deadlineMs: Date.now() + 100 }));
    expect(error.code).toBe('REQUEST_TIMEOUT');
    expect(error.details.stage).toBe('worker');
    expect(error.message).toMatch(/took longer than \d+ ms and was stopped/);

    await waitFor(() => started.exited.has(started.workers[0] as Worker));
    expect(started.workers).toHaveLength(2);

    const next = await client.recommend({ company: 'after' });
    expect(next.requester.name).toBe('after');
    expect(next.notes).toEqual([`thread ${started.workers[1]?.threadId}`]);
  });

  it('sends waiting requests to the fresh worker', async () => {
    const { client, started } = await openLoopingClient();
    const stuck = rejection(client.recommend({ company: 'loop' }, { deadlineMs: Date.now() + 100 }));
    const waiting = client.recommend({ company: 'queued' }, { deadlineMs: Date.now() + 20_000 });

    expect((await stuck).code).toBe('REQUEST_TIMEOUT');
    const answered = await waiting;
    expect(answered.requester.name).toBe('queued');
    expect(answered.notes).toEqual([`thread ${started.workers[1]?.threadId}`]);
  });

  it('replaces a worker that exited', async () => {
    const { client, started } = await openLoopingClient();
    const error = await rejection(client.recommend({ company: 'exit' }));
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
    expect(error.details.reason).toBe('engine_worker_exit');
    expect(error.message).toBe('The engine worker stopped unexpectedly (exit code 3).');

    const next = await client.recommend({ company: 'after' });
    expect(started.workers).toHaveLength(2);
    expect(next.notes).toEqual([`thread ${started.workers[1]?.threadId}`]);
  });

  it('close leaves no worker running', async () => {
    const { client, started } = await openLoopingClient();
    await client.recommend({ company: 'first' });
    const unanswered = rejection(client.recommend({ company: 'loop' }, { deadlineMs: Date.now() + 60_000 }));
    await client.close();

    const error = await unanswered;
    expect(error.code).toBe('ENGINE_UNAVAILABLE');
    expect(started.workers).toHaveLength(1);
    await waitFor(() => started.exited.has(started.workers[0] as Worker));
    expect(started.workers[0]?.threadId).toBe(-1);
    expect((await rejection(client.recommend({ company: 'late' }))).code).toBe('ENGINE_UNAVAILABLE');
  });
});
