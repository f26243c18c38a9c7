import type { APIEmbed } from 'discord.js';
import { createDiscordGatewayBot, type DiscordGatewayBot } from '../../../../adapters/discord/client.js';
import type { ChartRenderer } from '../../../../bot/chart.js';
import { InProcessEngineClient, type Recommender } from '../../../../bot/engine-client.js';
import { ExitBot } from '../../../../bot/exit-bot.js';
import type { ShutdownDrain } from '../../../../bot/shutdown-drain.js';
import { ThreadStore } from '../../../../bot/thread-store.js';
import type { Store } from '../../../../data/store/connect.js';
import type { LogCapture } from '../../slack/support/slack-harness.js';
import { BOT_TOKEN, FakeDiscordApi, type RecordedRequest } from './fake-discord-api.js';
import { FakeGateway } from './fake-gateway.js';
import { type Sent, threadCreate } from './payloads.js';

export interface DiscordHarnessOptions {
  engine: Recommender;
  store: Store;
  logs: LogCapture;
  charts?: ChartRenderer | null;
  /** Whether the bot requests the Message Content intent. */
  messageContent: boolean;
  /** Whether the fake gateway allows the Message Content intent (false: it closes with 4014). */
  allowMessageContent?: boolean;
  rateLimitPerMinute?: number;
  /** The bot token the client logs in with; the fake API accepts only BOT_TOKEN. */
  token?: string;
  /** Guild limit and allow-lists; unset means 60 per guild and no allow-lists. */
  access?: { guildRateLimitPerMinute?: number; allowedGuilds?: string[]; allowedChannels?: string[] };
  /** The shutdown drain the handlers track their work in. */
  drain?: ShutdownDrain;
}

export interface DiscordHarness {
  api: FakeDiscordApi;
  gateway: FakeGateway;
  discord: DiscordGatewayBot;
  stop(): Promise<void>;
}

export function buildBot(
  options: Pick<DiscordHarnessOptions, 'engine' | 'store' | 'logs' | 'charts'>,
): ExitBot {
  return new ExitBot({
    engine: new InProcessEngineClient(options.engine),
    threads: new ThreadStore(options.store.db, options.logs.logger),
    logger: options.logs.logger,
    defaultTopK: 5,
    maxSearches: 4,
    charts: options.charts ?? null,
  });
}

/**
 * Starts the fake Discord API and gateway on 127.0.0.1, then the real discord.js client pointed at
 * them; `start` resolves once the client is ready. Threads opened over REST come back as
 * THREAD_CREATE, as on Discord, so discord.js caches them before their first message arrives.
 */
export async function startDiscordHarness(options: DiscordHarnessOptions): Promise<DiscordHarness> {
  const api = new FakeDiscordApi();
  const gateway = new FakeGateway({ allowMessageContent: options.allowMessageContent ?? true });
  await gateway.start();
  await api.start();
  api.gatewayUrl = gateway.url;
  api.onThreadCreated = (thread) => gateway.dispatch('THREAD_CREATE', threadCreate(thread));
  const discord = createDiscordGatewayBot({
    settings: {
      mode: 'gateway',
      token: options.token ?? BOT_TOKEN,
      messageContent: options.messageContent,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 30,
      apiUrl: api.apiUrl,
      ...options.access,
    },
    bot: buildBot(options),
    logger: options.logs.logger,
    rest: { retries: 0, timeout: 10_000 },
    ...(options.drain ? { drain: options.drain } : {}),
  });
  const stopFakes = async () => {
    await gateway.stop();
    await api.stop();
  };
  try {
    await discord.start();
  } catch (error) {
    await stopFakes();
    throw error;
  }
  return {
    api,
    gateway,
    discord,
    async stop() {
      await discord.stop();
      await stopFakes();
    },
  };
}

/** Returns the embeds of a recorded message call. */
export function embedsOf(request: RecordedRequest): APIEmbed[] {
  return ((request.body as { embeds?: APIEmbed[] } | null)?.embeds ?? []) as APIEmbed[];
}

/** Returns a recorded call's body as JSON text, for substring checks. */
export function textOf(request: RecordedRequest): string {
  return JSON.stringify(request.body ?? {});
}

/** Returns the REST calls made for one interaction: its callback, edits of the original and follow-ups. */
export function interactionCalls(api: FakeDiscordApi, sent: Sent) {
  return {
    callback: api.requestsTo('POST', new RegExp(`^/interactions/${sent.id}/`))[0],
    edits: api.requestsTo('PATCH', new RegExp(`/${sent.token}/messages/@original$`)),
    followUps: api.requestsTo('POST', new RegExp(`^/webhooks/\\d+/${sent.token}$`)),
  };
}

/** Messages posted in a channel or thread over REST. */
export function channelPosts(api: FakeDiscordApi, channelId: string): RecordedRequest[] {
  return api.requestsTo('POST', new RegExp(`^/channels/${channelId}/messages$`));
}

/** Sends an interaction over the gateway and waits for its deferred or immediate callback. */
export async function dispatchInteraction(harness: DiscordHarness, sent: Sent): Promise<RecordedRequest> {
  harness.gateway.dispatch('INTERACTION_CREATE', sent.payload);
  await harness.api.waitFor(
    `the callback of interaction ${sent.id}`,
    () => !!interactionCalls(harness.api, sent).callback,
  );
  return interactionCalls(harness.api, sent).callback as RecordedRequest;
}

/** Waits until the original response reports the result in its thread, and returns the thread id. */
export async function waitForThreadResult(api: FakeDiscordApi, sent: Sent): Promise<string> {
  const done = () =>
    interactionCalls(api, sent).edits.find((edit) => textOf(edit).includes('shown in the thread'));
  await api.waitFor(`the result of interaction ${sent.id}`, () => !!done());
  const edit = done() as RecordedRequest;
  return String((edit.result as { id: string }).id);
}

/** Waits for a message in the channel whose body contains `needle`, and returns it. */
export async function postContaining(
  api: FakeDiscordApi,
  channelId: string,
  needle: string,
): Promise<RecordedRequest> {
  const find = () => channelPosts(api, channelId).find((post) => textOf(post).includes(needle));
  await api.waitFor(`a post containing ${needle}`, () => !!find());
  return find() as RecordedRequest;
}
