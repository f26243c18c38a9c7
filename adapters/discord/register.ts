import { type REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import { ExitError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { commandDefinitions } from './commands.js';
import { discordErrorCode } from './errors.js';

export interface RegisterOptions {
  /** The application id; read from GET /applications/@me when null. */
  applicationId: string | null;
  /** Registers in one guild, where commands appear at once; null registers them globally. */
  guildId: string | null;
}

export interface Registration {
  applicationId: string;
  guildId: string | null;
  commands: string[];
}

function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : null;
}

/**
 * Registers `/exit` and `/ask` with Discord's bulk-overwrite endpoint, which replaces the
 * application's commands in that scope, so running it again is safe.
 */
export async function registerCommands(
  rest: REST,
  options: RegisterOptions,
  logger: Logger,
): Promise<Registration> {
  try {
    const applicationId =
      options.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
    const route = options.guildId
      ? Routes.applicationGuildCommands(applicationId, options.guildId)
      : Routes.applicationCommands(applicationId);
    const registered = (await rest.put(route, { body: commandDefinitions() })) as { name: string }[];
    const commands = registered.map((command) => command.name);
    logger.info({ applicationId, guildId: options.guildId, commands }, 'Registered the Discord commands');
    return { applicationId, guildId: options.guildId, commands };
  } catch (error) {
    if (statusOf(error) === 401)
      throw new ExitError(
        'CONFIG_INVALID',
        "Discord rejected EXIT_DISCORD_TOKEN. Copy the token from the Developer Portal's Bot page (Reset Token).",
        {},
        { cause: error },
      );
    if (discordErrorCode(error) === RESTJSONErrorCodes.MissingAccess && options.guildId)
      throw new ExitError(
        'CONFIG_INVALID',
        `Discord denied access to guild ${options.guildId}. Invite the bot with the applications.commands scope (see docs/discord.md), or check the guild id.`,
        {},
        { cause: error },
      );
    throw error;
  }
}
