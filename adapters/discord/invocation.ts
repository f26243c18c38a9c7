import {
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  type Interaction,
  InteractionType,
} from 'discord.js';
import { ASK_COMMAND, EXIT_COMMAND, exitCommandText } from './commands.js';
import { type ButtonTarget, decodeCustomId } from './custom-id.js';

/** The user, guild and channel an interaction came from. */
export interface InvocationSource {
  interactionId: string;
  userId: string;
  /** Null in direct messages. */
  guildId: string | null;
  channelId: string;
  /** True when the channel is a thread, where no new thread can be opened. */
  inThread: boolean;
  /** The channel a thread belongs to; null outside threads. Allow-lists match on it. */
  parentChannelId: string | null;
}

/**
 * An interaction reduced to what EXIT acts on, read from a discord.js object (gateway) or from the
 * raw payload (HTTP endpoint), so both transports share one handler.
 */
export type Invocation = InvocationSource &
  (
    | { kind: 'exit'; text: string }
    | { kind: 'ask'; question: string }
    | { kind: 'button'; target: ButtonTarget }
    | { kind: 'unsupported'; description: string }
  );

const THREAD_TYPES = new Set<number>([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

/** Reads an interaction received over the gateway. */
export function invocationFromInteraction(interaction: Interaction): Invocation {
  const source: InvocationSource = {
    interactionId: interaction.id,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId ?? '',
    inThread: interaction.channel?.isThread() ?? false,
    parentChannelId: interaction.channel?.isThread() ? interaction.channel.parentId : null,
  };
  if (interaction.isChatInputCommand()) {
    if (interaction.commandName === EXIT_COMMAND) {
      const text = exitCommandText(
        interaction.options.getString('company', true),
        interaction.options.getString('sector'),
        interaction.options.getInteger('top'),
      );
      return { ...source, kind: 'exit', text };
    }
    if (interaction.commandName === ASK_COMMAND)
      return { ...source, kind: 'ask', question: interaction.options.getString('question', true) };
    return { ...source, kind: 'unsupported', description: `command /${interaction.commandName}` };
  }
  if (interaction.isButton()) {
    const target = decodeCustomId(interaction.customId);
    if (target) return { ...source, kind: 'button', target };
    return { ...source, kind: 'unsupported', description: `button ${interaction.customId}` };
  }
  return { ...source, kind: 'unsupported', description: `interaction type ${interaction.type}` };
}

function optionValue(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
  name: string,
): string | number | null {
  const option = options?.find((candidate) => candidate.name === name);
  if (!option) return null;
  if (
    option.type === ApplicationCommandOptionType.String ||
    option.type === ApplicationCommandOptionType.Integer
  )
    return option.value;
  return null;
}

/** Reads an interaction posted to the HTTP endpoint. */
export function invocationFromPayload(payload: APIInteraction): Invocation {
  const channel = payload.channel;
  const source: InvocationSource = {
    interactionId: payload.id,
    userId: payload.member?.user.id ?? payload.user?.id ?? '',
    guildId: payload.guild_id ?? null,
    channelId: channel?.id ?? '',
    inThread: channel !== undefined && THREAD_TYPES.has(channel.type),
    parentChannelId: channel && 'parent_id' in channel ? (channel.parent_id ?? null) : null,
  };
  if (
    payload.type === InteractionType.ApplicationCommand &&
    payload.data.type === ApplicationCommandType.ChatInput
  ) {
    const options = payload.data.options;
    if (payload.data.name === EXIT_COMMAND) {
      const top = optionValue(options, 'top');
      const sector = optionValue(options, 'sector');
      const text = exitCommandText(
        String(optionValue(options, 'company') ?? ''),
        typeof sector === 'string' ? sector : null,
        typeof top === 'number' ? top : null,
      );
      return { ...source, kind: 'exit', text };
    }
    if (payload.data.name === ASK_COMMAND)
      return { ...source, kind: 'ask', question: String(optionValue(options, 'question') ?? '') };
    return { ...source, kind: 'unsupported', description: `command /${payload.data.name}` };
  }
  if (
    payload.type === InteractionType.MessageComponent &&
    payload.data.component_type === ComponentType.Button
  ) {
    const target = decodeCustomId(payload.data.custom_id);
    if (target) return { ...source, kind: 'button', target };
    return { ...source, kind: 'unsupported', description: `button ${payload.data.custom_id}` };
  }
  return { ...source, kind: 'unsupported', description: `interaction type ${payload.type}` };
}
