import type { CommandPlan } from '../../../bot/exit-bot.js';
import type { Reply } from '../../../bot/reply.js';
import type { Logger } from '../../../core/logger.js';
import { type DiscordMessage, noticeMessage, renderDiscordMessages } from '../embeds.js';
import { cannotOpenThread, discordErrorCode } from '../errors.js';
import type { InvocationSource } from '../invocation.js';
import type { InteractionResponder } from '../responder.js';
import { ASK_NOTICE, type DiscordHandlerContext, discordThread } from './context.js';

type SearchPlan = Extract<CommandPlan, { kind: 'search' }>;

const NO_THREAD_PERMISSION =
  'EXIT could not open a thread here: it needs the Create Public Threads and Send Messages in Threads ' +
  'permissions in this channel. Use the buttons below to look into a partner.';
const NO_THREAD_HERE =
  'Threads cannot be opened here, so use the buttons below to look into a partner. ' +
  'Run /exit in a server text channel to get a thread for follow-up questions.';

/** Edits the deferred response into the first message and sends the rest as follow-ups. */
export async function respondWith(
  responder: InteractionResponder,
  messages: DiscordMessage[],
): Promise<void> {
  const [first, ...rest] = messages;
  if (!first) return;
  await responder.edit(first);
  for (const message of rest) await responder.followUp(message);
}

function withNote(reply: Reply, note: string): Reply {
  return { ...reply, notes: [...reply.notes, note] };
}

/**
 * Runs one search after the interaction was deferred. The deferred response becomes the anchor
 * message, the result is stored under its id, and the result is posted in a thread opened on it.
 * Where no thread can be opened (direct messages, an existing thread, missing permissions), the
 * result follows in the channel and its buttons remain the way to follow up.
 */
export async function runDiscordSearch(
  context: DiscordHandlerContext,
  source: InvocationSource,
  responder: InteractionResponder,
  plan: SearchPlan,
  requestId: string,
  logger: Logger,
): Promise<void> {
  const { bot, channels } = context;
  const anchor = await responder.edit(noticeMessage(bot.workingReply(plan).title, 'working'));
  const log = logger.child({ anchor });
  await context.acknowledgements.idle();
  const reply = await bot.search(
    { thread: discordThread(source.guildId, anchor), userId: source.userId, requestId, logger: log },
    plan,
    (position) => {
      log.info({ position }, 'Search queued');
      responder
        .edit(noticeMessage(bot.workingReply(plan, position).title, 'working'))
        .catch((error: unknown) => log.warn({ err: error }, 'Queue position update failed'));
    },
  );
  if (reply.tone === 'error') {
    await respondWith(responder, renderDiscordMessages(reply, anchor));
    return;
  }

  let threadId: string | null = null;
  let fallbackNote = NO_THREAD_HERE;
  if (source.guildId !== null && !source.inThread) {
    try {
      threadId = await channels.startThread(source.channelId, anchor, `EXIT · ${plan.command.company}`);
    } catch (error) {
      if (!cannotOpenThread(error)) throw error;
      log.warn(
        { err: error, discordCode: discordErrorCode(error) },
        'Opening the result thread failed; replying in the channel',
      );
      fallbackNote = NO_THREAD_PERMISSION;
    }
  }
  if (threadId === null) {
    await respondWith(responder, renderDiscordMessages(withNote(reply, fallbackNote), anchor));
    log.info({ shown: reply.items.length }, 'Result posted in the channel');
    return;
  }
  for (const message of renderDiscordMessages(reply, anchor)) await channels.post(threadId, message);
  if (context.announceAsk && context.notices.claimAskNotice(threadId))
    await channels.post(threadId, noticeMessage(ASK_NOTICE));
  await responder.edit(
    noticeMessage(
      `${reply.title}: ${reply.items.length} shown in the thread. Ask follow-up questions there.`,
      'result',
    ),
  );
  log.info({ thread: threadId, shown: reply.items.length }, 'Result posted in its thread');
}
