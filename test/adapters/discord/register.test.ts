import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../../adapters/discord/register.js';
import { discordRestOptions } from '../../../adapters/discord/rest.js';
import { silentLogger } from '../../../core/logger.js';
import {
  APPLICATION_ID,
  BOT_TOKEN,
  FakeDiscordApi,
  GUILD_ID,
  type RecordedRequest,
} from './support/fake-discord-api.js';

let api: FakeDiscordApi;

function rest(token = BOT_TOKEN): REST {
  return new REST({ ...discordRestOptions(api.apiUrl), retries: 0 }).setToken(token);
}

beforeAll(async () => {
  api = new FakeDiscordApi();
  await api.start();
});

afterAll(async () => {
  await api?.stop();
});

describe('registerCommands', () => {
  it('registers both commands in one guild, reading the application id', async () => {
    const registration = await registerCommands(
      rest(),
      { applicationId: null, guildId: GUILD_ID },
      silentLogger(),
    );
    expect(registration).toEqual({
      applicationId: APPLICATION_ID,
      guildId: GUILD_ID,
      commands: ['exit', 'ask'],
    });
    const [put] = api.requestsTo('PUT', /commands$/);
    expect(put?.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    const names = ((put as RecordedRequest).body as { name: string }[]).map((command) => command.name);
    expect(names).toEqual(['exit', 'ask']);
  });

  it('registers globally without a guild', async () => {
    await registerCommands(rest(), { applicationId: APPLICATION_ID, guildId: null }, silentLogger());
    expect(api.requestsTo('PUT', new RegExp(`^/applications/${APPLICATION_ID}/commands$`))).toHaveLength(1);
  });

  it('reports a rejected token as a configuration error', async () => {
    await expect(
      registerCommands(rest('a.b.c'), { applicationId: null, guildId: null }, silentLogger()),
    ).rejects.toThrow('Discord rejected EXIT_DISCORD_TOKEN');
  });
});
