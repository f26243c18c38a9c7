import { GatewayIntentBits, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRealEngine, type RealEngineFixture } from '../../bot/support/real-engine.js';
import { TINY_PNG } from '../../bot/support/result-fixture.js';
import { LogCapture, PNG_CHARTS } from '../slack/support/slack-harness.js';
import {
  channelPosts,
  type DiscordHarness,
  dispatchInteraction,
  embedsOf,
  interactionCalls,
  postContaining,
  startDiscordHarness,
  textOf,
  waitForThreadResult,
} from './support/discord-harness.js';
import { BOT_USER_ID, CHANNEL_ID, type RecordedRequest } from './support/fake-discord-api.js';
import { expectWithinLimits } from './support/limits.js';
import { buttonClick, slashCommand, threadMessage } from './support/payloads.js';

let fixture: RealEngineFixture;
let harness: DiscordHarness;
const logs = new LogCapture();

function customIds(request: RecordedRequest): string[] {
  const rows = (request.body as { components?: { components: { custom_id: string }[] }[] }).components ?? [];
  return rows.flatMap((row) => row.components.map((button) => button.custom_id));
}

/** Runs `/exit` in the text channel and returns the interaction and the id of its result thread. */
async function searchThread(options: Record<string, string | number>) {
  const sent = slashCommand(harness.api, 'exit', options);
  const callback = await dispatchInteraction(harness, sent);
  const threadId = await waitForThreadResult(harness.api, sent);
  return { sent, callback, threadId };
}

beforeAll(async () => {
  fixture = await openRealEngine();
  harness = await startDiscordHarness({
    engine: fixture.engine,
    store: fixture.store,
    logs,
    charts: PNG_CHARTS,
    messageContent: true,
  });
});

afterAll(async () => {
  await harness?.stop();
  await fixture?.dispose();
});

