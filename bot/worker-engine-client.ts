import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../core/config.js';
import { ExitError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { requestTimeoutError } from '../engine/deadline.js';
import type { RecommendRequest, RecommendResult } from '../engine/types.js';
import type { EngineCallOptions, EngineClient } from './engine-client.js';
import {
  deserializeError,
  type EngineWorkerData,
  type WorkerRecommendMessage,
  type WorkerReplyMessage,
} from './engine-worker-protocol.js';

/** Time a worker may overrun a request's deadline before the client terminates and replaces it. */
export const DEFAULT_WORKER_GRACE_MS = 5000;

/**
 * The worker entry beside this module, with this module's extension: dist/bot/engine-worker.js in
 * the built package, bot/engine-worker.ts when the sources run directly (vitest, tsx).
 */
const DEFAULT_ENTRY = new URL(`./engine-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export interface WorkerEngineClientOptions {
  /** The bot's configuration; the worker opens its own store and index from it. */
  config: Config;
  logger: Logger;
  /** Time a worker may overrun a deadline before it is replaced, in ms; DEFAULT_WORKER_GRACE_MS if unset. */
  graceMs?: number;
  /** Worker entry module; the engine worker unless a test passes a stand-in speaking the same messages. */
  entry?: URL;
  /** Called with each worker thread the client starts, the first one and every replacement. */
  onWorkerStart?: (worker: Worker) => void;
}

interface PendingRequest {
  id: number;
  message: WorkerRecommendMessage;
  timeLimitMs: number;
  /** The thread the request was posted to; null while it waits for a thread to be ready. */
  sentTo: EngineThread | null;
  timer: NodeJS.Timeout;
  resolve(result: RecommendResult): void;
  reject(error: Error): void;
}

interface EngineThread {
  worker: Worker;
  /** Settles when the worker has opened the engine, or with the error that stopped it. */
  ready: Promise<void>;
  isReady: boolean;
  /** True once the client terminated it or reported its error, so its exit is not reported again. */
  exitExpected: boolean;
}

/**
 * Starts a worker on `entry`. The built package runs the compiled .js entry directly. A .ts entry
 * (tests under vitest) needs tsx's loader inside the worker. Node 20.20 does not apply
 * `execArgv: ['--import', 'tsx']` to a worker's entry module, so a short bootstrap registers tsx's
 * loader through its API and then imports the entry. tsx is a devDependency, used only for .ts entries.
 */
function startWorker(entry: URL, workerData: EngineWorkerData): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Runs the engine in a worker thread, so a long search does not block the bot's event loop:
 * platform acknowledgements and thread follow-ups stay responsive while a search computes.
 * Requests and results cross by structured clone, and an ExitError raised in the worker is raised
 * here with the same code, message and details.
 *
 * Every request carries a deadline (the caller's, or EXIT_REQUEST_TIMEOUT_MS from now), and the
 * engine in the worker stops by itself at its next check after it. When the worker has not
 * answered by the deadline plus the grace time (for example, stuck in a loop without checks), the
 * request fails with REQUEST_TIMEOUT and the client terminates the worker and starts a fresh one.
 * Other requests that were running on it are sent again to the fresh worker, with their original deadlines.
 */
export class WorkerEngineClient implements EngineClient {
  private readonly pending = new Map<number, PendingRequest>();
  private readonly graceMs: number;
  private readonly entry: URL;
  private thread: EngineThread | null = null;
  private nextId = 1;
  private closed = false;

  private constructor(private readonly options: WorkerEngineClientOptions) {
    this.graceMs = options.graceMs ?? DEFAULT_WORKER_GRACE_MS;
    this.entry = options.entry ?? DEFAULT_ENTRY;
  }

  /**
   * Starts the worker and waits until it has opened the engine and fitted the valuation model.
   * A failed start rejects with the worker's original error (INDEX_MISSING,
   * DATA_STORE_UNAVAILABLE, …) and leaves no worker running, so the caller may call `open` again.
   * An in-memory SQLite database fails with CONFIG_INVALID, because the worker's connection would
   * open a different, empty database.
   */
  static async open(options: WorkerEngineClientOptions): Promise<WorkerEngineClient> {
    if (options.config.databaseUrl === 'sqlite::memory:') {
      throw new ExitError(
        'CONFIG_INVALID',
        'EXIT_ENGINE_THREAD=worker needs a database the worker thread can open itself, but EXIT_DATABASE_URL names an in-memory SQLite database, which only its own connection sees. Use a database file, or set EXIT_ENGINE_THREAD=main.',
      );
    }
    const client = new WorkerEngineClient(options);
    const thread = client.startThread();
    try {
      await thread.ready;
    } catch (error) {
      // The failed worker is already being terminated; wait until it has exited.
      await thread.worker.terminate();
      throw error;
    }
    return client;
  }

  recommend(request: RecommendRequest, options: EngineCallOptions = {}): Promise<RecommendResult> {
    if (this.closed) {
      return Promise.reject(
        new ExitError(
          'ENGINE_UNAVAILABLE',
          'The engine worker is closed, so it cannot search. Open a new engine client.',
          { reason: 'engine_closed' },
        ),
      );
    }
    const now = Date.now();
    const deadlineMs = options.deadlineMs ?? now + this.options.config.requestTimeoutMs;
    const timeLimitMs =
      options.timeLimitMs ??
      (options.deadlineMs === undefined ? this.options.config.requestTimeoutMs : deadlineMs - now);
    const id = this.nextId++;
    const message: WorkerRecommendMessage = {
      type: 'recommend',
      id,
      request,
      options: { deadlineMs, timeLimitMs },
      requestId: options.requestId ?? null,
    };
    return new Promise<RecommendResult>((resolve, reject) => {
      const timer = setTimeout(() => this.onBackstop(id), Math.max(0, deadlineMs - now) + this.graceMs);
      const pending: PendingRequest = { id, message, timeLimitMs, sentTo: null, timer, resolve, reject };
      this.pending.set(id, pending);
      this.dispatch(pending);
    });
  }

  /** Terminates the worker. Requests still running fail with ENGINE_UNAVAILABLE. */
  async close(): Promise<void> {
    this.closed = true;
    const closedError = new ExitError(
      'ENGINE_UNAVAILABLE',
      'The engine worker was closed before it replied.',
      {
        reason: 'engine_closed',
      },
    );
    for (const pending of [...this.pending.values()]) this.settle(pending, closedError);
    const thread = this.thread;
    this.thread = null;
    if (thread) await this.stopThread(thread);
  }

  /** Sends a request to the ready worker, or to the one being started once it is ready. */
  private dispatch(pending: PendingRequest): void {
    const thread = this.thread ?? this.startThread();
    if (thread.isReady) {
      this.send(thread, pending);
      return;
    }
    thread.ready.then(
      () => {
        if (this.pending.get(pending.id) === pending && pending.sentTo === null) this.dispatch(pending);
      },
      (error: Error) => {
        if (this.pending.get(pending.id) === pending) this.settle(pending, error);
      },
    );
  }

  private send(thread: EngineThread, pending: PendingRequest): void {
    pending.sentTo = thread;
    thread.worker.postMessage(pending.message);
  }

  private startThread(): EngineThread {
    const worker = startWorker(this.entry, { config: this.options.config });
    // The worker does not keep the process alive by itself; a pending request's timer does.
    worker.unref();
    this.options.onWorkerStart?.(worker);
    let markReady!: () => void;
    let markFailed!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    // The start-up error reaches callers through `open` or the requests that wait for this thread.
    ready.catch(() => {});
    const thread: EngineThread = { worker, ready, isReady: false, exitExpected: false };
    this.thread = thread;
    const failStart = (error: Error) => {
      if (thread.isReady) return;
      markFailed(error);
      if (this.thread === thread) this.thread = null;
      void this.stopThread(thread);
    };
    worker.on('message', (message: WorkerReplyMessage) => {
      switch (message.type) {
        case 'ready':
          thread.isReady = true;
          markReady();
          return;
        case 'open-failed':
          failStart(deserializeError(message.error));
          return;
        case 'result':
        case 'error':
          this.onReply(thread, message);
          return;
      }
    });
    worker.on('error', (error) => {
      this.options.logger.error({ err: error, threadId: worker.threadId }, 'The engine worker failed');
      thread.exitExpected = true;
      failStart(error);
      this.onThreadLost(thread, error);
    });
    worker.on('exit', (exitCode) => {
      if (thread.exitExpected) return;
      this.options.logger.error({ exitCode }, 'The engine worker stopped unexpectedly');
      const error = new ExitError(
        'ENGINE_UNAVAILABLE',
        `The engine worker stopped unexpectedly (exit code ${exitCode}).`,
        { reason: 'engine_worker_exit' },
      );
      failStart(error);
      this.onThreadLost(thread, error);
    });
    return thread;
  }

  private onReply(thread: EngineThread, message: Extract<WorkerReplyMessage, { id: number }>): void {
    const pending = this.pending.get(message.id);
    // A reply from a replaced worker is stale, because the request already failed or was sent again.
    if (!pending || pending.sentTo !== thread) return;
    if (message.type === 'result') this.settle(pending, null, message.result);
    else this.settle(pending, deserializeError(message.error));
  }

  /** Fails the requests that were running on a crashed worker, so the next request starts a new one. */
  private onThreadLost(thread: EngineThread, error: Error): void {
    if (this.thread === thread) this.thread = null;
    for (const pending of [...this.pending.values()]) {
      if (pending.sentTo === thread) this.settle(pending, error);
    }
  }

  /** Handles a request whose worker has not replied by its deadline plus the grace time. */
  private onBackstop(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    const stuck = pending.sentTo;
    this.settle(pending, requestTimeoutError(pending.timeLimitMs, { stage: 'worker' }));
    // A request still waiting for a worker to start does not make that worker stuck.
    if (!stuck || stuck !== this.thread) return;
    this.options.logger.warn(
      { requestId: pending.message.requestId, graceMs: this.graceMs },
      'The engine worker did not stop at the deadline; restarting it',
    );
    this.thread = null;
    void this.stopThread(stuck);
    const replacement = this.startThread();
    replacement.ready.catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'Restarting the engine worker failed');
    });
    for (const other of this.pending.values()) {
      if (other.sentTo !== stuck) continue;
      other.sentTo = null;
      this.dispatch(other);
    }
  }

  private settle(pending: PendingRequest, error: Error | null, result?: RecommendResult): void {
    clearTimeout(pending.timer);
    this.pending.delete(pending.id);
    if (error) pending.reject(error);
    else pending.resolve(result as RecommendResult);
  }

  private async stopThread(thread: EngineThread): Promise<void> {
    thread.exitExpected = true;
    await thread.worker.terminate();
  }
}
