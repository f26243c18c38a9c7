/**
 * Chat load test: a bounded burst of concurrent `/exit` commands, then one follow-up question in
 * each result thread, against the real Slack adapter (Bolt, HTTP mode) and the real Discord HTTP
 * interactions endpoint (Ed25519-signed requests). The engine is real, over a generated dataset in
 * SQLite; only Slack's and Discord's Web APIs are local fakes on 127.0.0.1.
 *
 *   npx tsx scripts/bench/chat-load.ts [--companies 500] [--commands 100] [--max-searches 4]
 *                                      [--out var/bench/chat-load.json]
 *
 * Requests are signed and sent from a worker thread with its own event loop, as the platform would
 * send them from its own machines. "ack" runs from sending a request to its complete HTTP response
 * (Slack and Discord require it within 3 s). "answer" runs from sending the command to the fake API
 * receiving the final result: Slack's parent message turned into the summary, Discord's original
 * response edited to the summary. A follow-up's answer is the first reply posted in its thread
 * (Slack) or the edit of its deferred `/ask` response (Discord). Errors count non-200
 * acknowledgements, error replies, answers missing at the deadline and error-level log lines.
 * Figures print to stdout and go to the JSON file.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createDiscordHttpEndpoint } from '../../adapters/discord/http-endpoint.js';
import { countPatents } from '../../data/store/patent-queries.js';
import { buildBot } from '../../test/adapters/discord/support/discord-harness.js';
import {
  BOT_TOKEN as DISCORD_TOKEN,
  FakeDiscordApi,
} from '../../test/adapters/discord/support/fake-discord-api.js';
import { type Sent, slashCommand } from '../../test/adapters/discord/support/payloads.js';
import { FakeSlackApi, type RecordedCall } from '../../test/adapters/slack/support/fake-slack-api.js';
import {
  FORM,
  JSON_TYPE,
  messageEventBody,
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
    companies: { type: 'string', default: '500' },
    commands: { type: 'string', default: '100' },
    'max-searches': { type: 'string', default: '4' },
    out: { type: 'string', default: 'var/bench/chat-load.json' },
    'timeout-s': { type: 'string', default: '600' },
  },
});

function positiveInt(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`--${name} must be an integer from 1 to ${max}, got ${JSON.stringify(text)}`);
  return value;
}

const companies = positiveInt('companies', values.companies, 20_000);
const commandCount = positiveInt('commands', values.commands, 500);
const maxSearches = positiveInt('max-searches', values['max-searches'], 64);
const timeoutMs = positiveInt('timeout-s', values['timeout-s'], 3600) * 1000;
const outPath = values.out;

/** Milliseconds on a clock shared by the main thread and the worker. */
function now(): number {
  return performance.timeOrigin + performance.now();
}

interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

function memory(): { rssMiB: number; heapUsedMiB: number } {
  const usage = process.memoryUsage();
  return {
    rssMiB: Math.round(usage.rss / 2 ** 20),
    heapUsedMiB: Math.round(usage.heapUsed / 2 ** 20),
  };
}

/** One request for the worker: the body, how to sign it, and where to send it. */
interface Outgoing {
  url: string;
  body: string;
  contentType: string;
  signing: 'slack' | 'discord';
}

interface Delivery {
  status: number;
  sentAt: number;
  ackMs: number;
}

/**
 * Signs and sends all requests at once from a worker thread and returns each status, send time and
 * acknowledgement latency. The worker is plain JavaScript, so it needs no TypeScript loader.
 */
