import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreadStore } from '../../../bot/thread-store.js';
import type { RecommendRequest } from '../../../engine/types.js';
import { fixtureResult } from '../../bot/support/result-fixture.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { LogCapture } from '../slack/support/slack-harness.js';
import {
  channelPosts,
  type DiscordHarness,
  dispatchInteraction,
  postContaining,
  startDiscordHarness,
  textOf,
  waitForThreadResult,
} from './support/discord-harness.js';
import { CHANNEL_ID, GUILD_ID } from './support/fake-discord-api.js';
import { slashCommand, threadCreate, threadMessage } from './support/payloads.js';

/**
 * Thread messages over the gateway: the channel allow-list matches a thread's parent channel, and
 * with the store closed the bot replies only in threads it opened itself.
 */

const OTHER_CHANNEL = '1200000000000000004';
const engine = { recommend: async (request: RecommendRequest) => fixtureResult(5, request) };

let store: TestStore;
let harness: DiscordHarness;
const logs = new LogCapture();

/** Announces a thread over the gateway, as Discord does when one is opened. */
async function announceThread(id: string, parentId: string, ownerId?: string): Promise<void> {
  const created = threadCreate({ id, parentId, name: 'EXIT · test' });
  if (ownerId) created.owner_id = ownerId;
  harness.gateway.dispatch('THREAD_CREATE', created);
  await expect.poll(() => harness.discord.client.channels.cache.has(id)).toBe(true);
}

beforeAll(async () => {
  store = await openSqliteTestStore();
  harness = await startDiscordHarness({
    engine,
    store,
    logs,
    messageContent: true,
    access: { allowedChannels: [CHANNEL_ID] },
  });
});

afterAll(async () => {
  await harness?.stop();
  await store?.dispose();
});

describe('Discord thread messages and the allow-list', () => {
  it('answers in a result thread of an allowed channel', async () => {
    const sent = slashCommand(harness.api, 'exit', { company: '124-81-00998', top: 3 });
    await dispatchInteraction(harness, sent);
    const threadId = await waitForThreadResult(harness.api, sent);
    harness.gateway.dispatch('MESSAGE_CREATE', threadMessage(harness.api, threadId, 'details 1'));
    await postContaining(harness.api, threadId, 'Key figures');
  });

  it('ignores a result thread in another channel and logs the rejection', async () => {
    const threadId = '1300000000000000101';
    const result = fixtureResult(5);
    const now = new Date().toISOString();
    await new ThreadStore(store.db, logs.logger).create({
      key: { platform: 'discord', channelId: GUILD_ID, threadId },
      userId: '1100000000000000010',
      request: { company: '124-81-00998', topK: 5 },
      result,
      displayCount: 3,
      shownCount: 3,
      excludedIds: [],
      createdAt: now,
      updatedAt: now,
    });
    await announceThread(threadId, OTHER_CHANNEL);
    harness.gateway.dispatch(
      'MESSAGE_CREATE',
      threadMessage(harness.api, threadId, 'details 1 private-question-text'),
    );
    await expect.poll(() => logs.text.includes('"kind":"follow-up"')).toBe(true);
    expect(logs.text).toContain(`"channel":"${OTHER_CHANNEL}"`);
    expect(logs.text).toContain('"reason":"channel"');
    expect(logs.text).not.toContain('private-question-text');
    expect(channelPosts(harness.api, threadId)).toHaveLength(0);
  });
});

describe('Discord thread messages with the store closed', () => {
  it('replies unavailable only in threads the bot opened', async () => {
    const ours = '1300000000000000201';
    const theirs = '1300000000000000202';
    await announceThread(ours, CHANNEL_ID);
    await announceThread(theirs, CHANNEL_ID, '1100000000000000099');
    await store.close();

    harness.gateway.dispatch('MESSAGE_CREATE', threadMessage(harness.api, theirs, 'details 1'));
    harness.gateway.dispatch('MESSAGE_CREATE', threadMessage(harness.api, ours, 'details 1'));
    const notice = await postContaining(harness.api, ours, "EXIT's data store is unavailable right now");
    expect(textOf(notice)).toMatch(/reference [0-9a-f-]{36}/);
    await expect
      .poll(() => logs.lines.filter((line) => line.includes('Looking up the thread failed')).length)
      .toBe(2);
    expect(channelPosts(harness.api, theirs)).toHaveLength(0);
  });
});
