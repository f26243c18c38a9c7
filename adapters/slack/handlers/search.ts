import type { webApi } from '@slack/bolt';
import type { CommandPlan, ExitBot } from '../../../bot/exit-bot.js';
import type { Logger } from '../../../core/logger.js';
import { escapeMrkdwn } from '../blocks.js';
import {
  cannotPostHere,
  INVITE_ME,
  type Line,
  lineBlocks,
  plainLine,
  postReply,
  slackErrorCode,
} from '../post.js';

type WebClient = webApi.WebClient;
type SearchPlan = Extract<CommandPlan, { kind: 'search' }>;

export interface SearchRun {
  client: WebClient;
  channel: string;
  userId: string;
  plan: SearchPlan;
  requestId: string;
  logger: Logger;
  /** Tells only the requesting user something (ephemeral), when the channel cannot be posted in. */
  notifyUser: (text: string) => Promise<void>;
}

/** Most progress updates of the parent message per search, which keeps Web API calls bounded. */
const MAX_PROGRESS_UPDATES = 10;

function workingLine(bot: ExitBot, run: SearchRun, position: number | null, seconds: number | null): Line {
  const working = bot.workingReply(run.plan, position);
  const elapsed = seconds === null ? '' : ` (${seconds} s)`;
  return {
    mrkdwn: `:hourglass_flowing_sand: ${escapeMrkdwn(working.title)}${elapsed} Asked by <@${run.userId}>.`,
    text: `${working.title}${elapsed}`,
  };
}

/**
 * Runs one `/exit` search in Slack: posts the working message that becomes the thread's parent,
 * shows progress on it while the search runs, posts the result into the thread and turns the parent
 * into a one-line summary.
 */
export async function runSlackSearch(
  bot: ExitBot,
  run: SearchRun,
  progressIntervalMs: number,
): Promise<void> {
  const { client, channel, logger } = run;
  let parentTs: string;
  try {
    const posted = await client.chat.postMessage({
      channel,
      ...lineBlocks(workingLine(bot, run, null, null)),
    });
    parentTs = posted.ts as string;
  } catch (error) {
    if (cannotPostHere(error)) {
      logger.info(
        { slackError: slackErrorCode(error) },
        'Cannot post in the channel; told the user to invite the app',
      );
      await run.notifyUser(INVITE_ME);
      return;
    }
    throw error;
  }
  const log = logger.child({ thread: parentTs });
  const started = Date.now();
  let position: number | null = null;
  let updates = 0;
  let finished = false;
  const showProgress = () => {
    if (finished || updates >= MAX_PROGRESS_UPDATES) return;
    updates++;
    const seconds = Math.round((Date.now() - started) / 1000);
    client.chat
      .update({ channel, ts: parentTs, ...lineBlocks(workingLine(bot, run, position, seconds)) })
      .catch((error: unknown) =>
        log.warn({ err: error, slackError: slackErrorCode(error) }, 'Progress update failed'),
      );
  };
  const timer = setInterval(showProgress, progressIntervalMs);
  try {
    const reply = await bot.search(
      {
        thread: { platform: 'slack', channelId: channel, threadId: parentTs },
        userId: run.userId,
        requestId: run.requestId,
        logger: log,
      },
      run.plan,
      (queuedAt) => {
        position = queuedAt;
        log.info({ position }, 'Search queued');
      },
    );
    finished = true;
    clearInterval(timer);
    let summary: Line;
    if (reply.tone === 'error') {
      summary = {
        mrkdwn: `:warning: ${escapeMrkdwn(reply.title)} (asked by <@${run.userId}>)`,
        text: reply.title,
      };
    } else {
      await postReply(client, channel, parentTs, reply, log);
      const count = reply.items.length;
      summary = {
        mrkdwn: `:white_check_mark: ${escapeMrkdwn(reply.title)}: ${count} shown in the thread, asked by <@${run.userId}>. Ask follow-up questions there.`,
        text: `${reply.title}: ${count} shown in the thread.`,
      };
    }
    await client.chat.update({ channel, ts: parentTs, ...lineBlocks(summary) });
  } catch (error) {
    log.error({ err: error, slackError: slackErrorCode(error) }, 'Posting the search result failed');
    await client.chat
      .update({
        channel,
        ts: parentTs,
        ...lineBlocks(plainLine(`Posting the result failed. Please try again (reference ${run.requestId}).`)),
      })
      .catch((updateError: unknown) =>
        log.error({ err: updateError }, 'Reporting the failure in Slack failed too'),
      );
  } finally {
    finished = true;
    clearInterval(timer);
  }
}
