import type { SlackConfig } from '../../core/config.js';
import { ExitError } from '../../core/errors.js';

/** Limits and allow-lists, the same in both modes. Unset optional fields mean no allow-list and 60 per workspace. */
interface SlackAccessSettings {
  /** `/exit` commands per user per minute. */
  rateLimitPerMinute: number;
  /** `/exit` commands per workspace per minute, all users together. */
  teamRateLimitPerMinute?: number;
  allowedTeams?: string[] | null;
  allowedChannels?: string[] | null;
}

export type SlackSettings =
  | (SlackAccessSettings & {
      mode: 'http';
      botToken: string;
      signingSecret: string;
      host: string;
      port: number;
    })
  | (SlackAccessSettings & { mode: 'socket'; botToken: string; appToken: string });

/**
 * Checks that the settings the chosen mode needs are present: HTTP mode needs the bot token and the
 * signing secret; Socket Mode needs the bot token and an app-level token. Throws CONFIG_INVALID
 * naming every missing variable, never a value.
 */
export function requireSlackSettings(config: SlackConfig): SlackSettings {
  const missing: string[] = [];
  if (!config.botToken) missing.push('EXIT_SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…)');
  if (config.mode === 'http' && !config.signingSecret)
    missing.push('EXIT_SLACK_SIGNING_SECRET (Basic Information → Signing Secret)');
  if (config.mode === 'socket' && !config.appToken)
    missing.push('EXIT_SLACK_APP_TOKEN (an app-level token with connections:write, xapp-…)');
  if (missing.length > 0) {
    throw new ExitError(
      'CONFIG_INVALID',
      `Slack ${config.mode === 'http' ? 'HTTP' : 'Socket'} mode needs ${missing.join(' and ')}. See docs/slack.md.`,
    );
  }
  const access: SlackAccessSettings = {
    rateLimitPerMinute: config.rateLimitPerMinute,
    teamRateLimitPerMinute: config.teamRateLimitPerMinute,
    allowedTeams: config.allowedTeams,
    allowedChannels: config.allowedChannels,
  };
  if (config.mode === 'socket') {
    return {
      ...access,
      mode: 'socket',
      botToken: config.botToken as string,
      appToken: config.appToken as string,
    };
  }
  return {
    ...access,
    mode: 'http',
    botToken: config.botToken as string,
    signingSecret: config.signingSecret as string,
    host: config.host,
    port: config.port,
  };
}
