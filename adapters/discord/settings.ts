import type { DiscordConfig } from '../../core/config.js';
import { ExitError } from '../../core/errors.js';

interface CommonSettings {
  token: string;
  /** Whether plain messages in result threads can be read (the privileged Message Content intent). */
  messageContent: boolean;
  rateLimitPerMinute: number;
  /** `/exit` commands per guild per minute, all users together; 60 when unset. */
  guildRateLimitPerMinute?: number;
  /** Guilds served; null or unset serves all. */
  allowedGuilds?: string[] | null;
  /** Channels served (a thread counts as its parent channel); null or unset serves all. */
  allowedChannels?: string[] | null;
  /** REST base URL without the version, e.g. https://discord.com/api. */
  apiUrl: string;
}

export type DiscordSettings =
  | (CommonSettings & { mode: 'gateway' })
  | (CommonSettings & { mode: 'http'; publicKey: string; host: string; port: number });

export const DISCORD_API_URL = 'https://discord.com/api';

/**
 * Checks the settings the chosen mode needs. Both modes need the bot token, because threads are
 * created and posted to over REST, and the HTTP interactions endpoint also needs the application's
 * public key.
 * Throws CONFIG_INVALID naming every missing variable, never a value.
 */
export function requireDiscordSettings(config: DiscordConfig): DiscordSettings {
  const missing: string[] = [];
  if (!config.token) missing.push('EXIT_DISCORD_TOKEN (Developer Portal → Bot → Reset Token)');
  if (config.mode === 'http' && !config.publicKey)
    missing.push('EXIT_DISCORD_PUBLIC_KEY (Developer Portal → General Information → Public Key)');
  if (missing.length > 0) {
    throw new ExitError(
      'CONFIG_INVALID',
      `Discord ${config.mode} mode needs ${missing.join(' and ')}. See docs/discord.md.`,
    );
  }
  const common: CommonSettings = {
    token: config.token as string,
    // The HTTP endpoint receives no gateway events, so it never reads plain messages.
    messageContent: config.mode === 'gateway' && config.messageContent,
    rateLimitPerMinute: config.rateLimitPerMinute,
    guildRateLimitPerMinute: config.guildRateLimitPerMinute,
    allowedGuilds: config.allowedGuilds,
    allowedChannels: config.allowedChannels,
    apiUrl: config.apiUrl ?? DISCORD_API_URL,
  };
  if (config.mode === 'gateway') return { ...common, mode: 'gateway' };
  return {
    ...common,
    mode: 'http',
    publicKey: config.publicKey as string,
    host: config.host,
    port: config.port,
  };
}
