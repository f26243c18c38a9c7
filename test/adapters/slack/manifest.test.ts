import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENTS_PATH } from '../../../adapters/slack/app.js';
import { SLASH_COMMAND } from '../../../adapters/slack/handlers/command.js';
import { REPO_ROOT } from '../../support/paths.js';

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'adapters/slack/manifest.json'), 'utf8'));

describe('Slack app manifest', () => {
  it('registers the command the app listens for', () => {
    expect(manifest.features.slash_commands.map((command: { command: string }) => command.command)).toEqual([
      SLASH_COMMAND,
    ]);
  });

  it('sends commands, events and button presses to the events path', () => {
    const urls = [
      manifest.features.slash_commands[0].url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(EVENTS_PATH);
  });

  it('asks for the scopes the adapter uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'files:write', 'channels:history', 'groups:history']),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toContain('message.channels');
  });
});
