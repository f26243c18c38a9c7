import { createChartRenderer } from '../../../bot/charts/renderer.js';
import type { EngineClient } from '../../../bot/engine-client.js';
import { ExitBot } from '../../../bot/exit-bot.js';
import { openEngineClient } from '../../../bot/open-engine.js';
import { ThreadStore } from '../../../bot/thread-store.js';
import type { Runtime } from '../runtime.js';

/** Result threads untouched for this long are deleted when a chat bot starts. */
const THREAD_RETENTION_DAYS = 90;

/**
 * Opens the bot core for a chat adapter (Discord, the console): the engine (remote when
 * EXIT_ENGINE_URL is set), thread state in the store with old threads pruned, and, unless
 * `charts` is false, the Chart.js renderer.
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
  const bot = new ExitBot({
    engine,
    threads,
    logger,
    defaultTopK: config.topK,
    maxSearches: config.botMaxSearches,
    charts: options.charts ? createChartRenderer({ logger }) : null,
  });
  return { bot, engine };
}
