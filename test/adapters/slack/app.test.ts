import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackBot } from '../../../adapters/slack/app.js';
import { INVITE_ME } from '../../../adapters/slack/post.js';
import { openRealEngine, type RealEngineFixture } from '../../bot/support/real-engine.js';
import { TINY_PNG } from '../../bot/support/result-fixture.js';
import { FakeSlackApi, type RecordedCall } from './support/fake-slack-api.js';
import {
  blockActionBody,
  FORM,
  JSON_TYPE,
  messageEventBody,
  type SlackAppResponse,
  sendSigned,
  slashCommandBody,
} from './support/signed-request.js';
import {
  BOT_TOKEN,
  LogCapture,
  PNG_CHARTS,
  SIGNING_SECRET,
  startSlackHarness,
} from './support/slack-harness.js';

const CHANNEL = 'C0DEALS';

let fixture: RealEngineFixture;
let fake: FakeSlackApi;
let logs: LogCapture;
let slack: SlackBot;
let eventsUrl: string;
let counter = 0;

function nextId(prefix: string): string {
  counter++;
  return `${prefix}${counter}`;
}

function command(text: string, userId = 'U0ALICE', channelId = CHANNEL): Promise<SlackAppResponse> {
  const body = slashCommandBody({ text, userId, channelId, responseUrl: fake.responseUrl(nextId('cmd')) });
  return sendSigned(eventsUrl, body, FORM, { secret: SIGNING_SECRET });
}

function threadMessage(
  threadTs: string,
  text: string,
  eventId = nextId('Ev'),
  retryNum?: number,
): Promise<SlackAppResponse> {
  const body = messageEventBody({
    eventId,
    text,
    userId: 'U0BOB',
    channelId: CHANNEL,
    threadTs,
    ts: `1800000000.${String(counter).padStart(6, '0')}`,
  });
  return sendSigned(eventsUrl, body, JSON_TYPE, {
    secret: SIGNING_SECRET,
    ...(retryNum !== undefined ? { retryNum } : {}),
  });
}

function threadPosts(threadTs: string): RecordedCall[] {
  return fake.callsTo('chat.postMessage').filter((call) => call.params.thread_ts === threadTs);
}

function blocksText(call: RecordedCall): string {
  return JSON.stringify(call.params.blocks ?? []);
}

/** Waits for a thread reply whose blocks contain `needle`, and returns it. */
async function replyContaining(threadTs: string, needle: string): Promise<RecordedCall> {
  await fake.waitFor(`a reply containing ${needle}`, () =>
    threadPosts(threadTs).some((call) => blocksText(call).includes(needle)),
  );
  return threadPosts(threadTs).find((call) => blocksText(call).includes(needle)) as RecordedCall;
}

/** Runs `/exit` as a new user and waits for the parent message to say it is done; returns the thread ts. */
async function searchThread(text: string): Promise<string> {
  const responseUrl = fake.responseUrl(nextId('cmd'));
  const before = fake.calls.length;
  const body = slashCommandBody({ text, userId: nextId('U0SEARCH'), channelId: CHANNEL, responseUrl });
  const ack = await sendSigned(eventsUrl, body, FORM, { secret: SIGNING_SECRET });
  expect(ack.status).toBe(200);
  expect(ack.text).toBe('');
  const company = text.split(' ')[0] as string;
  const isParent = (call: RecordedCall) =>
    call.method === 'chat.postMessage' &&
    call.params.thread_ts === undefined &&
    String(call.params.text).includes(company);
  await fake.waitFor(`the working message for ${text}`, () => fake.calls.slice(before).some(isParent));
  const ts = String(fake.calls.slice(before).find(isParent)?.result.ts);
  await fake.waitFor(`the finished parent for ${text}`, () =>
    fake
      .callsTo('chat.update')
      .some((call) => call.params.ts === ts && String(call.params.text).includes('shown in the thread')),
  );
  return ts;
}

beforeAll(async () => {
  fixture = await openRealEngine();
  fake = new FakeSlackApi();
  await fake.start();
  logs = new LogCapture();
  ({ slack, eventsUrl } = await startSlackHarness({
    engine: fixture.engine,
    store: fixture.store,
    fake,
    logs,
    charts: PNG_CHARTS,
    rateLimitPerMinute: 3,
  }));
});

afterAll(async () => {
  await slack?.stop();
  await fake?.stop();
  await fixture?.dispose();
});

