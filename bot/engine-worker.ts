import { parentPort, workerData } from 'node:worker_threads';
import { createLogger, type Logger } from '../core/logger.js';
import { openStore, type Store } from '../data/store/connect.js';
import { Engine } from '../engine/engine.js';
import {
  type EngineWorkerData,
  serializeError,
  type WorkerRecommendMessage,
  type WorkerReplyMessage,
} from './engine-worker-protocol.js';

/**
 * Entry point of the engine worker thread started by WorkerEngineClient. It opens its own store
 * connection and the engine from the bot's configuration, fits the valuation model, and then
 * replies to `recommend` messages until the client terminates it.
 */

function post(message: WorkerReplyMessage): void {
  (parentPort as NonNullable<typeof parentPort>).postMessage(message);
}

async function answer(engine: Engine, message: WorkerRecommendMessage, logger: Logger): Promise<void> {
  try {
    const result = await engine.recommend(message.request, message.options);
    post({ type: 'result', id: message.id, result });
  } catch (error) {
    const log = logger.child({ requestId: message.requestId });
    log.debug({ err: error }, 'Engine worker search failed; returning the error to the bot');
    post({ type: 'error', id: message.id, error: serializeError(error) });
  }
}

async function open(data: EngineWorkerData, logger: Logger): Promise<Engine> {
  const store: Store = await openStore(data.config.databaseUrl, logger);
  try {
    const engine = await Engine.open(store, data.config, logger);
    await engine.warmUp();
    return engine;
  } catch (error) {
    await store.close().catch((closeError: unknown) => {
      logger.warn({ err: closeError }, 'Closing the store after a failed engine start failed');
    });
    throw error;
  }
}

async function main(): Promise<void> {
  if (!parentPort)
    throw new Error('bot/engine-worker runs only as a worker thread (see WorkerEngineClient).');
  const data = workerData as EngineWorkerData;
  const logger = createLogger({ level: data.config.logLevel }).child({ thread: 'engine-worker' });
  let engine: Engine;
  try {
    engine = await open(data, logger);
  } catch (error) {
    post({ type: 'open-failed', error: serializeError(error) });
    return;
  }
  parentPort.on('message', (message: WorkerRecommendMessage) => {
    void answer(engine, message, logger);
  });
  post({ type: 'ready' });
}

await main();
