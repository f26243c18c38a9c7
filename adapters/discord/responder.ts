import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { DiscordMessage } from './embeds.js';
import { interactionOptions } from './payload.js';

/**
 * The responses to one interaction. Discord requires the first response within 3 seconds: either
 * `reply` with the message, or `defer` followed by `edit` and `followUp` within 15 minutes.
 */
export interface InteractionResponder {
  /** Acknowledges the interaction; Discord shows "EXIT is thinking…" until `edit`. */
  defer(ephemeral: boolean): Promise<void>;
  /** Sends the message at once, as the first response. */
  reply(message: DiscordMessage, ephemeral: boolean): Promise<void>;
  /** Replaces the deferred response. Returns the id of the response message. */
  edit(message: DiscordMessage): Promise<string>;
  /** Sends a further message after the first response. Returns its id. */
  followUp(message: DiscordMessage): Promise<string>;
}

function messageId(message: unknown): string {
  return String((message as { id?: unknown }).id ?? '');
}

/** Responds through the discord.js interaction object, for interactions received over the gateway. */
export class GatewayResponder implements InteractionResponder {
  constructor(private readonly interaction: RepliableInteraction) {}

  async defer(ephemeral: boolean): Promise<void> {
    await this.interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  }

  async reply(message: DiscordMessage, ephemeral: boolean): Promise<void> {
    await this.interaction.reply({
      ...interactionOptions(message),
      ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    });
  }

  async edit(message: DiscordMessage): Promise<string> {
    return messageId(await this.interaction.editReply(interactionOptions(message)));
  }

  async followUp(message: DiscordMessage): Promise<string> {
    return messageId(await this.interaction.followUp(interactionOptions(message)));
  }
}
