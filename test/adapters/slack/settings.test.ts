import { describe, expect, it } from 'vitest';
import { requireSlackSettings } from '../../../adapters/slack/settings.js';
import { loadConfig } from '../../../core/config.js';
import { ExitError } from '../../../core/errors.js';

function settingsError(env: NodeJS.ProcessEnv): ExitError {
  try {
    requireSlackSettings(loadConfig(env).slack);
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected the Slack settings to be rejected');
}

describe('requireSlackSettings', () => {
  it('accepts HTTP mode with a bot token and signing secret', () => {
    const settings = requireSlackSettings(
      loadConfig({
        EXIT_SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
        EXIT_SLACK_SIGNING_SECRET: 'abcdef123456',
        EXIT_SLACK_PORT: '3100',
      }).slack,
    );
    expect(settings).toMatchObject({ mode: 'http', host: '127.0.0.1', port: 3100, rateLimitPerMinute: 5 });
  });

  it('accepts Socket Mode with a bot token and app token', () => {
    const settings = requireSlackSettings(
      loadConfig({
        EXIT_SLACK_MODE: 'socket',
        EXIT_SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
        EXIT_SLACK_APP_TOKEN: 'xapp-1-A1-xyz',
      }).slack,
    );
    expect(settings.mode).toBe('socket');
  });

  it('names every missing variable for the mode', () => {
    const http = settingsError({});
    expect(http.code).toBe('CONFIG_INVALID');
    expect(http.message).toContain('EXIT_SLACK_BOT_TOKEN');
    expect(http.message).toContain('EXIT_SLACK_SIGNING_SECRET');
    const socket = settingsError({ EXIT_SLACK_MODE: 'socket', EXIT_SLACK_BOT_TOKEN: 'xoxb-1-2-abc' });
    expect(socket.message).toContain('EXIT_SLACK_APP_TOKEN');
    expect(socket.message).not.toContain('EXIT_SLACK_SIGNING_SECRET');
  });

  it('rejects a malformed token without echoing it', () => {
    let error: unknown;
    try {
      loadConfig({ EXIT_SLACK_BOT_TOKEN: 'xoxp-user-token-secret', EXIT_ENGINE_URL: 'ftp://engine' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExitError);
    const message = (error as ExitError).message;
    expect(message).toContain(
      'EXIT_SLACK_BOT_TOKEN is invalid: expected a Slack bot token starting with xoxb-',
    );
    expect(message).toContain('EXIT_ENGINE_URL is invalid');
    expect(message).not.toContain('xoxp-user-token-secret');
  });

  it('reads the engine API settings', () => {
    const config = loadConfig({ EXIT_ENGINE_URL: 'http://gpu-host:8787', EXIT_ENGINE_TIMEOUT_MS: '1500' });
    expect(config.engineApi).toEqual({
      url: 'http://gpu-host:8787',
      timeoutMs: 1500,
      token: null,
      host: '127.0.0.1',
      port: 8787,
    });
    expect(config.botMaxSearches).toBe(4);
  });
});
