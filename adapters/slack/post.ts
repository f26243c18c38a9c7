import type { webApi } from '@slack/bolt';
import type { Reply } from '../../bot/reply.js';
import type { Logger } from '../../core/logger.js';
import { escapeMrkdwn, renderSlackMessages } from './blocks.js';

type WebClient = webApi.WebClient;

/** Slack error codes meaning the bot may not post in the channel; the user is asked to invite the app. */
const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/** Returns the Slack Web API error code of a failed call, e.g. 'not_in_channel'. */
export function slackErrorCode(error: unknown): string | null {
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : null;
}

export function cannotPostHere(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== null && NOT_IN_CHANNEL.has(code);
}

export const INVITE_ME =
  'I cannot post in this channel. Invite me with /invite @EXIT (or use me in a channel I am in) and try again.';

/**
 * Posts a reply into a thread: its Block Kit messages in order, then its charts with
 * files.uploadV2. A failed upload is logged and noted in the thread, and the posted reply is kept.
 */
export async function postReply(
  client: WebClient,
  channel: string,
  threadTs: string,
  reply: Reply,
  logger: Logger,
): Promise<void> {
  for (const message of renderSlackMessages(reply)) {
    await client.chat.postMessage({
      channel,
      thread_ts: threadTs,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  }
  if (reply.images.length === 0) return;
  try {
    await client.files.uploadV2({
      channel_id: channel,
      thread_ts: threadTs,
      file_uploads: reply.images.map((image) => ({
        file: Buffer.from(image.data),
        filename: image.fileName,
        title: image.title,
        alt_text: image.altText,
      })),
    });
  } catch (error) {
    logger.warn(
      { err: error, slackError: slackErrorCode(error) },
      'Chart upload failed; the answer was posted without it',
    );
    await client.chat.postMessage({
      channel,
      thread_ts: threadTs,
      text: 'The chart could not be uploaded. The operator should check that the app has the files:write scope.',
    });
  }
}

/** A one-line message: `mrkdwn` for the block (already escaped), `text` for notifications. */
export interface Line {
  mrkdwn: string;
  text: string;
}

export function lineBlocks(line: Line): {
  text: string;
  blocks: [{ type: 'section'; text: { type: 'mrkdwn'; text: string } }];
} {
  return {
    text: line.text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: line.mrkdwn.slice(0, 3000) } }],
  };
}

/** Builds a line from plain text, escaped for mrkdwn. */
export function plainLine(text: string): Line {
  return { mrkdwn: escapeMrkdwn(text), text };
}
