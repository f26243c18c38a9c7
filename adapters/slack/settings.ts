import type { SlackConfig } from '../../core/config.js';
import { ExitError } from '../../core/errors.js';

export type SlackSettings =
  | {
      mode: 'http';
      botToken: string;
      signingSecret: string;
      host: string;
      port: number;
      rateLimitPerMinute: number;
    }
  | { mode: 'socket'; botToken: string; appToken: string; rateLimitPerMinute: number };

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
  if (config.mode === 'socket') {
    return {
      mode: 'socket',
      botToken: config.botToken as string,
      appToken: config.appToken as string,
      rateLimitPerMinute: config.rateLimitPerMinute,
    };
  }
  return {
    mode: 'http',
    botToken: config.botToken as string,
    signingSecret: config.signingSecret as string,
    host: config.host,
    port: config.port,
    rateLimitPerMinute: config.rateLimitPerMinute,
  };
}
