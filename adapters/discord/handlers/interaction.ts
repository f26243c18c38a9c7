import { randomUUID } from 'node:crypto';
import type { ConversationContext } from '../../../bot/exit-bot.js';
import { errorReply, notEnabledReply, rateLimitedReply } from '../../../bot/messages.js';
import { simpleReply } from '../../../bot/reply.js';
import { RESTARTING_TEXT } from '../../../bot/shutdown-drain.js';
import type { Logger } from '../../../core/logger.js';
import { noticeMessage, renderDiscordMessages } from '../embeds.js';
import { discordErrorCode, isStaleInteraction } from '../errors.js';
import type { Invocation } from '../invocation.js';
import type { InteractionResponder } from '../responder.js';
import { type DiscordHandlerContext, discordThread, takeSearch } from './context.js';
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
  const limited = takeSearch(context, invocation.guildId, invocation.userId);
  if (limited) {
    await responder.reply(noticeMessage(limited.reply.title, 'error'), true);
    logger.info(
      { retryAfterSeconds: limited.retryAfterSeconds, limit: limited.limit },
      'Command rate-limited',
    );
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
  let resultThread: boolean;
  try {
    resultThread = await context.bot.isResultThread(conversation.thread);
  } catch (error) {
    conversation.logger.error({ err: error }, 'Looking up the thread failed');
    await responder.reply(noticeMessage(errorReply(error, conversation.requestId).title, 'error'), true);
    return;
  }
  if (!resultThread) {
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
  if (kind === 'pick') {
    const limited = takeSearch(context, invocation.guildId, invocation.userId);
    if (limited) {
      await responder.reply(noticeMessage(limited.reply.title, 'error'), true);
      logger.info(
        { retryAfterSeconds: limited.retryAfterSeconds, limit: limited.limit },
        'Pick rate-limited',
      );
      return;
    }
  } else {
    const wait = context.followUpLimiter.take(invocation.userId);
    if (wait > 0) {
      await replyRateLimited(responder, wait);
      return;
    }
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

function allowed(context: DiscordHandlerContext, invocation: Invocation, logger: Logger): boolean {
  let kind: 'command' | 'follow-up' | 'button' = 'command';
  if (invocation.kind === 'button') kind = 'button';
  else if (invocation.kind === 'ask') kind = 'follow-up';
  return context.access.allows(
    {
      workspaceId: invocation.guildId,
      channelId: invocation.parentChannelId ?? invocation.channelId,
      userId: invocation.userId,
      kind,
    },
    logger,
  );
}

/**
 * Handles one interaction from either transport. Every failure is caught and logged with the
 * request id: an expired or already acknowledged interaction (10062, 40060) is logged as a warning,
 * and other failures also get a one-line notice with the reference when the interaction still accepts one.
 */
/** True for interactions that start a search: `/exit` and the "pick" button after an ambiguous name. */
function startsSearch(invocation: Invocation): boolean {
  return invocation.kind === 'exit' || (invocation.kind === 'button' && invocation.target.kind === 'pick');
}

/**
 * Answers one interaction, tracked in the context's shutdown drain. While the bot drains before a
 * restart, interactions that would start a search get RESTARTING_TEXT; `/ask` and result buttons,
 * answered from stored results, still run.
 */
export function handleInvocation(
  context: DiscordHandlerContext,
  invocation: Invocation,
  platformResponder: InteractionResponder,
): Promise<void> {
  return context.drain.track(() => answerInvocation(context, invocation, platformResponder));
}

async function answerInvocation(
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
    if (!allowed(context, invocation, logger)) {
      // Buttons can only sit on EXIT's own messages; a press there after the allow-list changed is ignored.
      if (invocation.kind !== 'button')
        await responder.reply(noticeMessage(notEnabledReply().title, 'error'), true);
      return;
    }
    if (context.drain.draining && startsSearch(invocation)) {
      await responder.reply(noticeMessage(RESTARTING_TEXT), true);
      logger.info('Search requested while shutting down; asked to retry');
      return;
    }
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
    const notice = noticeMessage(errorReply(error, requestId).title, 'error');
    await responder
      .edit(notice)
      .catch((editError: unknown) =>
        logger.warn({ err: editError }, 'Reporting the failure to the user failed too'),
      );
  }
}
