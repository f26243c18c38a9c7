import type { REST } from 'discord.js';
import { LRUCache } from 'lru-cache';
import { AccessPolicy } from '../../../bot/access-policy.js';
import type { ExitBot } from '../../../bot/exit-bot.js';
import { rateLimitedReply, workspaceRateLimitedReply } from '../../../bot/messages.js';
import { RateLimiter } from '../../../bot/rate-limit.js';
import type { Reply } from '../../../bot/reply.js';
import { ShutdownDrain } from '../../../bot/shutdown-drain.js';
import type { ThreadKey } from '../../../bot/thread-state.js';
import type { Logger } from '../../../core/logger.js';
import { PendingAcknowledgements } from '../acknowledgements.js';
import { DiscordChannels } from '../channels.js';
import type { DiscordSettings } from '../settings.js';

/** Dependencies every Discord handler shares, on the gateway and on the HTTP endpoint. */
export interface DiscordHandlerContext {
  bot: ExitBot;
  logger: Logger;
  channels: DiscordChannels;
  /** `/exit` searches and "pick" buttons, per user. */
  searchLimiter: RateLimiter;
  /** `/ask`, thread messages and result buttons, per user. */
  followUpLimiter: RateLimiter;
  /** `/exit` searches and "pick" buttons, per guild; direct messages have only the user limit. */
  guildLimiter: RateLimiter;
  /** The allowed guilds and channels. */
  access: AccessPolicy;
  /** False without the Message Content intent, and always on the HTTP endpoint: follow-ups then come through `/ask`. */
  readsMessages: boolean;
  /** True on the HTTP endpoint, which receives no thread messages, so each new thread gets a notice about `/ask`. */
  announceAsk: boolean;
  notices: Notices;
  /** First responses in flight; searches start only when they are sent. */
  acknowledgements: PendingAcknowledgements;
  /** Interactions and thread messages being answered, so a shutdown can wait for them. */
  drain: ShutdownDrain;
}

/**
 * Remembers which one-time notices were sent: the `/ask` notice once per thread, and the
 * rate-limit notice at most once a minute per user, so a chatty thread gets no notice flood.
 * NOTE: the memory is per process; after a restart a thread may get the `/ask` notice again.
 */
export class Notices {
  private readonly perThread = new LRUCache<string, true>({ max: 10_000 });
  private readonly perMinute = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });

  /** Records the thread's `/ask` notice; returns false when it was already sent. */
  claimAskNotice(threadId: string): boolean {
    if (this.perThread.has(threadId)) return false;
    this.perThread.set(threadId, true);
    return true;
  }

  /** Records a rate-limit notice for the user; returns false when one was sent in the last minute. */
  claimRateLimitNotice(userId: string): boolean {
    if (this.perMinute.has(userId)) return false;
    this.perMinute.set(userId, true);
    return true;
  }
}

/**
 * Returns the thread key of a Discord result. Channel and thread ids are unique across Discord, so
 * the guild id ('@me' in direct messages) is stored as the channel id. The anchor message id, which
 * is also the id of the thread opened on it, identifies the result.
 */
export function discordThread(guildId: string | null, anchor: string): ThreadKey {
  return { platform: 'discord', channelId: guildId ?? '@me', threadId: anchor };
}

export const ASK_NOTICE =
  "EXIT cannot read plain messages in this thread, because it runs without Discord's Message Content intent. " +
  'Ask with /ask instead, for example "/ask question: details 2" or "/ask question: 2번 자세히".';

/** `/exit` commands per guild per minute when the settings give none (EXIT_DISCORD_GUILD_RATE_LIMIT's default). */
const DEFAULT_GUILD_RATE_LIMIT = 60;

/** Builds the handler dependencies shared by the gateway bot and the HTTP endpoint. */
export function createHandlerContext(options: {
  bot: ExitBot;
  logger: Logger;
  rest: REST;
  settings: DiscordSettings;
  followUpsPerMinute?: number | undefined;
  drain?: ShutdownDrain | undefined;
}): DiscordHandlerContext {
  return {
    bot: options.bot,
    logger: options.logger,
    channels: new DiscordChannels(options.rest),
    searchLimiter: new RateLimiter(options.settings.rateLimitPerMinute),
    followUpLimiter: new RateLimiter(options.followUpsPerMinute ?? 30),
    guildLimiter: new RateLimiter(options.settings.guildRateLimitPerMinute ?? DEFAULT_GUILD_RATE_LIMIT),
    access: new AccessPolicy({
      platform: 'discord',
      allowedWorkspaces: options.settings.allowedGuilds ?? null,
      allowedChannels: options.settings.allowedChannels ?? null,
    }),
    readsMessages: options.settings.messageContent,
    announceAsk: options.settings.mode === 'http',
    notices: new Notices(),
    acknowledgements: new PendingAcknowledgements(),
    drain: options.drain ?? new ShutdownDrain(),
  };
}

/**
 * Takes one search from the user's and the guild's budgets. Returns null when both allow it,
 * otherwise the reply to send; a search the guild limit rejects is not counted against the user.
 */
export function takeSearch(
  context: DiscordHandlerContext,
  guildId: string | null,
  userId: string,
): { reply: Reply; retryAfterSeconds: number; limit: 'user' | 'guild' } | null {
  const userWait = context.searchLimiter.take(userId);
  if (userWait > 0) return { reply: rateLimitedReply(userWait), retryAfterSeconds: userWait, limit: 'user' };
  if (guildId === null) return null;
  const guildWait = context.guildLimiter.take(guildId);
  if (guildWait === 0) return null;
  context.searchLimiter.refund(userId);
  return {
    reply: workspaceRateLimitedReply(guildWait, 'server'),
    retryAfterSeconds: guildWait,
    limit: 'guild',
  };
}
