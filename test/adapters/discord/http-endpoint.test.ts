import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASK_NOTICE } from '../../../adapters/discord/handlers/context.js';
import {
  createDiscordHttpEndpoint,
  type DiscordHttpEndpoint,
} from '../../../adapters/discord/http-endpoint.js';
import { openRealEngine, type RealEngineFixture } from '../../bot/support/real-engine.js';
import { LogCapture, PNG_CHARTS } from '../slack/support/slack-harness.js';
import {
  buildBot,
  channelPosts,
  interactionCalls,
  textOf,
  waitForThreadResult,
} from './support/discord-harness.js';
import { APPLICATION_ID, BOT_TOKEN, FakeDiscordApi } from './support/fake-discord-api.js';
import { buttonClick, type Sent, slashCommand } from './support/payloads.js';

let fixture: RealEngineFixture;
let api: FakeDiscordApi;
let endpoint: DiscordHttpEndpoint;
let url: string;
const logs = new LogCapture();
const keys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');

function publicKeyHex(key: KeyObject): string {
  return Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url').toString('hex');
}

interface PostOptions {
  key?: KeyObject;
  timestamp?: number;
  /** Signs this text instead of the body sent, to send a tampered body. */
  signedBody?: string;
  headers?: boolean;
}

async function post(body: string, options: PostOptions = {}): Promise<{ status: number; text: string }> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = sign(
    null,
    Buffer.from(timestamp + (options.signedBody ?? body)),
    options.key ?? keys.privateKey,
  );
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.headers !== false) {
    headers['x-signature-ed25519'] = signature.toString('hex');
    headers['x-signature-timestamp'] = timestamp;
  }
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

async function postInteraction(sent: Sent): Promise<{ type: number; data?: { flags?: number } }> {
  const response = await post(JSON.stringify(sent.payload));
  expect(response.status).toBe(200);
  return JSON.parse(response.text);
}

const PING = JSON.stringify({
  id: '1',
  application_id: APPLICATION_ID,
  type: InteractionType.Ping,
  token: 't',
  version: 1,
});

beforeAll(async () => {
  fixture = await openRealEngine(120, 13);
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
      rateLimitPerMinute: 30,
      apiUrl: api.apiUrl,
    },
    bot: buildBot({ engine: fixture.engine, store: fixture.store, logs, charts: PNG_CHARTS }),
    logger: logs.logger,
    rest: { retries: 0, timeout: 10_000 },
  });
  ({ url } = await endpoint.start());
});

afterAll(async () => {
  await endpoint?.stop();
  await api?.stop();
  await fixture?.dispose();
});

describe('Discord HTTP interactions endpoint', () => {
  it('listens on loopback', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/discord\/interactions$/);
  });

  it('answers a signed PING with PONG', async () => {
    const response = await post(PING);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ type: InteractionResponseType.Pong });
  });

  it('rejects a bad signature', async () => {
    expect((await post(PING, { key: otherKeys.privateKey })).status).toBe(401);
  });

  it('rejects a tampered body, missing headers and a stale timestamp', async () => {
    expect((await post(PING, { signedBody: PING.replace('"1"', '"2"') })).status).toBe(401);
    expect((await post(PING, { headers: false })).status).toBe(401);
    expect((await post(PING, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    expect(logs.text).toContain('"reason":"stale"');
  });

  it('defers /exit in the HTTP response and posts the result in a thread', async () => {
    const sent = slashCommand(api, 'exit', { company: fixture.brns[0] as string, top: 3 });
    const first = await postInteraction(sent);
    expect(first).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: {} });
    const threadId = await waitForThreadResult(api, sent);
    const posts = channelPosts(api, threadId);
    expect(textOf(posts[0] as never)).toContain('attachment://partners.png');
    expect(posts[0]?.authorization).toBe(`Bot ${BOT_TOKEN}`);
    expect(posts.some((posted) => textOf(posted).includes(ASK_NOTICE.slice(0, 40)))).toBe(true);
    // Interaction webhooks are authorised by the interaction token alone.
    expect(interactionCalls(api, sent).edits[0]?.authorization).toBeUndefined();

    const click = buttonClick(api, `exit:patents:${threadId}:1`, threadId, threadId);
    expect((await postInteraction(click)).type).toBe(
      InteractionResponseType.DeferredChannelMessageWithSource,
    );
    await api.waitFor('the patents reply', () =>
      interactionCalls(api, click).edits.some((edit) => textOf(edit).includes('Evidence for #1')),
    );
    const ask = slashCommand(api, 'ask', { question: '1번 2번 비교' }, threadId);
    await postInteraction(ask);
    await api.waitFor('the /ask reply', () =>
      interactionCalls(api, ask).edits.some((edit) => textOf(edit).includes('and #2 ')),
    );
  });

  it('answers help in the HTTP response, visible only to the user', async () => {
    const response = await postInteraction(slashCommand(api, 'exit', { company: 'help' }));
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
  });

  it('serves a health check', async () => {
    const response = await fetch(url.replace('/discord/interactions', '/health'));
    expect(await response.text()).toBe('ok');
  });
});
