import { describe, expect, it } from 'vitest';
import { requireDiscordSettings } from '../../../adapters/discord/settings.js';
import { loadConfig } from '../../../core/config.js';

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GfakeT.fake-discord-token-for-tests';
const PUBLIC_KEY = 'a'.repeat(64);

describe('Discord settings', () => {
  it('reads the Discord variables', () => {
    const config = loadConfig({
      EXIT_DISCORD_TOKEN: TOKEN,
      EXIT_DISCORD_MODE: 'http',
      EXIT_DISCORD_PUBLIC_KEY: PUBLIC_KEY.toUpperCase(),
      EXIT_DISCORD_MESSAGE_CONTENT: 'on',
      EXIT_DISCORD_API_URL: 'http://127.0.0.1:9999/api',
    });
    expect(config.discord).toMatchObject({
      mode: 'http',
      publicKey: PUBLIC_KEY,
      messageContent: true,
      port: 3001,
    });
    const settings = requireDiscordSettings(config.discord);
    expect(settings).toMatchObject({
      mode: 'http',
      apiUrl: 'http://127.0.0.1:9999/api',
      messageContent: false,
    });
  });

  it('names the missing variables for each mode', () => {
    expect(() => requireDiscordSettings(loadConfig({}).discord)).toThrow('EXIT_DISCORD_TOKEN');
    expect(() =>
      requireDiscordSettings(loadConfig({ EXIT_DISCORD_TOKEN: TOKEN, EXIT_DISCORD_MODE: 'http' }).discord),
    ).toThrow('EXIT_DISCORD_PUBLIC_KEY');
  });

  it('names an invalid variable without its value', () => {
    const call = () => loadConfig({ EXIT_DISCORD_TOKEN: 'secret value with spaces' });
    expect(call).toThrow('EXIT_DISCORD_TOKEN is invalid');
    expect(call).not.toThrow('secret value');
  });
});
