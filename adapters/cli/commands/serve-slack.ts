import type { Command } from 'commander';
import { createChartRenderer } from '../../../bot/charts/renderer.js';
import { ExitBot } from '../../../bot/exit-bot.js';
import { openEngineClient } from '../../../bot/open-engine.js';
import { ThreadStore } from '../../../bot/thread-store.js';
import { createSlackBot } from '../../slack/app.js';
import { requireSlackSettings } from '../../slack/settings.js';
import { withRuntime } from '../runtime.js';
import { parsePositiveInt } from './options.js';
import { waitForShutdown } from './serve.js';

/** Result threads untouched for this long are deleted at start-up. */
const THREAD_RETENTION_DAYS = 90;

export function registerServeSlack(serve: Command): void {
  serve
    .command('slack')
    .description('Run the Slack bot (HTTP mode or Socket Mode, from EXIT_SLACK_MODE); see docs/slack.md')
    .option('--port <port>', 'HTTP port for Slack requests (default: EXIT_SLACK_PORT or 3000)')
    .option('--host <address>', 'listen address (default: EXIT_SLACK_HOST or 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      await withRuntime(async ({ config, logger, store }) => {
        const slackConfig = {
          ...config.slack,
          ...(options.port !== undefined ? { port: parsePositiveInt('--port', options.port, 65535) } : {}),
          ...(options.host !== undefined ? { host: options.host } : {}),
        };
        const settings = requireSlackSettings(slackConfig);
        const engine = await openEngineClient(config, store, logger);
        const threads = new ThreadStore(store.db, logger);
        const pruned = await threads.prune(new Date(Date.now() - THREAD_RETENTION_DAYS * 86_400_000));
        if (pruned > 0)
          logger.info({ pruned, retentionDays: THREAD_RETENTION_DAYS }, 'Deleted old result threads');
        const bot = new ExitBot({
          engine,
          threads,
          logger,
          defaultTopK: config.topK,
          maxSearches: config.botMaxSearches,
          // Charts compare valuations carried in the result, so they work with a remote engine too.
          charts: createChartRenderer({ logger }),
        });
        const slack = createSlackBot({
          settings,
          bot,
          logger,
          ...(config.slack.apiUrl ? { clientOptions: { slackApiUrl: config.slack.apiUrl } } : {}),
        });
        const { eventsUrl } = await slack.start();
        process.stdout.write(
          eventsUrl
            ? `Slack bot listening on ${eventsUrl} (Ctrl-C to stop)\n`
            : 'Slack bot connected over Socket Mode (Ctrl-C to stop)\n',
        );
        await waitForShutdown(logger);
        await slack.stop();
        await engine.close();
      });
    });
}
