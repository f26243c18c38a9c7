import type { Command } from 'commander';
import { ShutdownDrain } from '../../../bot/shutdown-drain.js';
import { createSlackBot } from '../../slack/app.js';
import { useShutdownDrain } from '../../slack/drain-middleware.js';
import { requireSlackSettings } from '../../slack/settings.js';
import { loadServiceRuntime } from '../runtime.js';
import { startChatBot } from './chat-bot.js';
import { parsePositiveInt } from './options.js';
import { drainInFlight, startConfiguredHealthServer, waitForShutdown } from './serve.js';

export function registerServeSlack(serve: Command): void {
  serve
    .command('slack')
    .description('Run the Slack bot (HTTP mode or Socket Mode, from EXIT_SLACK_MODE); see docs/slack.md')
    .option('--port <port>', 'HTTP port for Slack requests (default: EXIT_SLACK_PORT or 3000)')
    .option('--host <address>', 'listen address (default: EXIT_SLACK_HOST or 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      const { config, logger } = loadServiceRuntime();
      const slackConfig = {
        ...config.slack,
        ...(options.port !== undefined ? { port: parsePositiveInt('--port', options.port, 65535) } : {}),
        ...(options.host !== undefined ? { host: options.host } : {}),
      };
      const settings = requireSlackSettings(slackConfig);
      // The store and the engine open in the background, so Slack is served even while MySQL is down.
      const { bot, services } = startChatBot(config, logger);
      let health: Awaited<ReturnType<typeof startConfiguredHealthServer>> = null;
      try {
        health = await startConfiguredHealthServer(config, () => services.report(), logger);
        const slack = createSlackBot({
          settings,
          bot,
          logger,
          ...(config.slack.apiUrl ? { clientOptions: { slackApiUrl: config.slack.apiUrl } } : {}),
        });
        const drain = new ShutdownDrain();
        useShutdownDrain(slack.app, drain, logger);
        const { eventsUrl } = await slack.start();
        process.stdout.write(
          eventsUrl
            ? `Slack bot listening on ${eventsUrl} (Ctrl-C to stop)\n`
            : 'Slack bot connected over Socket Mode (Ctrl-C to stop)\n',
        );
        await waitForShutdown(logger);
        health?.markStopping();
        await drainInFlight(drain, config, logger);
        await slack.stop();
      } finally {
        await services.close();
        await health?.close();
      }
    });
}
