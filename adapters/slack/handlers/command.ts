import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { notEnabledReply } from '../../../bot/messages.js';
import { renderSlackMessages } from '../blocks.js';
import { type SlackHandlerContext, takeSearch } from './context.js';
import { runSlackSearch } from './search.js';

/** The slash command's name, as registered in the app manifest. */
export const SLASH_COMMAND = '/exit';

/**
 * `/exit`: help and invalid input get their reply in the acknowledgement itself, visible only to
 * the user. A search is acknowledged at once, and its result follows in a thread. The acknowledgement never
 * waits for the engine, so it stays within Slack's 3-second limit.
 */
export function registerCommand(app: App, context: SlackHandlerContext): void {
  app.command(SLASH_COMMAND, async ({ command, ack, client, respond }) => {
    const requestId = randomUUID();
    const logger = context.logger.child({
      requestId,
      platform: 'slack',
      command: SLASH_COMMAND,
      team: command.team_id,
      channel: command.channel_id,
      user: command.user_id,
    });
    const origin = {
      workspaceId: command.team_id,
      channelId: command.channel_id,
      userId: command.user_id,
      kind: 'command' as const,
    };
    if (!context.access.allows(origin, logger)) {
      await ack({ response_type: 'ephemeral', text: notEnabledReply().title });
      return;
    }
    const plan = context.bot.planCommand(command.text ?? '');
    if (plan.kind === 'reply') {
      const [message] = renderSlackMessages(plan.reply);
      await ack({
        response_type: 'ephemeral',
        text: message?.text ?? plan.reply.title,
        blocks: message?.blocks ?? [],
      });
      logger.info({ reply: plan.reply.tone }, 'Command replied to without a search');
      return;
    }
    const limited = takeSearch(context, command.team_id, command.user_id);
    if (limited) {
      await ack({ response_type: 'ephemeral', text: limited.reply.title });
      logger.info(
        { retryAfterSeconds: limited.retryAfterSeconds, limit: limited.limit },
        'Command rate-limited',
      );
      return;
    }
    await ack();
    logger.info(
      { company: plan.request.company, sector: plan.request.sector ?? null, displayCount: plan.displayCount },
      'Command acknowledged; searching',
    );
    await runSlackSearch(
      context.bot,
      {
        client,
        channel: command.channel_id,
        userId: command.user_id,
        plan,
        requestId,
        logger,
        notifyUser: async (text) => {
          await respond({ response_type: 'ephemeral', text });
        },
      },
      context.progressIntervalMs,
    );
  });
}
