import { randomUUID } from 'node:crypto';
import type { ConversationContext } from '../../../bot/exit-bot.js';
import { rateLimitedReply } from '../../../bot/messages.js';
import { simpleReply } from '../../../bot/reply.js';
import type { Logger } from '../../../core/logger.js';
import { noticeMessage, renderDiscordMessages } from '../embeds.js';
import { discordErrorCode, isStaleInteraction } from '../errors.js';
import type { Invocation } from '../invocation.js';
import type { InteractionResponder } from '../responder.js';
import { type DiscordHandlerContext, discordThread } from './context.js';
import { respondWith, runDiscordSearch } from './search.js';

const NOT_A_RESULT_THREAD =
  'Use /ask inside a thread that EXIT opened for a result. Run /exit <company> to get one.';

type Of<K extends Invocation['kind']> = Extract<Invocation, { kind: K }>;

async function replyRateLimited(responder: InteractionResponder, wait: number): Promise<void> {
  await responder.reply(noticeMessage(rateLimitedReply(wait).title, 'error'), true);
}

async function exitCommand(
  context: DiscordHandlerContext,
  invocation: Of<'exit'>,
  responder: InteractionResponder,
  requestId: string,
  logger: Logger,
): Promise<void> {
  const plan = context.bot.planCommand(invocation.text);
  if (plan.kind === 'reply') {
    // Help and invalid input go only to the user who typed the command.
    const [first] = renderDiscordMessages(plan.reply, '');
    if (first) await responder.reply(first, true);
    logger.info({ reply: plan.reply.tone }, 'Command replied to without a search');
    return;
  }
  const wait = context.searchLimiter.take(invocation.userId);
  if (wait > 0) {
    await replyRateLimited(responder, wait);
    logger.info({ retryAfterSeconds: wait }, 'Command rate-limited');
    return;
  }
  await responder.defer(false);
  logger.info(
    { company: plan.request.company, sector: plan.request.sector ?? null, displayCount: plan.displayCount },
    'Command acknowledged; searching',
  );
  await runDiscordSearch(context, invocation, responder, plan, requestId, logger);
}

async function askCommand(
  context: DiscordHandlerContext,
  invocation: Of<'ask'>,
  responder: InteractionResponder,
  conversation: ConversationContext,
): Promise<void> {
  if (!(await context.bot.isResultThread(conversation.thread))) {
    await responder.reply(noticeMessage(NOT_A_RESULT_THREAD, 'error'), true);
    return;
  }
  const wait = context.followUpLimiter.take(invocation.userId);
  if (wait > 0) {
    await replyRateLimited(responder, wait);
    return;
  }
  await responder.defer(false);
  const reply =
    (await context.bot.followUp(conversation, invocation.question)) ??
    simpleReply(
      'info',
      `EXIT did not understand "${invocation.question}". Try /ask details 2, /ask compare 1 and 3 or /ask more.`,
    );
  await respondWith(responder, renderDiscordMessages(reply, conversation.thread.threadId));
}

async function buttonPress(
  context: DiscordHandlerContext,
  invocation: Of<'button'>,
  responder: InteractionResponder,
  requestId: string,
  logger: Logger,
): Promise<void> {
  const { kind, anchor, value } = invocation.target;
  const limiter = kind === 'pick' ? context.searchLimiter : context.followUpLimiter;
  const wait = limiter.take(invocation.userId);
  if (wait > 0) {
    await replyRateLimited(responder, wait);
    return;
  }
  if (kind === 'pick') {
    const plan = context.bot.planCommand(value);
    if (plan.kind === 'reply') {
      await responder.reply(noticeMessage(plan.reply.title, 'error'), true);
      return;
    }
    await responder.defer(false);
    logger.info({ company: plan.request.company }, 'Candidate picked; searching');
    await runDiscordSearch(context, invocation, responder, plan, requestId, logger);
    return;
  }
  await responder.defer(false);
  const thread = discordThread(invocation.guildId, anchor);
  const reply =
    (await context.bot.action({ thread, userId: invocation.userId, requestId, logger }, kind, value)) ??
    simpleReply('info', 'Nothing to show for this button.');
  await respondWith(responder, renderDiscordMessages(reply, anchor));
}

/**
 * Handles one interaction from either transport. Every failure is caught and logged with the
 * request id: an expired or already acknowledged interaction (10062, 40060) is logged as a warning,
 * and other failures also get a one-line notice with the reference when the interaction still accepts one.
 */
export async function handleInvocation(
  context: DiscordHandlerContext,
  invocation: Invocation,
  platformResponder: InteractionResponder,
): Promise<void> {
  const responder = context.acknowledgements.tracking(platformResponder);
  const requestId = randomUUID();
  const logger = context.logger.child({
    requestId,
    platform: 'discord',
    interaction: invocation.interactionId,
    kind: invocation.kind,
    guild: invocation.guildId,
    channel: invocation.channelId,
    user: invocation.userId,
  });
  try {
    switch (invocation.kind) {
      case 'exit':
        await exitCommand(context, invocation, responder, requestId, logger);
        return;
      case 'ask': {
        const thread = discordThread(invocation.guildId, invocation.channelId);
        await askCommand(context, invocation, responder, {
          thread,
          userId: invocation.userId,
          requestId,
          logger,
        });
        return;
      }
      case 'button':
        await buttonPress(context, invocation, responder, requestId, logger);
        return;
      default:
        logger.warn(
          { description: invocation.description },
          'Unsupported interaction; replied with a notice',
        );
        await responder.reply(noticeMessage('EXIT does not handle this interaction.', 'error'), true);
    }
  } catch (error) {
    const discordCode = discordErrorCode(error);
    if (isStaleInteraction(error)) {
      logger.warn(
        { err: error, discordCode },
        'The interaction expired or was already acknowledged; no response was sent',
      );
      return;
    }
    logger.error({ err: error, discordCode }, 'Handling the interaction failed');
    const notice = noticeMessage(
      `Something went wrong inside EXIT. Please try again (reference ${requestId}).`,
      'error',
    );
    await responder
      .edit(notice)
      .catch((editError: unknown) =>
        logger.warn({ err: editError }, 'Reporting the failure to the user failed too'),
      );
  }
}
