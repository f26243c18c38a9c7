import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { ExitError } from '../../core/errors.js';

/** The allow-list and per-workspace limit settings of the chat adapters. */

function configError(env: NodeJS.ProcessEnv): ExitError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('allow-list settings', () => {
  it('default to serving everywhere with 60 per workspace', () => {
    const config = loadConfig({});
    expect(config.slack.allowedTeams).toBeNull();
    expect(config.slack.allowedChannels).toBeNull();
    expect(config.slack.teamRateLimitPerMinute).toBe(60);
    expect(config.discord.allowedGuilds).toBeNull();
    expect(config.discord.allowedChannels).toBeNull();
    expect(config.discord.guildRateLimitPerMinute).toBe(60);
  });

  it('split comma-separated ids and trim spaces', () => {
    const config = loadConfig({
      EXIT_SLACK_ALLOWED_TEAMS: 'T0123ABCD, T0456EFGH',
      EXIT_SLACK_ALLOWED_CHANNELS: 'C0123ABCD',
      EXIT_DISCORD_ALLOWED_GUILDS: '110000000000000003 ,120000000000000003',
      EXIT_DISCORD_ALLOWED_CHANNELS: '1100000000000000004',
      EXIT_SLACK_TEAM_RATE_LIMIT: '10',
      EXIT_DISCORD_GUILD_RATE_LIMIT: '20',
    });
    expect(config.slack.allowedTeams).toEqual(['T0123ABCD', 'T0456EFGH']);
    expect(config.slack.allowedChannels).toEqual(['C0123ABCD']);
    expect(config.discord.allowedGuilds).toEqual(['110000000000000003', '120000000000000003']);
    expect(config.discord.allowedChannels).toEqual(['1100000000000000004']);
    expect(config.slack.teamRateLimitPerMinute).toBe(10);
    expect(config.discord.guildRateLimitPerMinute).toBe(20);
  });

  it.each([
    ['EXIT_SLACK_ALLOWED_TEAMS', 't0123abcd', 'comma-separated Slack team ids'],
    ['EXIT_SLACK_ALLOWED_TEAMS', 'T0123ABCD,,T0456EFGH', 'comma-separated Slack team ids'],
    ['EXIT_SLACK_ALLOWED_CHANNELS', '#deals', 'comma-separated Slack channel ids'],
    ['EXIT_DISCORD_ALLOWED_GUILDS', '12345', 'comma-separated Discord ids'],
    ['EXIT_DISCORD_ALLOWED_CHANNELS', 'general', 'comma-separated Discord ids'],
    ['EXIT_SLACK_TEAM_RATE_LIMIT', '-7', 'commands per workspace per minute'],
    ['EXIT_DISCORD_GUILD_RATE_LIMIT', 'many', 'commands per guild per minute'],
  ])('rejects %s=%s naming the variable, not the value', (name, value, accepted) => {
    const error = configError({ [name]: value });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(name);
    expect(error.message).toContain(accepted);
    expect(error.message).not.toContain(value);
  });
});
