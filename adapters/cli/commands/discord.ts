import type { Command } from 'commander';
import { REST } from 'discord.js';
import { ExitError } from '../../../core/errors.js';
import { registerCommands } from '../../discord/register.js';
import { discordRestOptions } from '../../discord/rest.js';
import { DISCORD_API_URL } from '../../discord/settings.js';
import { withRuntime } from '../runtime.js';

function requireSnowflake(name: string, value: string): string {
  if (!/^\d{17,20}$/.test(value))
    throw new ExitError('INVALID_INPUT', `${name} must be a Discord id of 17 to 20 digits, got "${value}".`);
  return value;
}

/** `exitbot discord register`: registers the slash commands in one guild or globally. */
export function registerDiscord(program: Command): void {
  const discord = program
    .command('discord')
    .description('Set up the Discord application; see docs/discord.md');
  discord
    .command('register')
    .description(
      'Register /exit and /ask with Discord: in one guild (shown at once, for development) or globally (for every server the bot is in)',
    )
    .option('--guild <id>', 'guild (server) id to register in (default: EXIT_DISCORD_GUILD_ID)')
    .option('--global', 'register globally, ignoring EXIT_DISCORD_GUILD_ID')
    .action(async (options: { guild?: string; global?: boolean }) => {
      if (options.guild !== undefined && options.global)
        throw new ExitError('INVALID_INPUT', 'Give either --guild <id> or --global, not both.');
      await withRuntime(async ({ config, logger }) => {
        const { token, applicationId } = config.discord;
        if (!token)
          throw new ExitError(
            'CONFIG_INVALID',
            'Registering commands needs EXIT_DISCORD_TOKEN (Developer Portal → Bot → Reset Token). See docs/discord.md.',
          );
        const guildId = options.global
          ? null
          : options.guild !== undefined
            ? requireSnowflake('--guild', options.guild)
            : config.discord.guildId;
        const rest = new REST(discordRestOptions(config.discord.apiUrl ?? DISCORD_API_URL)).setToken(token);
        const registration = await registerCommands(rest, { applicationId, guildId }, logger);
        const scope = registration.guildId
          ? `in guild ${registration.guildId}`
          : 'globally (Discord can take a while to show changes in every server)';
        process.stdout.write(
          `Registered ${registration.commands.map((name) => `/${name}`).join(', ')} ${scope} for application ${registration.applicationId}.\n`,
        );
      });
    });
}
