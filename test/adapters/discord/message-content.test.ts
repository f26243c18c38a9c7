import { GatewayIntentBits, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASK_NOTICE } from '../../../adapters/discord/handlers/context.js';
import { type ExitError, isExitError } from '../../../core/errors.js';
import { openRealEngine, type RealEngineFixture } from '../../bot/support/real-engine.js';
import { LogCapture } from '../slack/support/slack-harness.js';
import {
  channelPosts,
  type DiscordHarness,
  dispatchInteraction,
  interactionCalls,
  postContaining,
  startDiscordHarness,
  textOf,
  waitForThreadResult,
} from './support/discord-harness.js';
import { CHANNEL_ID } from './support/fake-discord-api.js';
import { slashCommand, threadMessage } from './support/payloads.js';

let fixture: RealEngineFixture;
let harness: DiscordHarness;
const logs = new LogCapture();

beforeAll(async () => {
  fixture = await openRealEngine(120, 12);
  harness = await startDiscordHarness({
    engine: fixture.engine,
    store: fixture.store,
    logs,
    messageContent: false,
    allowMessageContent: false,
  });
});

afterAll(async () => {
  await harness?.stop();
  await fixture?.dispose();
});

describe('Discord bot without the Message Content intent', () => {
  it('identifies without the privileged intent', () => {
    const intents = harness.gateway.identifies[0]?.intents ?? 0;
    expect(intents & GatewayIntentBits.MessageContent).toBe(0);
    expect(intents & GatewayIntentBits.GuildMessages).not.toBe(0);
  });

  it('points the thread to /ask once and answers /ask', async () => {
    const sent = slashCommand(harness.api, 'exit', { company: fixture.brns[0] as string, top: 3 });
    await dispatchInteraction(harness, sent);
    const threadId = await waitForThreadResult(harness.api, sent);
    const noticeText = ASK_NOTICE.slice(0, 40);
    // Without the intent, Discord delivers thread messages with empty content.
    harness.gateway.dispatch('MESSAGE_CREATE', threadMessage(harness.api, threadId, ''));
    await postContaining(harness.api, threadId, noticeText);
    harness.gateway.dispatch('MESSAGE_CREATE', threadMessage(harness.api, threadId, ''));
    const ask = slashCommand(harness.api, 'ask', { question: 'details 2' }, threadId);
    await dispatchInteraction(harness, ask);
    await harness.api.waitFor('the /ask answer', () =>
      interactionCalls(harness.api, ask).edits.some((edit) => textOf(edit).includes('Key figures')),
    );
    const notices = channelPosts(harness.api, threadId).filter((post) => textOf(post).includes(noticeText));
    expect(notices).toHaveLength(1);
  });

  it('answers a message that mentions the bot, whose content Discord always delivers', async () => {
    const sent = slashCommand(harness.api, 'exit', { company: fixture.brns[1] as string, top: 2 });
    await dispatchInteraction(harness, sent);
    const threadId = await waitForThreadResult(harness.api, sent);
    harness.gateway.dispatch(
      'MESSAGE_CREATE',
      threadMessage(harness.api, threadId, '<@1100000000000000002> why #1'),
    );
    await postContaining(harness.api, threadId, 'Why #1');
  });

  it('rejects /ask outside a result thread, visible only to the user', async () => {
    const callback = await dispatchInteraction(
      harness,
      slashCommand(harness.api, 'ask', { question: 'details 1' }, CHANNEL_ID),
    );
    expect((callback.body as { data: { flags: number } }).data.flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(callback)).toContain('Use /ask inside a thread');
  });
});

describe('Discord bot start-up', () => {
  it('reports a rejected token as a configuration error', async () => {
    const error = await startDiscordHarness({
      engine: fixture.engine,
      store: fixture.store,
      logs: new LogCapture(),
      messageContent: false,
      token: 'MTE.wrong.token',
    }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(isExitError(error)).toBe(true);
    expect((error as ExitError).code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toContain('Discord rejected EXIT_DISCORD_TOKEN');
  });

  it('reports a refused Message Content intent as a configuration error', async () => {
    const failing = startDiscordHarness({
      engine: fixture.engine,
      store: fixture.store,
      logs: new LogCapture(),
      messageContent: true,
      allowMessageContent: false,
    });
    const error = await failing.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(isExitError(error)).toBe(true);
    expect((error as ExitError).code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toContain('EXIT_DISCORD_MESSAGE_CONTENT=off');
  });
});
