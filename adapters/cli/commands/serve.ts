import type { Command } from 'commander';
import type { Logger } from '../../../core/logger.js';
import { registerServeDiscord } from './discord-serve.js';
import { registerServeEngine } from './serve-engine.js';
import { registerServeSlack } from './serve-slack.js';

/** `exitbot serve <service>`: long-running services, stopped with Ctrl-C or SIGTERM. */
export function registerServe(program: Command): void {
  const serve = program
    .command('serve')
    .description('Run a long-running service: the Slack bot, the Discord bot or the engine HTTP API');
  registerServeSlack(serve);
  registerServeDiscord(serve);
  registerServeEngine(serve);
}

/** Resolves on the first SIGINT or SIGTERM, so a service can close its server and store in order. */
export function waitForShutdown(logger: Logger): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      logger.info({ signal }, 'Shutting down');
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
