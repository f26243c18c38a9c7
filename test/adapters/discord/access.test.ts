import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDiscordHttpEndpoint,
  type DiscordHttpEndpoint,
} from '../../../adapters/discord/http-endpoint.js';
import type { RecommendRequest } from '../../../engine/types.js';
import { fixtureResult } from '../../bot/support/result-fixture.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { LogCapture } from '../slack/support/slack-harness.js';
import { buildBot, interactionCalls, waitForThreadResult } from './support/discord-harness.js';
import { BOT_TOKEN, CHANNEL_ID, FakeDiscordApi, GUILD_ID } from './support/fake-discord-api.js';
import { buttonClick, type Sent, slashCommand } from './support/payloads.js';

/** Allow-lists, the per-guild limit and signature rejections, through the HTTP interactions endpoint. */

const OTHER_GUILD = '1200000000000000003';
const OTHER_CHANNEL = '1200000000000000004';
const NOT_ENABLED = 'EXIT is not enabled here.';

let store: TestStore;
let api: FakeDiscordApi;
let endpoint: DiscordHttpEndpoint;
let url: string;
const logs = new LogCapture();
const keys = generateKeyPairSync('ed25519');
const engine = { recommend: async (request: RecommendRequest) => fixtureResult(5, request) };

function publicKeyHex(key: KeyObject): string {
  return Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url').toString('hex');
}

async function post(
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Promise<{ status: number; text: string }> {
  const signature = sign(null, Buffer.from(String(timestamp) + body), keys.privateKey);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature.toString('hex'),
      'x-signature-timestamp': String(timestamp),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

interface InteractionResponse {
  type: number;
  data?: { flags?: number; content?: string; embeds?: { description?: string; title?: string }[] };
}

async function postInteraction(sent: Sent): Promise<InteractionResponse> {
  const response = await post(JSON.stringify(sent.payload));
  expect(response.status).toBe(200);
  return JSON.parse(response.text);
}

/** Moves an interaction to another guild. */
function inGuild(sent: Sent, guildId: string): Sent {
  sent.payload.guild_id = guildId;
  (sent.payload.channel as Record<string, unknown>).guild_id = guildId;
  return sent;
}

/** Moves an interaction to another text channel of the same guild. */
function inChannel(sent: Sent, channelId: string): Sent {
  sent.payload.channel_id = channelId;
  sent.payload.channel = { id: channelId, type: 0, name: 'other', guild_id: GUILD_ID };
  return sent;
}

beforeAll(async () => {
  store = await openSqliteTestStore();
  api = new FakeDiscordApi();
  await api.start();
  endpoint = createDiscordHttpEndpoint({
    settings: {
      mode: 'http',
      token: BOT_TOKEN,
      publicKey: publicKeyHex(keys.publicKey),
      host: '127.0.0.1',
      port: 0,
      messageContent: false,
      rateLimitPerMinute: 100,
      guildRateLimitPerMinute: 3,
      allowedGuilds: [GUILD_ID],
      allowedChannels: [CHANNEL_ID],
      apiUrl: api.apiUrl,
    },
    bot: buildBot({ engine, store, logs }),
    logger: logs.logger,
    rest: { retries: 0, timeout: 10_000 },
  });
  ({ url } = await endpoint.start());
});

afterAll(async () => {
  await endpoint?.stop();
  await api?.stop();
  await store?.dispose();
});

describe('Discord allow-lists', () => {
  it('rejects /exit from another guild with an ephemeral notice', async () => {
    const response = await postInteraction(
      inGuild(slashCommand(api, 'exit', { company: '124-81-00998' }), OTHER_GUILD),
    );
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(JSON.stringify(response.data)).toContain(NOT_ENABLED);
    expect((response.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(logs.text).toContain('"reason":"workspace"');
    expect(logs.text).toContain(`"workspace":"${OTHER_GUILD}"`);
    expect(logs.text).toContain('"rejected":1');
  });

  it('rejects /exit from another channel', async () => {
    const response = await postInteraction(
      inChannel(slashCommand(api, 'exit', { company: 'help' }), OTHER_CHANNEL),
    );
    expect(JSON.stringify(response.data)).toContain(NOT_ENABLED);
    expect(logs.text).toContain('"reason":"channel"');
    expect(logs.text).toContain('"rejected":2');
  });

  it('serves /exit and buttons in a thread of an allowed channel', async () => {
    const sent = slashCommand(api, 'exit', { company: '124-81-00998', top: 3 });
    const first = await postInteraction(sent);
    expect(first.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const threadId = await waitForThreadResult(api, sent);
    // The thread's parent channel is the allowed one, so its buttons are served.
    const click = buttonClick(api, `exit:details:${threadId}:1`, threadId, threadId);
    expect((await postInteraction(click)).type).toBe(
      InteractionResponseType.DeferredChannelMessageWithSource,
    );
  });

  it('ignores a button press from another guild', async () => {
    const click = inGuild(
      buttonClick(api, 'exit:details:1300000000000000001:1', CHANNEL_ID, '1300000000000000001'),
      OTHER_GUILD,
    );
    const response = await postInteraction(click);
    expect(JSON.stringify(response.data ?? {})).not.toContain(NOT_ENABLED);
    expect(interactionCalls(api, click).edits).toHaveLength(0);
    expect(logs.text).toContain('"kind":"button"');
  });
});

describe('Discord guild rate limit', () => {
  it('rejects the fourth search in a minute from one guild', async () => {
    // Three searches ran above (one) and here (two); the guild allows three a minute.
    for (let i = 0; i < 2; i++) {
      const sent = slashCommand(
        api,
        'exit',
        { company: '124-81-00998' },
        CHANNEL_ID,
        `11000000000000001${i}0`,
      );
      expect((await postInteraction(sent)).type).toBe(
        InteractionResponseType.DeferredChannelMessageWithSource,
      );
    }
    const limited = await postInteraction(
      slashCommand(api, 'exit', { company: '124-81-00998' }, CHANNEL_ID, '1100000000000000190'),
    );
    expect(limited.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(JSON.stringify(limited.data)).toMatch(
      /This server has reached its limit of EXIT searches per minute\. Please wait \d+ s/,
    );
    expect((limited.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(logs.text).toContain('"limit":"guild"');
  });
});

describe('Discord signature rejections', () => {
  it('logs each rejection with a count and no body', async () => {
    const body = JSON.stringify({ id: '1', type: 1, marker: 'forged-body-marker' });
    const forged = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature-ed25519': '00'.repeat(64),
        'x-signature-timestamp': String(Math.floor(Date.now() / 1000)),
      },
      body,
    });
    expect(forged.status).toBe(401);
    const stale = await post(body, Math.floor(Date.now() / 1000) - 6 * 60);
    expect(stale.status).toBe(401);
    const rejections = logs.lines.filter((line) => line.includes('without a valid signature'));
    expect(rejections).toHaveLength(2);
    expect(rejections[0]).toContain('"reason":"invalid"');
    expect(rejections[0]).toContain('"rejected":1');
    expect(rejections[1]).toContain('"reason":"stale"');
    expect(rejections[1]).toContain('"rejected":2');
    expect(logs.text).not.toContain('forged-body-marker');
  });
});
