import { type REST, Routes, ThreadAutoArchiveDuration } from 'discord.js';
import type { DiscordMessage } from './embeds.js';
import { restPayload } from './payload.js';

/** Discord's limit on a thread name, in characters. */
const THREAD_NAME_MAX = 100;

/**
 * Channel calls over REST with the bot token: opening a result thread and posting in it. They work
 * the same on the gateway and on the HTTP endpoint, where discord.js has no channel cache.
 */
export class DiscordChannels {
  constructor(private readonly rest: REST) {}

  /**
   * Opens a public thread on a message and returns its id. A thread opened on a message has the
   * message's id, so the result stored under the message id is also found from inside the thread.
   */
  async startThread(channelId: string, messageId: string, name: string): Promise<string> {
    const thread = (await this.rest.post(Routes.threads(channelId, messageId), {
      body: {
        name: name.slice(0, THREAD_NAME_MAX),
        auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
      },
    })) as { id: string };
    return thread.id;
  }

  /** Posts a message in a channel or thread and returns its id. */
  async post(channelId: string, message: DiscordMessage, replyTo?: string): Promise<string> {
    const { body, files } = restPayload(message);
    if (replyTo) body.message_reference = { message_id: replyTo, fail_if_not_exists: false };
    const posted = (await this.rest.post(Routes.channelMessages(channelId), { body, files })) as {
      id: string;
    };
    return posted.id;
  }
}
