import { BotServices } from '../../../bot/bot-services.js';
import { createChartRenderer } from '../../../bot/charts/renderer.js';
import type { EngineClient } from '../../../bot/engine-client.js';
import { ExitBot } from '../../../bot/exit-bot.js';
import { openEngineClient } from '../../../bot/open-engine.js';
import { ThreadStore } from '../../../bot/thread-store.js';
import type { Config } from '../../../core/config.js';
import type { Logger } from '../../../core/logger.js';
import { openStore } from '../../../data/store/connect.js';
import type { Runtime } from '../runtime.js';
import { describeEngineClient } from './serve.js';

/** Result threads untouched for this long are deleted when a chat bot starts. */
const THREAD_RETENTION_DAYS = 90;

function createBot(
  config: Config,
  logger: Logger,
  engine: EngineClient,
  threads: ThreadStore,
  charts: boolean,
): ExitBot {
  return new ExitBot({
    engine,
    threads,
    logger,
    defaultTopK: config.topK,
    maxSearches: config.botMaxSearches,
    requestTimeoutMs: config.requestTimeoutMs,
    // Charts compare valuations carried in the result, so they work with a remote engine too.
    charts: charts ? createChartRenderer({ logger }) : null,
  });
}

/**
 * Opens the bot core for the console chat: the engine (remote when EXIT_ENGINE_URL is set), thread
 * state in the store with old threads pruned, and, unless `charts` is false, the Chart.js renderer.
 * The caller closes the returned engine client.
 */
export async function openChatBot(
  { config, logger, store }: Runtime,
  options: { charts: boolean } = { charts: true },
): Promise<{ bot: ExitBot; engine: EngineClient }> {
  const engine = await openEngineClient(config, store, logger);
  const threads = new ThreadStore(store.db, logger);
  const pruned = await threads.prune(new Date(Date.now() - THREAD_RETENTION_DAYS * 86_400_000));
  if (pruned > 0) logger.info({ pruned, retentionDays: THREAD_RETENTION_DAYS }, 'Deleted old result threads');
  return { bot: createBot(config, logger, engine, threads, options.charts), engine };
}

/**
 * Builds the bot core for a chat server (`serve slack`, `serve discord`) without waiting for the
 * database: the store and the engine open in the background, with retries, while the platform
 * connection starts. Until they are open, requests get the "data store unavailable" or "engine
 * starting" reply. `services.report()` is the readiness source for the health server, and
 * `services.close()` stops the retries and closes the engine and the store.
 */
export function startChatBot(
  config: Config,
  logger: Logger,
  options: { charts: boolean } = { charts: true },
): { bot: ExitBot; services: BotServices } {
  const services = new BotServices({
    openStore: () => openStore(config.databaseUrl, logger),
    openEngine: (store) => openEngineClient(config, store, logger),
    describeEngine: () => describeEngineClient(config),
    logger,
  });
  const bot = createBot(config, logger, services.engine, services.threads, options.charts);
  void services.start();
  return { bot, services };
}
