import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackBot, type SlackBot } from '../../adapters/slack/app.js';
import { BotServices } from '../../bot/bot-services.js';
import { ExitBot } from '../../bot/exit-bot.js';
import { openEngineClient } from '../../bot/open-engine.js';
import { type Config, loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/logger.js';
import { generateDataset } from '../../data/generate/index.js';
import { importPath } from '../../data/import/index.js';
import { listCompanies } from '../../data/store/company-queries.js';
import { openStore } from '../../data/store/connect.js';
import { buildIndex } from '../../engine/indexing/build.js';
import { FakeSlackApi, type RecordedCall } from '../adapters/slack/support/fake-slack-api.js';
import {
  FORM,
  JSON_TYPE,
  messageEventBody,
  sendSigned,
  slashCommandBody,
} from '../adapters/slack/support/signed-request.js';
import { BOT_TOKEN, LogCapture, SIGNING_SECRET } from '../adapters/slack/support/slack-harness.js';
import { PrivateMariadb, privateMariadbSkipReason } from '../support/private-mariadb.js';

/**
 * Data store faults on a MariaDB server this file owns. The bot starts while the server is down,
 * and later the server stops in the middle of a session. Each time the bot replies "data store
 * unavailable" through the real Slack adapter, and it recovers by itself once the server is back.
 */

const skipReason = privateMariadbSkipReason();
if (skipReason) {
  if (process.env.CI) throw new Error(`CI requires MariaDB for the store fault tests: ${skipReason}`);
  console.warn(`Store fault tests skipped: ${skipReason}`);
}

const DATABASE = 'exit_faults';
const USER = 'exit_bot';
const PASSWORD = 'fault-test-password-7Qx';
const CHANNEL = 'C0FAULTS';
const UNAVAILABLE = "EXIT's data store is unavailable right now";

let server: PrivateMariadb;
let dir: string;
let config: Config;
let brn: string;
let logs: LogCapture;
let services: BotServices;
let fake: FakeSlackApi;
let slack: SlackBot;
let eventsUrl: string;
let counter = 0;
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown) => unhandled.push(reason);

function databaseUrl(): string {
  return `mysql://${USER}:${PASSWORD}@127.0.0.1:${server.port}/${DATABASE}`;
}

async function createDatabaseAndUser(): Promise<void> {
  await server.createDatabase(DATABASE);
  const admin = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  try {
    await admin.query(`CREATE USER '${USER}'@'%' IDENTIFIED BY '${PASSWORD}'`);
    await admin.query(`GRANT ALL PRIVILEGES ON \`${DATABASE}\`.* TO '${USER}'@'%'`);
  } finally {
    await admin.end();
  }
}

/** Generates a small dataset, imports it into the private server and builds the index. */
async function loadData(): Promise<void> {
  const logger = silentLogger();
  const generated = join(dir, 'generated');
  await generateDataset({ companies: 60, seed: 5, outDir: generated });
  const store = await openStore(databaseUrl());
  try {
    await importPath(store, generated, { logger });
    await buildIndex(store, { dataDir: config.dataDir, dimension: config.embedDim, logger });
    const rows = await listCompanies(store.db, { limit: 5 });
    brn = rows.map((row) => row.brn).find((value): value is string => value !== null) as string;
  } finally {
    await store.close();
  }
}

/** Runs `/exit` and returns the parent message's final text, once the search finished. */
async function searchSummary(text: string): Promise<{ ts: string; summary: string }> {
  counter++;
  const before = fake.calls.length;
  const body = slashCommandBody({
    text,
    userId: `U0FAULT${counter}`,
    channelId: CHANNEL,
    responseUrl: fake.responseUrl(`cmd${counter}`),
  });
  const ack = await sendSigned(eventsUrl, body, FORM, { secret: SIGNING_SECRET });
  expect(ack.status).toBe(200);
  const isParent = (call: RecordedCall) =>
    call.method === 'chat.postMessage' && call.params.thread_ts === undefined;
  await fake.waitFor('the working message', () => fake.calls.slice(before).some(isParent));
  const ts = String(fake.calls.slice(before).find(isParent)?.result.ts);
  const finished = (call: RecordedCall) =>
    call.method === 'chat.update' && call.params.ts === ts && !String(call.params.text).includes('Searching');
  await fake.waitFor('the finished parent message', () => fake.calls.slice(before).some(finished));
  const summary = String(fake.calls.slice(before).find(finished)?.params.text);
  return { ts, summary };
}

