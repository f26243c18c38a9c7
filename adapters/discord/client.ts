import { once } from 'node:events';
import {
  Client,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  type Message,
  type RESTOptions,
} from 'discord.js';
import type { ExitBot } from '../../bot/exit-bot.js';
import type { ShutdownDrain } from '../../bot/shutdown-drain.js';
import { ExitError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { createHandlerContext } from './handlers/context.js';
import { handleInvocation } from './handlers/interaction.js';
import { handleThreadMessage, type ThreadMessage } from './handlers/messages.js';
import { invocationFromInteraction } from './invocation.js';
import { NO_MENTIONS } from './payload.js';
import { GatewayResponder } from './responder.js';
import { discordRestOptions } from './rest.js';
import type { DiscordSettings } from './settings.js';

/** How long `start` waits for the gateway's READY and the guilds that follow it. */
const READY_TIMEOUT_MS = 60_000;

export interface DiscordGatewayOptions {
  settings: Extract<DiscordSettings, { mode: 'gateway' }>;
  bot: ExitBot;
  logger: Logger;
  /** REST options beyond the API URL from the settings; tests turn retries off. */
  rest?: Partial<RESTOptions>;
  /** Thread messages, `/ask` and result buttons one user may send per minute. */
  followUpsPerMinute?: number;
  /** Tracks answers in flight for a graceful shutdown; `exitbot serve discord` drains it on SIGTERM. */
  drain?: ShutdownDrain;
}

export interface DiscordGatewayBot {
  client: Client;
  /** Logs in and resolves once the client is ready. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Returns the intents EXIT requests: Guilds caches channels and threads, GuildMessages delivers thread
 * messages, and the privileged MessageContent fills in their text when enabled.
 */
export function gatewayIntents(messageContent: boolean): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  if (messageContent) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

function threadMessage(message: Message, botUserId: string | undefined): ThreadMessage {
  const channel = message.channel;
  return {
    id: message.id,
    guildId: message.guildId,
    channelId: message.channelId,
    authorId: message.author.id,
    automated: message.author.bot || message.system || message.webhookId !== null,
    content: message.content,
    attachmentCount: message.attachments.size,
    parentChannelId: channel.isThread() ? channel.parentId : null,
    threadOwnedByBot: channel.isThread() && botUserId !== undefined && channel.ownerId === botUserId,
  };
}

function loginError(error: unknown, messageContent: boolean): ExitError {
  const message = error instanceof Error ? error.message : String(error);
  if (
    (error as { code?: unknown }).code === DiscordjsErrorCodes.TokenInvalid ||
    /401|unauthori[sz]ed/i.test(message)
  )
    return new ExitError(
      'CONFIG_INVALID',
      "Discord rejected EXIT_DISCORD_TOKEN. Copy the token from the Developer Portal's Bot page (Reset Token).",
      {},
      { cause: error },
    );
  if (/disallowed intents/i.test(message))
    return new ExitError(
      'CONFIG_INVALID',
      messageContent
        ? 'Discord refused the Message Content intent. Enable it under Bot → Privileged Gateway Intents, or set EXIT_DISCORD_MESSAGE_CONTENT=off to use /ask.'
        : `Discord refused the requested intents: ${message}.`,
      {},
      { cause: error },
    );
  return new ExitError(
    'INTERNAL',
    `Connecting to the Discord gateway failed: ${message}`,
    {},
    { cause: error },
  );
}

/**
 * Builds the gateway bot: a discord.js client that receives `/exit`, `/ask` and button interactions
 * and, in result threads, plain messages as follow-up questions.
 */
export function createDiscordGatewayBot(options: DiscordGatewayOptions): DiscordGatewayBot {
  const { settings, logger } = options;
  const client = new Client({
    intents: gatewayIntents(settings.messageContent),
    rest: { ...discordRestOptions(settings.apiUrl), ...options.rest },
    allowedMentions: NO_MENTIONS,
  });
  const context = createHandlerContext({
    bot: options.bot,
    logger,
    rest: client.rest,
    settings,
    followUpsPerMinute: options.followUpsPerMinute,
    drain: options.drain,
  });

  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isRepliable()) return;
    void handleInvocation(context, invocationFromInteraction(interaction), new GatewayResponder(interaction));
  });
  client.on(Events.MessageCreate, (message) => {
    if (!message.channel.isThread()) return;
    void handleThreadMessage(context, threadMessage(message, client.user?.id));
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'Discord client error'));
  client.on(Events.Warn, (warning) => logger.warn({ warning }, 'Discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.error(
      { code: event.code, shardId },
      'Discord gateway closed the connection and will not reconnect',
    ),
  );
  client.on(Events.ShardReconnecting, (shardId) =>
    logger.info({ shardId }, 'Reconnecting to the Discord gateway'),
  );
  client.on(Events.ShardResume, (shardId, replayed) =>
    logger.info({ shardId, replayed }, 'Discord gateway session resumed'),
  );

  return {
    client,
    async start() {
      const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
      try {
        await client.login(settings.token);
        await ready;
      } catch (error) {
        ready.catch(() => undefined);
        await client.destroy();
        throw loginError(error, settings.messageContent);
      }
      logger.info(
        { user: client.user?.id, guilds: client.guilds.cache.size, messageContent: settings.messageContent },
        'Discord bot connected to the gateway',
      );
    },
    async stop() {
      await client.destroy();
      logger.info('Discord bot stopped');
    },
  };
}