describe('Slack app over HTTP', () => {
  it('listens on loopback and verified its token at start-up', () => {
    expect(eventsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('answers a slash command in a thread with blocks and a chart', async () => {
    const ts = await searchThread(`${fixture.brns[0]} top 3`);
    const answer = await replyContaining(ts, 'Partners for');
    const blocks = answer.params.blocks as { type: string }[];
    expect(blocks[0]?.type).toBe('header');
    expect(blocksText(answer)).toContain('exit_details_1');
    expect(blocksText(answer)).toContain('exit_more_more');
    expect(answer.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    await fake.waitFor('the chart upload', () =>
      fake.callsTo('files.completeUploadExternal').some((call) => call.params.thread_ts === ts),
    );
    const completed = fake
      .callsTo('files.completeUploadExternal')
      .find((call) => call.params.thread_ts === ts) as RecordedCall;
    expect(completed.params.channel_id).toBe(CHANNEL);
    const fileId = (completed.params.files as { id: string }[])[0]?.id as string;
    expect(fake.uploads.get(fileId)?.includes(TINY_PNG)).toBe(true);
  });

  it('answers help and invalid input in the acknowledgement', async () => {
    const help = await command('help');
    expect(help.status).toBe(200);
    expect(JSON.parse(help.text)).toMatchObject({ response_type: 'ephemeral' });
    expect(help.text).toContain('/exit &lt;company&gt; [sector] [top K]');
    const invalid = await command('124-81-00997 bio');
    expect(JSON.parse(invalid.text).text).toContain('check digit is 7 but should be 8');
  });

  it('answers button clicks in the thread', async () => {
    const ts = await searchThread(`${fixture.brns[1]} top 2`);
    const press = blockActionBody({
      actionId: 'exit_details_2',
      value: '2',
      userId: 'U0ALICE',
      channelId: CHANNEL,
      messageTs: '1700000000.999999',
      threadTs: ts,
      responseUrl: fake.responseUrl(nextId('act')),
    });
    const ack = await sendSigned(eventsUrl, press, FORM, { secret: SIGNING_SECRET });
    expect(ack.status).toBe(200);
    const reply = await replyContaining(ts, 'Key figures');
    expect(blocksText(reply)).toContain('Best similarity');
  });

  it('answers thread follow-ups in English and Korean', async () => {
    const ts = await searchThread(`${fixture.brns[2]} top 3`);
    expect((await threadMessage(ts, 'why #2?')).status).toBe(200);
    await replyContaining(ts, 'Why #2');
    await threadMessage(ts, '1번이랑 3번 비교해줘');
    await replyContaining(ts, 'and #3 ');
    await threadMessage(ts, '<@UBOT> 더 보여줘');
    const more = await replyContaining(ts, 'Showing #4-#6');
    expect(blocksText(more)).toContain('exit_details_4');
  });

  it('does not answer a retried delivery twice', async () => {
    const ts = await searchThread(`${fixture.brns[3]} top 2`);
    const eventId = nextId('EvRetry');
    const [first, retry] = await Promise.all([
      threadMessage(ts, 'patents of 1', eventId),
      threadMessage(ts, 'patents of 1', eventId, 1),
    ]);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    await replyContaining(ts, 'Evidence for #1');
    await threadMessage(ts, 'why #1');
    await replyContaining(ts, 'Why #1');
    const evidenceReplies = threadPosts(ts).filter((call) => blocksText(call).includes('Evidence for #1'));
    expect(evidenceReplies).toHaveLength(1);
  });

  it('rejects a bad signature and a stale timestamp', async () => {
    const before = fake.calls.length;
    const body = slashCommandBody({
      text: 'help',
      userId: 'U0EVE',
      channelId: CHANNEL,
      responseUrl: fake.responseUrl('eve'),
    });
    const forged = await sendSigned(eventsUrl, body, FORM, {
      secret: SIGNING_SECRET,
      signature: `v0=${'0'.repeat(64)}`,
    });
    expect(forged.status).toBe(401);
    const stale = await sendSigned(eventsUrl, body, FORM, {
      secret: SIGNING_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(stale.status).toBe(401);
    const wrongSecret = await sendSigned(eventsUrl, body, FORM, { secret: 'another-secret-value' });
    expect(wrongSecret.status).toBe(401);
    expect(fake.calls.length).toBe(before);
  });

  it('tells the user to invite the app where it cannot post', async () => {
    fake.failingChannels.set('C0PRIVATE', 'not_in_channel');
    const responseId = nextId('private');
    const body = slashCommandBody({
      text: `${fixture.brns[0]}`,
      userId: 'U0CAROL',
      channelId: 'C0PRIVATE',
      responseUrl: fake.responseUrl(responseId),
    });
    expect((await sendSigned(eventsUrl, body, FORM, { secret: SIGNING_SECRET })).status).toBe(200);
    await fake.waitFor('the ephemeral notice', () =>
      fake.responses.some((response) => response.id === responseId),
    );
    const notice = fake.responses.find((response) => response.id === responseId);
    expect(notice?.body).toMatchObject({ response_type: 'ephemeral', text: INVITE_ME });
  });

  it('rate-limits searches per user politely', async () => {
    const user = 'U0BUSY';
    const answers: SlackAppResponse[] = [];
    for (let i = 0; i < 4; i++) answers.push(await command(`${fixture.brns[4]}`, user));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers.slice(0, 3).map((answer) => answer.text)).toEqual(['', '', '']);
    expect(JSON.parse(answers[3]?.text ?? '{}').text).toMatch(
      /^You have sent several searches in a short time\. Please wait \d+ s/,
    );
  });

  it('acknowledges and answers 50 commands sent at once', async () => {
    const updatesBefore = fake
      .callsTo('chat.update')
      .filter((call) => String(call.params.text).includes('shown in the thread')).length;
    const acks = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        command(`${fixture.brns[i % fixture.brns.length]} top 2`, `U0LOAD${i}`),
      ),
    );
    expect(acks.filter((ack) => ack.status === 200)).toHaveLength(50);
    expect(acks.filter((ack) => ack.text === '')).toHaveLength(50);
    await fake.waitFor(
      '50 answers',
      () =>
        fake.callsTo('chat.update').filter((call) => String(call.params.text).includes('shown in the thread'))
          .length >=
        updatesBefore + 50,
      60_000,
    );
  });

  it('answers follow-ups after a restart', async () => {
    const ts = await searchThread(`${fixture.brns[5]} top 2`);
    await slack.stop();
    ({ slack, eventsUrl } = await startSlackHarness({
      engine: fixture.engine,
      store: fixture.store,
      fake,
      logs,
    }));
    await threadMessage(ts, 'exclude 1');
    await replyContaining(ts, 'Excluded #1');
  });

  it('never writes the bot token or signing secret to the log', () => {
    expect(logs.lines.length).toBeGreaterThan(50);
    expect(logs.text).not.toContain(BOT_TOKEN);
    expect(logs.text).not.toContain(SIGNING_SECRET);
  });
});