describe('Discord gateway bot', () => {
  it('identifies with the Message Content intent', () => {
    const intents = harness.gateway.identifies[0]?.intents ?? 0;
    expect(intents & GatewayIntentBits.Guilds).not.toBe(0);
    expect(intents & GatewayIntentBits.GuildMessages).not.toBe(0);
    expect(intents & GatewayIntentBits.MessageContent).not.toBe(0);
  });

  it('defers /exit and posts the result with its chart in a thread', async () => {
    const { sent, callback, threadId } = await searchThread({ company: fixture.brns[0] as string, top: 3 });
    expect(callback.body).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: 0 },
    });
    const [working] = interactionCalls(harness.api, sent).edits;
    expect(embedsOf(working as RecordedRequest)[0]?.title).toContain('Searching partners');
    const opened = harness.api.requestsTo(
      'POST',
      new RegExp(`^/channels/${CHANNEL_ID}/messages/${threadId}/threads$`),
    );
    expect(opened).toHaveLength(1);
    expect(opened[0]?.authorization).toMatch(/^Bot /);
    const [result] = channelPosts(harness.api, threadId);
    const embeds = embedsOf(result as RecordedRequest);
    expect(embeds[0]?.title).toMatch(/^Partners for /);
    expect(embeds[0]?.image?.url).toBe('attachment://partners.png');
    expect(result?.files).toEqual([
      { field: 'files[0]', name: 'partners.png', size: TINY_PNG.length, type: 'image/png' },
    ]);
    expect((result as RecordedRequest).body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(customIds(result as RecordedRequest)).toContain(`exit:details:${threadId}:1`);
    expect(customIds(result as RecordedRequest)).toContain(`exit:exclude:${threadId}:3`);
    expectWithinLimits(result?.body as object);
  });

  it('answers a button click with the partner details', async () => {
    const { threadId } = await searchThread({ company: fixture.brns[1] as string, top: 2 });
    const [result] = channelPosts(harness.api, threadId);
    const customId = customIds(result as RecordedRequest).find((id) =>
      id.startsWith('exit:details:'),
    ) as string;
    const click = buttonClick(
      harness.api,
      customId.replace(/:1$/, ':2'),
      threadId,
      String(((result as RecordedRequest).result as { id: string }).id),
    );
    const callback = await dispatchInteraction(harness, click);
    expect((callback.body as { type: number }).type).toBe(
      InteractionResponseType.DeferredChannelMessageWithSource,
    );
    await harness.api.waitFor('the details reply', () =>
      interactionCalls(harness.api, click).edits.some((edit) => textOf(edit).includes('Key figures')),
    );
    const [details] = interactionCalls(harness.api, click).edits;
    expect(embedsOf(details as RecordedRequest)[0]?.title).toMatch(/^#2 /);
  });

  it('attaches the chart to a valuation button reply', async () => {
    const { threadId } = await searchThread({ company: fixture.brns[1] as string, top: 2 });
    const click = buttonClick(harness.api, `exit:valuation:${threadId}:1`, threadId, threadId);
    await dispatchInteraction(harness, click);
    await harness.api.waitFor('the valuation reply', () =>
      interactionCalls(harness.api, click).edits.some((edit) => textOf(edit).includes('Valuation of #1')),
    );
    const [valuation] = interactionCalls(harness.api, click).edits;
    expect(valuation?.files.map((file) => file.name)).toEqual(['valuation.png']);
    expect(embedsOf(valuation as RecordedRequest)[0]?.image?.url).toBe('attachment://valuation.png');
  });

  it('answers thread messages as follow-up questions', async () => {
    const { threadId } = await searchThread({ company: fixture.brns[2] as string, top: 3 });
    const why = threadMessage(harness.api, threadId, 'why #2?');
    harness.gateway.dispatch('MESSAGE_CREATE', why);
    const answer = await postContaining(harness.api, threadId, 'Why #2');
    expect(
      (answer.body as { message_reference?: { message_id: string } }).message_reference?.message_id,
    ).toBe(why.id);
    harness.gateway.dispatch('MESSAGE_CREATE', threadMessage(harness.api, threadId, '1번이랑 3번 비교해줘'));
    await postContaining(harness.api, threadId, 'and #3 ');
    harness.gateway.dispatch(
      'MESSAGE_CREATE',
      threadMessage(harness.api, threadId, `<@${BOT_USER_ID}> 더 보여줘`),
    );
    const more = await postContaining(harness.api, threadId, 'Showing #4-#6');
    expect(customIds(more)).toContain(`exit:details:${threadId}:4`);
  });

  it('splits a long answer within the embed limits', async () => {
    const { threadId } = await searchThread({ company: fixture.brns[3] as string, top: 25 });
    const posts = channelPosts(harness.api, threadId);
    expect(posts.length).toBeGreaterThan(1);
    for (const post of posts) expectWithinLimits(post.body as object);
    const titles = posts.flatMap((post) => embedsOf(post).map((embed) => embed.title ?? ''));
    const ranks = titles.flatMap((title) => /^#(\d+) /.exec(title)?.[1] ?? []).map(Number);
    expect(ranks.length).toBeGreaterThan(10);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('answers help and invalid input only to the user', async () => {
    const help = await dispatchInteraction(harness, slashCommand(harness.api, 'exit', { company: 'help' }));
    expect((help.body as { type: number }).type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect((help.body as { data: { flags: number } }).data.flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(help)).toContain('/exit <company> [sector] [top K]');
    const invalid = await dispatchInteraction(
      harness,
      slashCommand(harness.api, 'exit', { company: '124-81-00997', sector: 'bio' }),
    );
    expect((invalid.body as { data: { flags: number } }).data.flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(invalid)).toContain('check digit is 7 but should be 8');
  });

  it('logs an expired or acknowledged interaction and keeps serving', async () => {
    const expired = slashCommand(harness.api, 'exit', { company: fixture.brns[4] as string });
    harness.api.failingCallbacks.set(expired.id, {
      status: 404,
      code: 10062,
      message: 'Unknown interaction',
    });
    const acknowledged = slashCommand(harness.api, 'exit', { company: fixture.brns[4] as string });
    harness.api.failingCallbacks.set(acknowledged.id, {
      status: 400,
      code: 40060,
      message: 'Interaction has already been acknowledged.',
    });
    await dispatchInteraction(harness, expired);
    await dispatchInteraction(harness, acknowledged);
    await harness.api.waitFor(
      'both warnings',
      () => (logs.text.match(/expired or was already acknowledged/g) ?? []).length >= 2,
    );
    expect(logs.text).toContain('"discordCode":10062');
    expect(logs.text).toContain('"discordCode":40060');
    expect(interactionCalls(harness.api, expired).edits).toHaveLength(0);
    const { threadId } = await searchThread({ company: fixture.brns[4] as string, top: 2 });
    expect(channelPosts(harness.api, threadId).length).toBeGreaterThan(0);
  });

  it('keeps the result in the channel when no thread can be opened', async () => {
    harness.api.failingThreads.set(CHANNEL_ID, { status: 403, code: 50013, message: 'Missing Permissions' });
    try {
      const sent = slashCommand(harness.api, 'exit', { company: fixture.brns[5] as string, top: 2 });
      await dispatchInteraction(harness, sent);
      await harness.api.waitFor('the result in the channel', () =>
        interactionCalls(harness.api, sent).edits.some((edit) => textOf(edit).includes('Partners for')),
      );
      const calls = interactionCalls(harness.api, sent);
      const all = [...calls.edits, ...calls.followUps].map(textOf).join('\n');
      expect(all).toContain('Create Public Threads');
      const anchor = String(((calls.edits[0] as RecordedRequest).result as { id: string }).id);
      const customId = calls.edits.flatMap(customIds).find((id) => id.startsWith('exit:details:'));
      expect(customId).toBe(`exit:details:${anchor}:1`);
      const click = buttonClick(harness.api, customId as string, CHANNEL_ID, anchor);
      await dispatchInteraction(harness, click);
      await harness.api.waitFor('the details reply', () =>
        interactionCalls(harness.api, click).edits.some((edit) => textOf(edit).includes('Key figures')),
      );
    } finally {
      harness.api.failingThreads.delete(CHANNEL_ID);
    }
    expect(logs.text).toContain('Opening the result thread failed');
  });
});
