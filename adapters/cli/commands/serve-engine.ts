import type { Command } from 'commander';
import { startEngineServer } from '../../../bot/engine-api/server.js';
import { Engine } from '../../../engine/engine.js';
import { StartupReadiness } from '../../health/startup-readiness.js';
import { withRuntime } from '../runtime.js';
import { parsePositiveInt } from './options.js';
import {
  closeHttpServerGracefully,
  describeEngine,
  startConfiguredHealthServer,
  waitForShutdown,
} from './serve.js';

export function registerServeEngine(serve: Command): void {
  serve
    .command('engine')
    .description(
      'Serve the recommendation engine over HTTP for bots on other machines; see docs/engine-api.md',
    )
    .option('--port <port>', 'TCP port (default: EXIT_ENGINE_PORT or 8787)')
    .option('--host <address>', 'listen address (default: EXIT_ENGINE_HOST or 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      await withRuntime(async ({ config, logger, store }) => {
        const readiness = new StartupReadiness(store);
        const health = await startConfiguredHealthServer(config, () => readiness.report(), logger);
        const engine = await Engine.open(store, config, logger);
        await engine.warmUp();
        readiness.engineReady(describeEngine(engine));
        const server = await startEngineServer({
          engine,
          logger,
          host: options.host ?? config.engineApi.host,
          port:
            options.port !== undefined
              ? parsePositiveInt('--port', options.port, 65535)
              : config.engineApi.port,
          token: config.engineApi.token,
          requestTimeoutMs: config.requestTimeoutMs,
        });
        process.stdout.write(`Engine API listening on ${server.url} (Ctrl-C to stop)\n`);
        await waitForShutdown(logger);
        health?.markStopping();
        // Requests in flight get their answers; the server takes no new connections meanwhile.
        await closeHttpServerGracefully(server.server, config.shutdownGraceMs, logger);
        await health?.close();
      });
    });
}
