import type { APIAllowedMentions, RawFile } from 'discord.js';
import type { DiscordMessage } from './embeds.js';

/**
 * EXIT's messages quote company names, patent titles and user input. Mentions are never parsed, so
 * text such as "@everyone" in the data notifies no one.
 */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

/** Options for discord.js interaction methods (reply, editReply, followUp). */
export function interactionOptions(message: DiscordMessage) {
  return {
    embeds: message.embeds,
    components: message.components,
    files: message.files.map((file) => ({ attachment: file.data, name: file.name })),
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * Builds a REST request body and its files, for the routes called without a discord.js object: posting
 * in a thread, and editing interaction responses on the HTTP endpoint.
 */
export function restPayload(message: DiscordMessage): { body: Record<string, unknown>; files: RawFile[] } {
  return {
    body: {
      embeds: message.embeds,
      components: message.components,
      attachments: message.files.map((file, id) => ({ id, filename: file.name })),
      allowed_mentions: NO_MENTIONS,
    },
    files: message.files.map((file, id) => ({
      key: `files[${id}]`,
      name: file.name,
      data: file.data,
      contentType: file.contentType,
    })),
  };
}
