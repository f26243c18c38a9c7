import { randomUUID } from 'node:crypto';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_PREFIX } from '../blocks.js';
import { postReply, slackErrorCode } from '../post.js';
import { followUpLimit, type SlackHandlerContext, takeSearch } from './context.js';
import { runSlackSearch } from './search.js';

const ACTION_ID = new RegExp(`^${ACTION_PREFIX}(details|patents|valuation|exclude|more|pick)_`);

/**
 * Buttons: details, patents, valuation, exclude and more get their reply in the result thread,
 * from the stored result, and pick (after an ambiguous name) runs a new search for the chosen company.
 */
export function registerActions(app: App, context: SlackHandlerContext): void {
  app.action<BlockAction<ButtonAction>>(ACTION_ID, async ({ ack, body, action, client, respond }) => {
    await ack();
    const kind = ACTION_ID.exec(action.action_id)?.[1] as
      | 'details'
      | 'patents'
      | 'valuation'
      | 'exclude'
      | 'more'
      | 'pick';
    const channel = body.channel?.id;
    const requestId = randomUUID();
    const logger = context.logger.child({
      requestId,
      platform: 'slack',
      action: kind,
      team: body.team?.id,
      channel,
      user: body.user.id,
    });
    if (!channel) {
      logger.warn('Button press without a channel; ignored');
      return;
    }
    const origin = { workspaceId: body.team?.id ?? null, channelId: channel, userId: body.user.id };
    if (!context.access.allows({ ...origin, kind: 'button' }, logger)) return;
    const limited =
      kind === 'pick'
        ? takeSearch(context, body.team?.id, body.user.id)
        : followUpLimit(context, body.team?.id, body.user.id);
    if (limited) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: limited.reply.title });
      logger.info(
        { retryAfterSeconds: limited.retryAfterSeconds, limit: limited.limit },
        'Button press rate-limited',
      );
      return;
    }
    if (kind === 'pick') {
      const plan = context.bot.planCommand(action.value ?? '');
      if (plan.kind === 'reply') {
        await respond({ response_type: 'ephemeral', replace_original: false, text: plan.reply.title });
        return;
      }
      logger.info({ company: plan.request.company }, 'Candidate picked; searching');
      await runSlackSearch(
        context.bot,
        {
          client,
          channel,
          userId: body.user.id,
          plan,
          requestId,
          logger,
          notifyUser: async (text) => {
            await respond({ response_type: 'ephemeral', replace_original: false, text });
          },
        },
        context.progressIntervalMs,
      );
      return;
    }
    const message = body.message;
    const threadTs = (message?.thread_ts as string | undefined) ?? (message?.ts as string | undefined);
    if (!threadTs) {
      logger.warn('Button press without a message; ignored');
      return;
    }
    const thread = { platform: 'slack', channelId: channel, threadId: threadTs };
    const reply = await context.bot.action(
      { thread, userId: body.user.id, requestId, logger },
      kind,
      action.value ?? '',
    );
    if (!reply) return;
    try {
      await postReply(client, channel, threadTs, reply, logger);
    } catch (error) {
      logger.error({ err: error, slackError: slackErrorCode(error) }, 'Posting the button reply failed');
    }
  });
}
