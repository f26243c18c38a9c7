import type { Command } from 'commander';
import { ShutdownDrain } from '../../../bot/shutdown-drain.js';
import { createDiscordGatewayBot } from '../../discord/client.js';
import { createDiscordHttpEndpoint } from '../../discord/http-endpoint.js';
import { requireDiscordSettings } from '../../discord/settings.js';
import { loadServiceRuntime } from '../runtime.js';
import { startChatBot } from './chat-bot.js';
import { parsePositiveInt } from './options.js';
import { drainInFlight, startConfiguredHealthServer, waitForShutdown } from './serve.js';

/** `exitbot serve discord`: the gateway bot, or the HTTP interactions endpoint when EXIT_DISCORD_MODE=http. */
export function registerServeDiscord(serve: Command): void {
  serve
    .command('discord')
    .description(
      'Run the Discord bot (gateway, or the HTTP interactions endpoint with EXIT_DISCORD_MODE=http); see docs/discord.md',
    )
    .option(
      '--port <port>',
      'HTTP mode: port of the interactions endpoint (default: EXIT_DISCORD_PORT or 3001)',
    )
    .option('--host <address>', 'HTTP mode: listen address (default: EXIT_DISCORD_HOST or 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      const { config, logger } = loadServiceRuntime();
      const settings = requireDiscordSettings({
        ...config.discord,
        ...(options.port !== undefined ? { port: parsePositiveInt('--port', options.port, 65535) } : {}),
        ...(options.host !== undefined ? { host: options.host } : {}),
      });
      // The store and the engine open in the background, so Discord is served even while MySQL is down.
      const { bot, services } = startChatBot(config, logger);
      // On SIGTERM, answers in flight finish (up to EXIT_SHUTDOWN_GRACE_MS) before the connection closes.
      const drain = new ShutdownDrain();
      let health: Awaited<ReturnType<typeof startConfiguredHealthServer>> = null;
      try {
        health = await startConfiguredHealthServer(config, () => services.report(), logger);
        if (settings.mode === 'http') {
          const endpoint = createDiscordHttpEndpoint({ settings, bot, logger, drain });
          const { url } = await endpoint.start();
          process.stdout.write(`Discord interactions endpoint listening on ${url} (Ctrl-C to stop)\n`);
          await waitForShutdown(logger);
          health?.markStopping();
          await drainInFlight(drain, config, logger);
          await endpoint.stop();
        } else {
          const gateway = createDiscordGatewayBot({ settings, bot, logger, drain });
          await gateway.start();
          process.stdout.write(
            `Discord bot connected as ${gateway.client.user?.tag ?? 'unknown'} (Ctrl-C to stop)\n`,
          );
          await waitForShutdown(logger);
          health?.markStopping();
          await drainInFlight(drain, config, logger);
          await gateway.stop();
        }
      } finally {
        await services.close();
        await health?.close();
      }
    });
}