function sendFromWorker(
  requests: Outgoing[],
  secrets: { slack: string; discordKeyPem: string },
): Promise<Delivery[]> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { createHmac, createPrivateKey, sign } = require('node:crypto');
    const { requests, secrets } = workerData;
    const discordKey = createPrivateKey(secrets.discordKeyPem);
    const clock = () => performance.timeOrigin + performance.now();
    Promise.all(requests.map(async (request) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers = { 'content-type': request.contentType };
      if (request.signing === 'slack') {
        headers['x-slack-request-timestamp'] = timestamp;
        headers['x-slack-signature'] = 'v0=' + createHmac('sha256', secrets.slack)
          .update('v0:' + timestamp + ':' + request.body).digest('hex');
      } else {
        headers['x-signature-timestamp'] = timestamp;
        headers['x-signature-ed25519'] = sign(null, Buffer.from(timestamp + request.body), discordKey).toString('hex');
      }
      const sentAt = clock();
      try {
        const response = await fetch(request.url, { method: 'POST', headers, body: request.body });
        await response.text();
        return { status: response.status, sentAt, ackMs: clock() - sentAt };
      } catch {
        return { status: 0, sentAt, ackMs: clock() - sentAt };
      }
    })).then((results) => parentPort.postMessage(results));
  `;
  const worker = new Worker(source, { eval: true, workerData: { requests, secrets } });
  return new Promise((resolve, reject) => {
    worker.once('message', (results: Delivery[]) => {
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function waitUntil(condition: () => boolean, deadline: number): Promise<boolean> {
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

function errorLogLines(logs: LogCapture): number {
  return logs.lines.filter((line) => {
    const level = (JSON.parse(line) as { level?: number }).level ?? 0;
    return level >= 50;
  }).length;
}

interface PhaseResult {
  platform: 'slack' | 'discord';
  commands: { ack: Summary; answer: Summary };
  followUps: { ack: Summary; answer: Summary };
  errors: {
    nonOkAcks: number;
    errorReplies: number;
    missingAnswers: number;
    errorLogLines: number;
  };
  memoryBefore: { rssMiB: number; heapUsedMiB: number };
  memoryAfter: { rssMiB: number; heapUsedMiB: number };
  wallSeconds: number;
}

/** Samples of one platform's run, gathered before its servers stop. */
interface PhaseSamples {
  commands: readonly Delivery[];
  answers: readonly number[];
  followUps: readonly Delivery[];
  followUpAnswers: readonly number[];
  errorReplies: number;
  missing: number;
  logs: LogCapture;
  memoryBefore: PhaseResult['memoryBefore'];
  /** performance.now() when the first command was sent. */
  started: number;
}

/** Summarises one platform's run; call it before stopping the servers, so memory is read under load. */
function phaseResult(platform: PhaseResult['platform'], samples: PhaseSamples): PhaseResult {
  const { commands, followUps } = samples;
  return {
    platform,
    commands: { ack: summarize(commands.map((s) => s.ackMs)), answer: summarize(samples.answers) },
    followUps: { ack: summarize(followUps.map((s) => s.ackMs)), answer: summarize(samples.followUpAnswers) },
    errors: {
      nonOkAcks: [...commands, ...followUps].filter((s) => s.status !== 200).length,
      errorReplies: samples.errorReplies,
      missingAnswers: samples.missing,
      errorLogLines: errorLogLines(samples.logs),
    },
    memoryBefore: samples.memoryBefore,
    memoryAfter: memory(),
    wallSeconds: (performance.now() - samples.started) / 1000,
  };
}

const discordKeys = generateKeyPairSync('ed25519');
const secrets = {
  slack: SIGNING_SECRET,
  discordKeyPem: discordKeys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
};

const buildStarted = performance.now();
const fixture = await openRealEngine(companies, 11, { EXIT_EMBED_DIM: '256' });
const buildSeconds = (performance.now() - buildStarted) / 1000;
const patents = await countPatents(fixture.store.db);
// The serve commands fit the valuation model at start-up, so the measured searches do not pay for it.
await fixture.engine.warmUp();
if (fixture.brns.length === 0) throw new Error('The generated dataset has no companies with a BRN');

async function runSlack(): Promise<PhaseResult> {
  const fake = new FakeSlackApi();
  await fake.start();
  const logs = new LogCapture();
  const { slack, eventsUrl } = await startSlackHarness({
    engine: fixture.engine,
    store: fixture.store,
    fake,
    logs,
    rateLimitPerMinute: 1000,
    maxSearches,
  });
  const memoryBefore = memory();
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  const users = Array.from({ length: commandCount }, (_, i) => `ULOAD${i}`);
  const commands = users.map((userId, i) => ({
    url: eventsUrl,
    contentType: FORM,
    signing: 'slack' as const,
    body: slashCommandBody({
      text: `${fixture.brns[i % fixture.brns.length]} top 5`,
      userId,
      channelId: 'CLOAD',
      responseUrl: fake.responseUrl(`load${i}`),
    }),
  }));
  const sent = await sendFromWorker(commands, secrets);
  // The summary update of each parent names its user: "asked by <@ULOAD7>".
  const summaryOf = (userId: string): RecordedCall | undefined =>
    fake
      .callsTo('chat.update')
      .find(
        (call) =>
          JSON.stringify(call.params.blocks ?? []).includes(`<@${userId}>`) &&
          !JSON.stringify(call.params.blocks ?? []).includes('hourglass'),
      );
  await waitUntil(() => users.every((userId) => summaryOf(userId) !== undefined), deadline);
  const answers: number[] = [];
  let missing = 0;
  let errorReplies = 0;
  const threads: string[] = [];
  users.forEach((userId, i) => {
    const summary = summaryOf(userId);
    if (!summary) {
      missing++;
      return;
    }
    answers.push(performance.timeOrigin + summary.at - (sent[i]?.sentAt ?? 0));
    if (!String(summary.params.text).includes('shown in the thread')) errorReplies++;
    else threads.push(String(summary.params.ts));
  });

  const followUpSentAt = now();
  const followUps = threads.map((threadTs, i) => ({
    url: eventsUrl,
    contentType: JSON_TYPE,
    signing: 'slack' as const,
    body: messageEventBody({
      eventId: `EvLoad${i}`,
      text: 'why #1',
      userId: `ULOADF${i}`,
      channelId: 'CLOAD',
      threadTs,
      ts: `1900000000.${String(i).padStart(6, '0')}`,
    }),
  }));
  const followUpSent = await sendFromWorker(followUps, secrets);
  const replyIn = (threadTs: string) =>
    fake
      .callsTo('chat.postMessage')
      .find(
        (call) => call.params.thread_ts === threadTs && performance.timeOrigin + call.at >= followUpSentAt,
      );
  await waitUntil(() => threads.every((threadTs) => replyIn(threadTs) !== undefined), deadline);
  const followUpAnswers: number[] = [];
  threads.forEach((threadTs, i) => {
    const reply = replyIn(threadTs);
    if (!reply) missing++;
    else followUpAnswers.push(performance.timeOrigin + reply.at - (followUpSent[i]?.sentAt ?? 0));
  });
  const result = phaseResult('slack', {
    commands: sent,
    answers,
    followUps: followUpSent,
    followUpAnswers,
    errorReplies,
    missing,
    logs,
    memoryBefore,
    started,
  });
  await slack.stop();
  await fake.stop();
  return result;
}

async function runDiscord(): Promise<PhaseResult> {
  const api = new FakeDiscordApi();
  await api.start();
  const logs = new LogCapture();
  const publicKey = Buffer.from(discordKeys.publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  const endpoint = createDiscordHttpEndpoint({
    settings: {
      mode: 'http',
      token: DISCORD_TOKEN,
      publicKey: publicKey.toString('hex'),
      host: '127.0.0.1',
      port: 0,
      messageContent: false,
      rateLimitPerMinute: 1000,
      apiUrl: api.apiUrl,
    },
    bot: buildBot({ engine: fixture.engine, store: fixture.store, logs }),
    logger: logs.logger,
    rest: { retries: 0, timeout: 30_000 },
    followUpsPerMinute: 1000,
  });
  const { url } = await endpoint.start();

  const memoryBefore = memory();
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  const edits = (sent: Sent) => api.requestsTo('PATCH', new RegExp(`/${sent.token}/messages/@original$`));
  const userId = (i: number) => String(1200000000000000000n + BigInt(i));

  const commands = Array.from({ length: commandCount }, (_, i) =>
    slashCommand(
      api,
      'exit',
      { company: fixture.brns[i % fixture.brns.length] as string, top: 5 },
      undefined,
      userId(i),
    ),
  );
  const sent = await sendFromWorker(
    commands.map((command) => ({
      url,
      contentType: 'application/json',
      signing: 'discord' as const,
      body: JSON.stringify(command.payload),
    })),
    secrets,
  );
  const finalEdit = (command: Sent) => {
    const all = edits(command);
    return (
      all.find((edit) => JSON.stringify(edit.body ?? {}).includes('shown in the thread')) ??
      // An error reply replaces the working message with no "shown in the thread" summary.
      all.find((edit) => !JSON.stringify(edit.body ?? {}).includes('Searching'))
    );
  };
  await waitUntil(() => commands.every((command) => finalEdit(command) !== undefined), deadline);
  const answers: number[] = [];
  let missing = 0;
  let errorReplies = 0;
  const threads: string[] = [];
  commands.forEach((command, i) => {
    const edit = finalEdit(command);
    if (!edit) {
      missing++;
      return;
    }
    answers.push(performance.timeOrigin + edit.at - (sent[i]?.sentAt ?? 0));
    if (!JSON.stringify(edit.body ?? {}).includes('shown in the thread')) errorReplies++;
    else threads.push(String((edit.result as { id: string }).id));
  });

  const asks = threads.map((threadId, i) =>
    slashCommand(api, 'ask', { question: 'why #1' }, threadId, userId(commandCount + i)),
  );
  const askSent = await sendFromWorker(
    asks.map((ask) => ({
      url,
      contentType: 'application/json',
      signing: 'discord' as const,
      body: JSON.stringify(ask.payload),
    })),
    secrets,
  );
  await waitUntil(() => asks.every((ask) => edits(ask).length > 0), deadline);
  const followUpAnswers: number[] = [];
  asks.forEach((ask, i) => {
    const [edit] = edits(ask);
    if (!edit) missing++;
    else followUpAnswers.push(performance.timeOrigin + edit.at - (askSent[i]?.sentAt ?? 0));
  });
  const result = phaseResult('discord', {
    commands: sent,
    answers,
    followUps: askSent,
    followUpAnswers,
    errorReplies,
    missing,
    logs,
    memoryBefore,
    started,
  });
  await endpoint.stop();
  await api.stop();
  return result;
}

const loadBefore = os.loadavg();
const slackResult = await runSlack();
const discordResult = await runDiscord();
const loadAfter = os.loadavg();
await fixture.dispose();

const cpus = os.cpus();
const report = {
  script: 'scripts/bench/chat-load.ts',
  command: `npx tsx scripts/bench/chat-load.ts --companies ${companies} --commands ${commandCount} --max-searches ${maxSearches}`,
  measuredAt: new Date().toISOString(),
  machine: {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverageBefore: loadBefore.map((value) => Math.round(value * 100) / 100),
    loadAverageAfter: loadAfter.map((value) => Math.round(value * 100) / 100),
  },
  data: { companies, patents, indexBuildSeconds: Math.round(buildSeconds * 10) / 10, store: 'sqlite' },
  load: { commands: commandCount, followUpsPerThread: 1, maxSearches },
  results: [slackResult, discordResult],
};

function line(label: string, summary: Summary): string {
  return `  ${label.padEnd(18)} n=${String(summary.n).padEnd(4)} p50 ${summary.p50} ms  p95 ${summary.p95} ms  p99 ${summary.p99} ms  max ${summary.max} ms`;
}

const text = [
  `Chat load test (${report.script}), ${report.measuredAt}`,
  `Command: ${report.command}`,
  `Machine: ${report.machine.cpu} x${report.machine.cores}, ${report.machine.memoryGiB} GiB RAM, Node.js ${report.machine.node}, load average ${loadBefore.map((v) => v.toFixed(2)).join(' ')} before, ${loadAfter.map((v) => v.toFixed(2)).join(' ')} after`,
  `Data: ${companies} generated companies, ${patents} patents, index built in ${buildSeconds.toFixed(1)} s (SQLite, 256-dimensional vectors, valuation filter off)`,
  `Load per platform: ${commandCount} concurrent /exit commands, then one follow-up in each result thread, at most ${maxSearches} searches at once`,
  ...report.results.flatMap((result) => [
    `${result.platform} (${result.wallSeconds.toFixed(1)} s)`,
    line('command ack', result.commands.ack),
    line('command answer', result.commands.answer),
    line('follow-up ack', result.followUps.ack),
    line('follow-up answer', result.followUps.answer),
    `  errors: ${result.errors.nonOkAcks} non-200 acks, ${result.errors.errorReplies} error replies, ${result.errors.missingAnswers} missing answers, ${result.errors.errorLogLines} error log lines`,
    `  memory: RSS ${result.memoryBefore.rssMiB} -> ${result.memoryAfter.rssMiB} MiB, heap used ${result.memoryBefore.heapUsedMiB} -> ${result.memoryAfter.heapUsedMiB} MiB`,
  ]),
  `JSON: ${outPath}`,
  '',
].join('\n');
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(text);
