import { randomUUID } from 'node:crypto';
import { errorReply, rateLimitedReply } from '../../../bot/messages.js';
import { noticeMessage, renderDiscordMessages } from '../embeds.js';
import { discordErrorCode } from '../errors.js';
import { ASK_NOTICE, type DiscordHandlerContext, discordThread } from './context.js';

/** A message typed in a thread, as the gateway delivers it. */
export interface ThreadMessage {
  id: string;
  guildId: string | null;
  /** The thread's id, which is also the id of the result's anchor message. */
  channelId: string;
  authorId: string;
  /** True for bots, webhooks and system messages, which are never follow-ups. */
  automated: boolean;
  /** Empty without the Message Content intent, except in messages that mention the bot. */
  content: string;
  attachmentCount: number;
  /** The channel the thread belongs to; allow-lists match on it. */
  parentChannelId: string | null;
  /** True when the bot opened the thread, so it is a result thread even when the store is unavailable. */
  threadOwnedByBot: boolean;
}

/** User mentions (`<@123>`, `<@!123>`), removed so "@EXIT details 2" reads as "details 2". */
const USER_MENTION = /<@!?\d+>/g;

/**
 * Replies to a message in a result thread, read as a follow-up question. Without the Message
 * Content intent its content arrives empty, and the bot posts a notice once per thread pointing
 * to `/ask`.
 */
export function handleThreadMessage(context: DiscordHandlerContext, message: ThreadMessage): Promise<void> {
  return context.drain.track(() => answerThreadMessage(context, message));
}

async function answerThreadMessage(context: DiscordHandlerContext, message: ThreadMessage): Promise<void> {
  if (message.automated) return;
  const thread = discordThread(message.guildId, message.channelId);
  const requestId = randomUUID();
  const logger = context.logger.child({
    requestId,
    platform: 'discord',
    message: message.id,
    guild: message.guildId,
    thread: message.channelId,
    user: message.authorId,
  });
  // Checked only for messages in EXIT's threads, so the log counts follow-ups, not every thread reply.
  const allowed = () =>
    context.access.allows(
      {
        workspaceId: message.guildId,
        channelId: message.parentChannelId ?? message.channelId,
        userId: message.authorId,
        kind: 'follow-up',
      },
      logger,
    );
  try {
    let resultThread: boolean;
    try {
      resultThread = await context.bot.isResultThread(thread);
    } catch (error) {
      // Without the store EXIT cannot tell its result threads apart, so it replies only in threads
      // it opened itself, and ignores all others.
      logger.error({ err: error, answered: message.threadOwnedByBot }, 'Looking up the thread failed');
      if (message.threadOwnedByBot && allowed() && context.followUpLimiter.take(message.authorId) === 0)
        await context.channels.post(
          message.channelId,
          noticeMessage(errorReply(error, requestId).title, 'error'),
          message.id,
        );
      return;
    }
    // Most thread messages in a server are not about EXIT; they stop here, mostly without a database read.
    if (!resultThread || !allowed()) return;
    const text = message.content.replace(USER_MENTION, ' ').trim();
    if (!text) {
      if (
        !context.readsMessages &&
        message.attachmentCount === 0 &&
        context.notices.claimAskNotice(message.channelId)
      ) {
        await context.channels.post(message.channelId, noticeMessage(ASK_NOTICE));
        logger.info('Message without content in a result thread; pointed the thread to /ask');
      }
      return;
    }
    const wait = context.followUpLimiter.take(message.authorId);
    if (wait > 0) {
      logger.info({ retryAfterSeconds: wait }, 'Follow-up rate-limited');
      if (context.notices.claimRateLimitNotice(message.authorId))
        await context.channels.post(
          message.channelId,
          noticeMessage(rateLimitedReply(wait).title, 'error'),
          message.id,
        );
      return;
    }
    const reply = await context.bot.followUp({ thread, userId: message.authorId, requestId, logger }, text);
    if (!reply) return;
    const messages = renderDiscordMessages(reply, message.channelId);
    for (const [i, rendered] of messages.entries())
      await context.channels.post(message.channelId, rendered, i === 0 ? message.id : undefined);
  } catch (error) {
    logger.error(
      { err: error, discordCode: discordErrorCode(error) },
      'Replying to the thread message failed',
    );
  }
}