/** Sends a message in a thread whose parent the bot posted, and returns the bot's reply text. */
async function threadReply(threadTs: string, text: string): Promise<string> {
  counter++;
  const before = fake.calls.length;
  const body = messageEventBody({
    eventId: `EvFault${counter}`,
    text,
    userId: 'U0BOB',
    channelId: CHANNEL,
    threadTs,
    ts: `1900000000.${String(counter).padStart(6, '0')}`,
    parentUserId: 'UBOT',
  });
  const response = await sendSigned(eventsUrl, body, JSON_TYPE, { secret: SIGNING_SECRET });
  expect(response.status).toBe(200);
  const isReply = (call: RecordedCall) =>
    call.method === 'chat.postMessage' && call.params.thread_ts === threadTs;
  await fake.waitFor('the thread reply', () => fake.calls.slice(before).some(isReply));
  const reply = fake.calls.slice(before).find(isReply) as RecordedCall;
  return `${String(reply.params.text)} ${JSON.stringify(reply.params.blocks ?? [])}`;
}

describe.skipIf(skipReason !== null)('data store faults on a private MariaDB', () => {
  beforeAll(async () => {
    process.on('unhandledRejection', recordUnhandled);
    server = await PrivateMariadb.create();
    dir = mkdtempSync(join(tmpdir(), 'exit-faults-'));
    await server.start();
    await createDatabaseAndUser();
    config = loadConfig({
      EXIT_DATABASE_URL: databaseUrl(),
      EXIT_DATA_DIR: join(dir, 'var'),
      EXIT_VALUATION_FILTER: 'off',
      EXIT_EMBED_DIM: '64',
    });
    await loadData();
    await server.stop();

    logs = new LogCapture();
    const logger = logs.logger;
    services = new BotServices({
      openStore: () => openStore(config.databaseUrl, logger),
      openEngine: (store) => openEngineClient(config, store, logger),
      logger,
      initialRetryDelayMs: 100,
      maxRetryDelayMs: 400,
      healthCheckIntervalMs: 0,
    });
    const bot = new ExitBot({
      engine: services.engine,
      threads: services.threads,
      logger,
      defaultTopK: 3,
      maxSearches: 2,
    });
    fake = new FakeSlackApi();
    await fake.start();
    slack = createSlackBot({
      settings: {
        mode: 'http',
        botToken: BOT_TOKEN,
        signingSecret: SIGNING_SECRET,
        host: '127.0.0.1',
        port: 0,
        rateLimitPerMinute: 100,
      },
      bot,
      logger,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
      progressIntervalMs: 60_000,
    });
    // As in `exitbot serve slack`: the platform connection starts while the store is still down.
    void services.start();
    eventsUrl = (await slack.start()).eventsUrl as string;
  });

  afterAll(async () => {
    await slack?.stop();
    await fake?.stop();
    await services?.close();
    await server?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
    process.off('unhandledRejection', recordUnhandled);
  });

  it('answers unavailable while the database is down at start-up', async () => {
    await fake.waitFor('a second connection attempt', () => logs.text.includes('"attempt":2'));
    const { summary } = await searchSummary(brn);
    expect(summary).toContain(UNAVAILABLE);
    expect(summary).toMatch(/reference [0-9a-f-]{36}/);
    const status = services.readiness.status();
    expect(status.ready).toBe(false);
    expect(status.components.database.state).toBe('failed');
    expect(status.components.database.detail).toContain('ECONNREFUSED');
    expect(logs.text).toContain('Opening the data store failed; retrying');
    expect(logs.text).toContain(`127.0.0.1:${server.port}`);
    expect(logs.text).toContain('ECONNREFUSED');
  });

  it('answers a follow-up in its own thread with unavailable', async () => {
    const { ts } = await searchSummary(brn);
    const reply = await threadReply(ts, 'details 1');
    expect(reply).toContain(UNAVAILABLE);
  });

  it('recovers once the database starts', async () => {
    await server.start();
    await services.start();
    expect(services.readiness.status().ready).toBe(true);
    const { ts, summary } = await searchSummary(brn);
    expect(summary).toContain('shown in the thread');
    const reply = await threadReply(ts, 'details 1');
    expect(reply).not.toContain(UNAVAILABLE);
    expect(logs.text).toContain('Chat bot services ready');
  });

  it('answers unavailable when the database stops mid-session', async () => {
    const { ts } = await searchSummary(brn);
    await server.stop();
    services.threads.clearCache();
    const search = await searchSummary(brn);
    expect(search.summary).toContain(UNAVAILABLE);
    const reply = await threadReply(ts, 'details 1');
    expect(reply).toContain(UNAVAILABLE);
    const report = await services.report();
    expect(report.database.state).toBe('failed');
    expect(report.database.detail).toContain(`127.0.0.1:${server.port}`);
    expect(logs.text).toContain('Data store unreachable');
  });

  it('recovers after the database restarts', async () => {
    await server.start();
    const { ts, summary } = await searchSummary(brn);
    expect(summary).toContain('shown in the thread');
    const reply = await threadReply(ts, 'details 1');
    expect(reply).not.toContain(UNAVAILABLE);
    const report = await services.report();
    expect(report.database.state).toBe('ok');
  });

  it('never logs the password or leaves a rejection unhandled', () => {
    expect(logs.text).not.toContain(PASSWORD);
    expect(unhandled).toEqual([]);
  });
});
