import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type webApi } from '@slack/bolt';
import { AccessPolicy } from '../../bot/access-policy.js';
import type { ExitBot } from '../../bot/exit-bot.js';
import { RateLimiter } from '../../bot/rate-limit.js';
import { ExitError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { toSlackLogger } from './bolt-logger.js';
import { RecentDeliveries } from './deliveries.js';
import { registerActions } from './handlers/actions.js';
import { registerCommand } from './handlers/command.js';
import type { SlackHandlerContext } from './handlers/context.js';
import { registerMessages } from './handlers/messages.js';
import { slackErrorCode } from './post.js';
import type { SlackSettings } from './settings.js';

/** The HTTP path Slack sends commands, button presses and events to (the manifest's request URL). */
export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/health';

/** `/exit` commands per workspace per minute when the settings give none (EXIT_SLACK_TEAM_RATE_LIMIT's default). */
const DEFAULT_TEAM_RATE_LIMIT = 60;

export interface SlackBotOptions {
  settings: SlackSettings;
  bot: ExitBot;
  logger: Logger;
  /** Web API client options; tests point `slackApiUrl` at a local fake Slack API. */
  clientOptions?: webApi.WebClientOptions;
  /** Milliseconds between progress updates of a running search's message. */
  progressIntervalMs?: number;
  /** Follow-up messages and buttons one user may send per minute. */
  followUpsPerMinute?: number;
}

export interface SlackBot {
  app: App;
  /** Starts receiving. In HTTP mode returns the listening server and the URL of the events endpoint. */
  start(): Promise<{ eventsUrl: string | null; server: Server | null }>;
  stop(): Promise<void>;
}

/**
 * Builds the Slack app: Bolt with the HTTP receiver (request signatures verified, stale timestamps
 * rejected) or Socket Mode, the `/exit` command, EXIT's buttons and thread follow-ups.
 */
export function createSlackBot(options: SlackBotOptions): SlackBot {
  const { settings, logger } = options;
  const slackLogger = toSlackLogger(logger);
  const common = {
    token: settings.botToken,
    logger: slackLogger,
    convoStore: false as const,
    deferInitialization: true,
    ...(options.clientOptions ? { clientOptions: { ...options.clientOptions, logger: slackLogger } } : {}),
  };
  let receiver: HTTPReceiver | null = null;
  let app: App;
  if (settings.mode === 'http') {
    receiver = new HTTPReceiver({
      signingSecret: settings.signingSecret,
      endpoints: EVENTS_PATH,
      logger: slackLogger,
      // Acknowledge as soon as a listener calls ack(); the result follows through the Web API.
      processBeforeResponse: false,
      customRoutes: [
        {
          path: HEALTH_PATH,
          method: ['GET'],
          handler: (_request, response) => {
            response.writeHead(200, { 'content-type': 'text/plain' });
            response.end('ok');
          },
        },
      ],
    });
    app = new App({ ...common, receiver });
  } else {
    // NOTE: Socket Mode is built from Bolt's own receiver and has no test against a fake Slack here.
    // Its apps.connections.open call takes the Web API options from installerOptions.
    app = new App({
      ...common,
      appToken: settings.appToken,
      socketMode: true,
      ...(options.clientOptions ? { installerOptions: { clientOptions: options.clientOptions } } : {}),
    });
  }

  const context: SlackHandlerContext = {
    bot: options.bot,
    logger,
    searchLimiter: new RateLimiter(settings.rateLimitPerMinute),
    followUpLimiter: new RateLimiter(options.followUpsPerMinute ?? 30),
    teamLimiter: new RateLimiter(settings.teamRateLimitPerMinute ?? DEFAULT_TEAM_RATE_LIMIT),
    access: new AccessPolicy({
      platform: 'slack',
      allowedWorkspaces: settings.allowedTeams ?? null,
      allowedChannels: settings.allowedChannels ?? null,
    }),
    deliveries: new RecentDeliveries(),
    progressIntervalMs: options.progressIntervalMs ?? 5000,
  };
  registerCommand(app, context);
  registerActions(app, context);
  registerMessages(app, context);
  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'Unhandled error in a Slack listener');
  });

  return {
    app,
    async start() {
      try {
        // auth.test: a wrong or revoked bot token fails here, at start-up, not on the first command.
        await app.init();
      } catch (error) {
        const code = slackErrorCode(error);
        throw new ExitError(
          'CONFIG_INVALID',
          code
            ? `Slack rejected EXIT_SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token from the app's OAuth & Permissions page.`
            : `Slack's auth.test call failed: ${(error as Error).message}`,
          {},
          { cause: error },
        );
      }
      if (settings.mode === 'socket') {
        await app.start();
        logger.info({ mode: 'socket' }, 'Slack bot connected over Socket Mode');
        return { eventsUrl: null, server: null };
      }
      const server = (await app.start({ port: settings.port, host: settings.host })) as Server;
      const address = server.address() as AddressInfo;
      const eventsUrl = `http://${address.address}:${address.port}${EVENTS_PATH}`;
      logger.info({ mode: 'http', eventsUrl }, 'Slack bot listening');
      return { eventsUrl, server };
    },
    async stop() {
      await app.stop();
      logger.info('Slack bot stopped');
    },
  };
}
