import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recommender } from '../../../bot/engine-client.js';
import { RESTARTING_TEXT, ShutdownDrain } from '../../../bot/shutdown-drain.js';
import { openRealEngine, type RealEngineFixture } from '../../bot/support/real-engine.js';
import { LogCapture } from '../slack/support/slack-harness.js';
import {
  type DiscordHarness,
  dispatchInteraction,
  startDiscordHarness,
  textOf,
  waitForThreadResult,
} from './support/discord-harness.js';
import { slashCommand } from './support/payloads.js';

let fixture: RealEngineFixture;
let harness: DiscordHarness;
const logs = new LogCapture();
const drain = new ShutdownDrain();
let releaseSearch: () => void = () => {};
const searchHeld = new Promise<void>((resolve) => {
  releaseSearch = resolve;
});

beforeAll(async () => {
  fixture = await openRealEngine();
  // The first search waits until the test releases it, so it is in flight when the drain starts.
  const heldEngine: Recommender = {
    recommend: async (request) => {
      await searchHeld;
      return fixture.engine.recommend(request);
    },
  };
  harness = await startDiscordHarness({
    engine: heldEngine,
    store: fixture.store,
    logs,
    messageContent: true,
    drain,
  });
});

afterAll(async () => {
  releaseSearch();
  await harness?.stop();
  await fixture?.dispose();
});

describe('Discord shutdown drain', () => {
  it('finishes a search in flight and turns new ones away', async () => {
    const first = slashCommand(harness.api, 'exit', { company: fixture.brns[0] as string, top: 3 });
    await dispatchInteraction(harness, first);
    expect(drain.activeCount).toBe(1);

    const drained = drain.drain(30_000);
    expect(drain.draining).toBe(true);

    const late = slashCommand(harness.api, 'exit', { company: fixture.brns[1] as string });
    const lateCallback = await dispatchInteraction(harness, late);
    const lateData = (lateCallback.body as { data?: { flags?: number } }).data;
    expect(textOf(lateCallback)).toContain(RESTARTING_TEXT);
    expect((lateData?.flags ?? 0) & MessageFlags.Ephemeral).not.toBe(0);

    releaseSearch();
    const threadId = await waitForThreadResult(harness.api, first);
    expect(threadId).toMatch(/^\d+$/);
    expect(await drained).toEqual({ completed: true, remaining: 0 });
  });
});
