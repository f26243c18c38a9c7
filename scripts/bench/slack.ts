/**
 * Benchmark of the Slack adapter: acknowledgement latency of `/exit` and time to answer (request
 * sent to the parent message updated with the result) for bursts of concurrent commands, plus the
 * time to answer a thread follow-up. It runs the real Bolt app and the real engine over a generated
 * dataset; only Slack's Web API is a local fake on 127.0.0.1.
 *
 * The load generator runs in a worker thread with its own event loop, as Slack would run on its own
 * machine, and signs and times each request there. The client-side acknowledgement runs from
 * sending the request to receiving the response, so it includes the time the app's event loop was
 * busy with searches before it read the request; the server-side figure runs from the request
 * event to the finished response.
 *
 *   npx tsx scripts/bench/slack.ts [--companies 1000] [--burst 50] [--rounds 3] [--max-searches 4]
 *
 * Slack requires the acknowledgement within 3 s; the answer follows through the Web API.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { countPatents } from '../../data/store/patent-queries.js';
import { FakeSlackApi } from '../../test/adapters/slack/support/fake-slack-api.js';
import {
  FORM,
  JSON_TYPE,
  messageEventBody,
  sendSigned,
  slashCommandBody,
} from '../../test/adapters/slack/support/signed-request.js';
import {
  LogCapture,
  SIGNING_SECRET,
  startSlackHarness,
} from '../../test/adapters/slack/support/slack-harness.js';
import { openRealEngine } from '../../test/bot/support/real-engine.js';

const { values } = parseArgs({
  options: {
    companies: { type: 'string', default: '1000' },
    burst: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    'max-searches': { type: 'string', default: '4' },
  },
});
const companies = Number(values.companies);
const burst = Number(values.burst);
const rounds = Number(values.rounds);
const maxSearches = Number(values['max-searches']);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (value: number) => `${value.toFixed(1)} ms`;
  return `${label.padEnd(22)} n=${String(sorted.length).padEnd(4)} p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  max ${f(sorted[sorted.length - 1] ?? Number.NaN)}`;
}

const buildStarted = performance.now();
const fixture = await openRealEngine(companies, 11, { EXIT_EMBED_DIM: '256' });
const buildSeconds = (performance.now() - buildStarted) / 1000;
const patents = await countPatents(fixture.store.db);
const fake = new FakeSlackApi();
await fake.start();
const logs = new LogCapture();
const { slack, eventsUrl, server } = await startSlackHarness({
  engine: fixture.engine,
  store: fixture.store,
  fake,
  logs,
  rateLimitPerMinute: 1000,
  maxSearches,
});

/**
 * Sends signed form bodies concurrently from a worker thread and returns each status and latency.
 * The worker is plain JavaScript, so it needs no TypeScript loader.
 */
function sendFromWorker(bodies: string[]): Promise<{ status: number; ms: number }[]> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { createHmac } = require('node:crypto');
    const { url, secret, bodies } = workerData;
    Promise.all(bodies.map(async (body) => {
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = 'v0=' + createHmac('sha256', secret).update('v0:' + timestamp + ':' + body).digest('hex');
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', body, headers: {
        'content-type': '${FORM}', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature } });
      await response.text();
      return { status: response.status, ms: performance.now() - started };
    })).then((results) => parentPort.postMessage(results));
  `;
  const worker = new Worker(source, {
    eval: true,
    workerData: { url: eventsUrl, secret: SIGNING_SECRET, bodies },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (results) => {
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

const acks: number[] = [];
/** From the server's 'request' event to the response finishing: the app's own share of the acknowledgement. */
const serverAcks: number[] = [];
server.on('request', (request, response) => {
  if (request.url !== '/slack/events') return;
  const arrived = performance.now();
  response.on('finish', () => serverAcks.push(performance.now() - arrived));
});
const answers: number[] = [];
const followUps: number[] = [];
let user = 0;
let lastThread = '';
for (let round = 0; round < rounds; round++) {
  const bodies = Array.from({ length: burst }, (_, i) => {
    user++;
    const company = fixture.brns[i % fixture.brns.length] as string;
    return slashCommandBody({
      text: `${company} top 5`,
      userId: `UBENCH${user}`,
      channelId: 'CBENCH',
      responseUrl: fake.responseUrl(`b${user}`),
    });
  });
  const first = performance.now();
  const results = await sendFromWorker(bodies);
  for (const result of results) {
    if (result.status !== 200) throw new Error(`a command returned HTTP ${result.status}`);
    acks.push(result.ms);
  }
  await fake.waitFor(
    `round ${round + 1}`,
    () =>
      fake.calls.filter(
        (call) => call.method === 'chat.update' && String(call.params.text).includes('shown in the thread'),
      ).length >=
      (round + 1) * burst,
    600_000,
  );
  const done = fake.calls.filter(
    (call) => call.method === 'chat.update' && String(call.params.text).includes('shown in the thread'),
  );
  // Each time to answer is measured from the burst's start, so the figure includes queueing behind earlier commands.
  for (const call of done.slice(round * burst)) answers.push(call.at - first);
  lastThread = String(done[done.length - 1]?.params.ts);
}

for (let i = 0; i < 20; i++) {
  const before = fake.callsTo('chat.postMessage').length;
  const sent = performance.now();
  const body = messageEventBody({
    eventId: `EvBench${i}`,
    text: `why #${(i % 5) + 1}`,
    userId: 'UBENCHF',
    channelId: 'CBENCH',
    threadTs: lastThread,
    ts: `1900000000.${i}`,
  });
  await sendSigned(eventsUrl, body, JSON_TYPE, { secret: SIGNING_SECRET });
  await fake.waitFor('the follow-up answer', () => fake.callsTo('chat.postMessage').length > before);
  followUps.push((fake.callsTo('chat.postMessage')[before]?.at ?? sent) - sent);
}

await slack.stop();
await fake.stop();
await fixture.dispose();

const cpus = os.cpus();
process.stdout.write(
  [
    `Slack adapter benchmark (scripts/bench/slack.ts), ${new Date().toISOString()}`,
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'} x${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node.js ${process.version}, load average ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
    `Data: ${companies} generated companies, ${patents} patents, index built in ${buildSeconds.toFixed(1)} s (SQLite, 256-dimensional TF-IDF + SVD, valuation filter off)`,
    `Load: ${rounds} bursts of ${burst} concurrent /exit commands, top 5 (15 partners fetched), at most ${maxSearches} searches at once`,
    summary('ack, client side', acks),
    summary('ack, server side', serverAcks.slice(0, acks.length)),
    summary('time to answer', answers),
    summary('follow-up answer', followUps),
    '',
  ].join('\n'),
);
