import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { errorReply, rateLimitedReply } from '../../../bot/messages.js';
import { postReply, slackErrorCode } from '../post.js';
import { type SlackHandlerContext, userKey } from './context.js';

/** Slack user and channel mentions (`<@U123>`, `<#C123|name>`), removed before a follow-up is parsed. */
const MENTION = /<[@#!][^>]*>/g;

/**
 * Messages in threads: a reply in a thread that contains an EXIT result is a follow-up question. A
 * retried delivery of an event already handled is dropped, so no event gets two replies.
 */
export function registerMessages(app: App, context: SlackHandlerContext): void {
  app.event('message', async ({ event, body, client, context: boltContext }) => {
    if (
      event.subtype !== undefined ||
      !('thread_ts' in event) ||
      !event.thread_ts ||
      event.thread_ts === event.ts
    )
      return;
    if (event.bot_id || !event.user || typeof event.text !== 'string') return;
    const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
    const requestId = randomUUID();
    const logger = context.logger.child({
      requestId,
      platform: 'slack',
      event: eventId,
      team: (body as { team_id?: string }).team_id,
      channel: event.channel,
      user: event.user,
      thread: event.thread_ts,
    });
    if (!context.deliveries.claim(eventId)) {
      logger.info(
        { retryNum: boltContext.retryNum, retryReason: boltContext.retryReason },
        'Retried delivery of a handled event; not answering again',
      );
      return;
    }
    if (boltContext.retryNum)
      logger.info(
        { retryNum: boltContext.retryNum },
        'Retried delivery of an event not seen before; answering it',
      );
    const teamId = (body as { team_id?: string }).team_id;
    // Checked only for messages in EXIT's threads, so the log counts follow-ups, not every thread reply.
    const allowed = () =>
      context.access.allows(
        { workspaceId: teamId ?? null, channelId: event.channel, userId: event.user, kind: 'follow-up' },
        logger,
      );
    const thread = { platform: 'slack', channelId: event.channel, threadId: event.thread_ts };
    let resultThread: boolean;
    try {
      resultThread = await context.bot.isResultThread(thread);
    } catch (error) {
      // Without the store EXIT cannot tell its result threads apart, so it replies only in threads
      // whose parent message it posted itself, and ignores all others.
      const parentUser = (event as { parent_user_id?: string }).parent_user_id;
      const ours = parentUser !== undefined && parentUser === boltContext.botUserId;
      logger.error({ err: error, answered: ours }, 'Looking up the thread failed');
      if (ours && allowed() && context.followUpLimiter.take(userKey(teamId, event.user)) === 0)
        await postReply(client, event.channel, event.thread_ts, errorReply(error, requestId), logger).catch(
          (postError: unknown) => logger.warn({ err: postError }, 'Posting the failure notice failed'),
        );
      return;
    }
    // Most thread messages in a channel are not about EXIT; they are dropped before the rate limit.
    if (!resultThread || !allowed()) return;
    const text = event.text.replace(MENTION, ' ').trim();
    const wait = context.followUpLimiter.take(userKey(teamId, event.user));
    if (wait > 0) {
      logger.info({ retryAfterSeconds: wait }, 'Follow-up rate-limited');
      await client.chat
        .postEphemeral({
          channel: event.channel,
          user: event.user,
          thread_ts: event.thread_ts,
          text: rateLimitedReply(wait).title,
        })
        .catch((error: unknown) => logger.warn({ err: error }, 'Rate-limit notice failed'));
      return;
    }
    const reply = await context.bot.followUp({ thread, userId: event.user, requestId, logger }, text);
    if (!reply) return;
    try {
      await postReply(client, event.channel, event.thread_ts, reply, logger);
    } catch (error) {
      logger.error({ err: error, slackError: slackErrorCode(error) }, 'Posting the follow-up reply failed');
    }
  });
}
