import type { Command } from 'commander';
import { createDiscordGatewayBot } from '../../discord/client.js';
import { createDiscordHttpEndpoint } from '../../discord/http-endpoint.js';
import { requireDiscordSettings } from '../../discord/settings.js';
import { withRuntime } from '../runtime.js';
import { openChatBot } from './chat-bot.js';
import { parsePositiveInt } from './options.js';
import { waitForShutdown } from './serve.js';

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
      await withRuntime(async (runtime) => {
        const { config, logger } = runtime;
        const settings = requireDiscordSettings({
          ...config.discord,
          ...(options.port !== undefined ? { port: parsePositiveInt('--port', options.port, 65535) } : {}),
          ...(options.host !== undefined ? { host: options.host } : {}),
        });
        const { bot, engine } = await openChatBot(runtime);
        try {
          if (settings.mode === 'http') {
            const endpoint = createDiscordHttpEndpoint({ settings, bot, logger });
            const { url } = await endpoint.start();
            process.stdout.write(`Discord interactions endpoint listening on ${url} (Ctrl-C to stop)\n`);
            await waitForShutdown(logger);
            await endpoint.stop();
          } else {
            const gateway = createDiscordGatewayBot({ settings, bot, logger });
            await gateway.start();
            process.stdout.write(
              `Discord bot connected as ${gateway.client.user?.tag ?? 'unknown'} (Ctrl-C to stop)\n`,
            );
            await waitForShutdown(logger);
            await gateway.stop();
          }
        } finally {
          await engine.close();
        }
      });
    });
}
