import type { Server } from 'node:http';
import type { Command } from 'commander';
import type { ShutdownDrain } from '../../../bot/shutdown-drain.js';
import type { Config } from '../../../core/config.js';
import type { Logger } from '../../../core/logger.js';
import type { Engine } from '../../../engine/engine.js';
import { indexDir, readManifest } from '../../../engine/indexing/artifacts.js';
import { type HealthServer, type ReadinessSource, startHealthServer } from '../../health/server.js';
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

/**
 * Resolves on the first SIGINT or SIGTERM, so a service can drain and close in order. The handlers
 * are removed then, so a second signal stops the process at once with Node's default action.
 */
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

/** Starts the health server when EXIT_HEALTH_PORT is set; returns null when it is unset. */
export async function startConfiguredHealthServer(
  config: Config,
  readiness: ReadinessSource,
  logger: Logger,
): Promise<HealthServer | null> {
  if (config.health.port === null) return null;
  const server = await startHealthServer({
    host: config.health.host,
    port: config.health.port,
    readiness,
    logger,
  });
  process.stdout.write(`Health checks on ${server.url}/healthz and ${server.url}/readyz\n`);
  return server;
}

/**
 * Waits up to EXIT_SHUTDOWN_GRACE_MS for the requests in flight to post their replies, then returns
 * so the caller can close its connections. Requests still running then are cut off, and the log
 * records how many.
 */
export async function drainInFlight(drain: ShutdownDrain, config: Config, logger: Logger): Promise<void> {
  const active = drain.activeCount;
  if (active > 0) logger.info({ active, graceMs: config.shutdownGraceMs }, 'Waiting for answers in flight');
  const started = performance.now();
  const result = await drain.drain(config.shutdownGraceMs);
  const ms = Math.round(performance.now() - started);
  if (result.completed) logger.info({ ms }, 'Answers in flight finished');
  else
    logger.warn(
      { remaining: result.remaining, graceMs: config.shutdownGraceMs },
      'Shutdown grace time passed; stopping with answers still in flight',
    );
}

/** Describes the engine a bot uses, for /readyz: the remote origin, or the index folder's manifest. */
export function describeEngineClient(config: Config): { index: string; models: string } {
  if (config.engineApi.url) {
    const origin = new URL(config.engineApi.url).origin;
    return { index: `served by the remote engine at ${origin}`, models: `served by ${origin}` };
  }
  const dir = indexDir(config.dataDir);
  try {
    const manifest = readManifest(dir);
    return {
      index: `${manifest.patents.count} patents and ${manifest.profiles.count} profiles, built ${manifest.builtAt}`,
      models: 'loaded in this process',
    };
  } catch {
    return { index: `loaded from ${dir}`, models: 'loaded in this process' };
  }
}

/** Describes a loaded engine, for /readyz. */
export function describeEngine(engine: Engine): { index: string; models: string } {
  const { manifest, patentIndex, profileIndex, predictor } = engine.context;
  return {
    index: `${patentIndex.size} patents and ${profileIndex.size} profiles, built ${manifest.builtAt}`,
    models: `embedder ${manifest.embedder.id}, predictor ${predictor.id}`,
  };
}

/** How often a closing server's idle keep-alive connections are closed while requests finish. */
const IDLE_SWEEP_MS = 100;

/**
 * Stops `server` from accepting connections and waits up to `graceMs` for the requests in flight to
 * get their responses, closing keep-alive connections as they go idle. Connections still busy after
 * `graceMs` are closed, which cuts their requests off.
 */
export async function closeHttpServerGracefully(
  server: Server,
  graceMs: number,
  logger: Logger,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const timer = setTimeout(() => {
    logger.warn({ graceMs }, 'Shutdown grace time passed; closing connections with requests in flight');
    server.closeAllConnections();
  }, graceMs);
  server.closeIdleConnections();
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
  }
}
