import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRealEngine, type RealEngineFixture } from '../../bot/support/real-engine.js';
import { LogCapture, PNG_CHARTS } from '../slack/support/slack-harness.js';
import { type DiscordHarness, startDiscordHarness } from './support/discord-harness.js';
import { slashCommand } from './support/payloads.js';

let fixture: RealEngineFixture;
let harness: DiscordHarness;
const logs = new LogCapture();
beforeAll(async () => {
  fixture = await openRealEngine(120);
  harness = await startDiscordHarness({ engine: fixture.engine, store: fixture.store, logs, charts: PNG_CHARTS, messageContent: true });
});
afterAll(async () => {
  await harness?.stop();
  await fixture?.dispose();
});
describe('smoke', () => {
  it('runs', async () => {
    const sent = slashCommand(harness.api, 'exit', { company: fixture.brns[0] as string, top: 3 });
    harness.gateway.dispatch('INTERACTION_CREATE', sent.payload);
    await harness.api.waitFor('summary', () => harness.api.requests.some((r) => r.method === 'PATCH' && JSON.stringify(r.body).includes('shown in the thread')), 20000);
    for (const r of harness.api.requests) console.log(r.method, r.path, JSON.stringify(r.body).slice(0, 300), r.files);
    expect(1).toBe(1);
  });
});
