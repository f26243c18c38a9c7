import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackBot } from '../../../adapters/slack/app.js';
import type { RecommendRequest } from '../../../engine/types.js';
import { fixtureResult } from '../../bot/support/result-fixture.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { FakeSlackApi, type RecordedCall } from './support/fake-slack-api.js';
import {
  blockActionBody,
  FORM,
  JSON_TYPE,
  messageEventBody,
  sendSigned,
  slashCommandBody,
} from './support/signed-request.js';
import { LogCapture, SIGNING_SECRET, startSlackHarness } from './support/slack-harness.js';

/** Allow-lists, the per-workspace limit and signature rejections, through the real Bolt app. */

const ALLOWED_TEAM = 'T0ALLOWED';
const OTHER_TEAM = 'T0OUTSIDE';
const ALLOWED_CHANNEL = 'C0ALLOWED';
const OTHER_CHANNEL = 'C0OUTSIDE';
const NOT_ENABLED = 'EXIT is not enabled here.';

let store: TestStore;
let fake: FakeSlackApi;
let logs: LogCapture;
let slack: SlackBot;
let eventsUrl: string;
let counter = 0;
const engine = { recommend: async (request: RecommendRequest) => fixtureResult(5, request) };

function nextId(prefix: string): string {
  counter++;
  return `${prefix}${counter}`;
}

async function command(
  text: string,
  teamId: string,
  channelId: string,
  userId = nextId('U0USER'),
): Promise<{ status: number; text: string }> {
  const body = slashCommandBody({
    text,
    teamId,
    channelId,
    userId,
    responseUrl: fake.responseUrl(nextId('cmd')),
  });
  return sendSigned(eventsUrl, body, FORM, { secret: SIGNING_SECRET });
}

function ephemeralText(response: { text: string }): string {
  return response.text ? String(JSON.parse(response.text).text) : '';
}

/** Runs an allowed search and returns the parent message's ts once the result is in its thread. */
async function allowedSearch(): Promise<string> {
  const before = fake.calls.length;
  const ack = await command('124-81-00998', ALLOWED_TEAM, ALLOWED_CHANNEL);
  expect(ack.status).toBe(200);
  const finished = (call: RecordedCall) =>
    call.method === 'chat.update' && String(call.params.text).includes('shown in the thread');
  await fake.waitFor('the finished search', () => fake.calls.slice(before).some(finished));
  return String(fake.calls.slice(before).find(finished)?.params.ts);
}

beforeAll(async () => {
  store = await openSqliteTestStore();
  fake = new FakeSlackApi();
  await fake.start();
  logs = new LogCapture();
  ({ slack, eventsUrl } = await startSlackHarness({
    engine,
    store,
    fake,
    logs,
    rateLimitPerMinute: 100,
    access: {
      teamRateLimitPerMinute: 3,
      allowedTeams: [ALLOWED_TEAM, 'T0LIMITED'],
      allowedChannels: [ALLOWED_CHANNEL],
    },
  }));
});

afterAll(async () => {
  await slack?.stop();
  await fake?.stop();
  await store?.dispose();
});

describe('Slack allow-lists', () => {
  it('rejects a command from another workspace', async () => {
    const before = fake.calls.length;
    const response = await command('124-81-00998', OTHER_TEAM, ALLOWED_CHANNEL, 'U0MALLORY');
    expect(response.status).toBe(200);
    expect(ephemeralText(response)).toBe(NOT_ENABLED);
    expect(JSON.parse(response.text).response_type).toBe('ephemeral');
    expect(fake.calls.length).toBe(before);
    expect(logs.text).toContain('"reason":"workspace"');
    expect(logs.text).toContain(`"workspace":"${OTHER_TEAM}"`);
    expect(logs.text).toContain('"rejected":1');
  });

  it('rejects a command from another channel, even help', async () => {
    const response = await command('help', ALLOWED_TEAM, OTHER_CHANNEL);
    expect(ephemeralText(response)).toBe(NOT_ENABLED);
    expect(logs.text).toContain('"reason":"channel"');
    expect(logs.text).toContain('"rejected":2');
  });

  it('serves a command from an allowed channel', async () => {
    const ts = await allowedSearch();
    expect(ts).not.toBe('undefined');
  });

  it('ignores a follow-up from another workspace in a result thread', async () => {
    const ts = await allowedSearch();
    const before = fake.calls.length;
    const body = messageEventBody({
      eventId: nextId('Ev'),
      text: 'details 1 secret-body-text',
      userId: 'U0MALLORY',
      channelId: ALLOWED_CHANNEL,
      threadTs: ts,
      ts: `1800000000.${String(counter).padStart(6, '0')}`,
      teamId: OTHER_TEAM,
    });
    const response = await sendSigned(eventsUrl, body, JSON_TYPE, { secret: SIGNING_SECRET });
    expect(response.status).toBe(200);
    await expect.poll(() => logs.text.includes('"kind":"follow-up"')).toBe(true);
    expect(fake.calls.length).toBe(before);
    expect(logs.text).not.toContain('secret-body-text');
  });

  it('ignores a button press from another workspace', async () => {
    const ts = await allowedSearch();
    const before = fake.calls.length;
    const responseUrl = fake.responseUrl(nextId('button'));
    const body = blockActionBody({
      actionId: 'exit_details_1',
      value: '1',
      userId: 'U0MALLORY',
      channelId: ALLOWED_CHANNEL,
      messageTs: ts,
      threadTs: ts,
      responseUrl,
      teamId: OTHER_TEAM,
    });
    const response = await sendSigned(eventsUrl, body, FORM, { secret: SIGNING_SECRET });
    expect(response.status).toBe(200);
    await expect.poll(() => logs.text.includes('"kind":"button"')).toBe(true);
    expect(fake.calls.length).toBe(before);
    expect(fake.responses.length).toBe(0);
  });
});

describe('Slack workspace rate limit', () => {
  it('rejects the fourth search in a minute from one workspace', async () => {
    const replies: string[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await command('124-81-00998', 'T0LIMITED', ALLOWED_CHANNEL);
      replies.push(ephemeralText(response));
    }
    expect(replies.slice(0, 3)).toEqual(['', '', '']);
    expect(replies[3]).toMatch(
      /^This workspace has reached its limit of EXIT searches per minute\. Please wait \d+ s/,
    );
    expect(logs.text).toContain('"limit":"workspace"');
  });

  it('leaves other workspaces their own budget', async () => {
    const response = await command('help', ALLOWED_TEAM, ALLOWED_CHANNEL);
    expect(ephemeralText(response)).not.toContain('reached its limit');
  });
});

describe('Slack signature rejections', () => {
  it('logs each rejection with a count and no body', async () => {
    const body = slashCommandBody({
      text: 'forged-body-marker',
      userId: 'U0EVE',
      channelId: ALLOWED_CHANNEL,
      teamId: ALLOWED_TEAM,
      responseUrl: fake.responseUrl('eve'),
    });
    const forged = await sendSigned(eventsUrl, body, FORM, {
      secret: SIGNING_SECRET,
      signature: `v0=${'0'.repeat(64)}`,
    });
    expect(forged.status).toBe(401);
    const stale = await sendSigned(eventsUrl, body, FORM, {
      secret: SIGNING_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    const rejections = logs.lines.filter((line) => line.includes('without a valid signature'));
    expect(rejections).toHaveLength(2);
    expect(rejections[0]).toContain('"rejected":1');
    expect(rejections[0]).toContain('signature mismatch');
    expect(rejections[1]).toContain('"rejected":2');
    expect(rejections[1]).toContain('stale');
    expect(logs.text).not.toContain('forged-body-marker');
  });
});
