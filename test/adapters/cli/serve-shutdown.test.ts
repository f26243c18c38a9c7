import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESTARTING_TEXT } from '../../../bot/shutdown-drain.js';
import { listCompanies } from '../../../data/store/company-queries.js';
import { createDemoFixture, type DemoFixture } from '../../support/demo-fixture.js';
import { REPO_ROOT } from '../../support/paths.js';
import { freePort, waitUntil } from '../../support/wait.js';
import { FakeSlackApi } from '../slack/support/fake-slack-api.js';
import { FORM, sendSigned, slashCommandBody } from '../slack/support/signed-request.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/support/slack-harness.js';

/**
 * A proxy in front of the fake Slack API that delays chat.postMessage calls while `holdPostMessage` is true,
 * so a search is reliably still in flight when the test sends SIGTERM.
 */
class GatedProxy {
  holdPostMessage = true;
  readonly waiting: (() => void)[] = [];
  heldCalls = 0;
  private server: Server | null = null;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    this.server = createServer((incoming, outgoing) => {
      const forward = () => {
        const upstream = httpRequest(
          `${this.target}${incoming.url ?? '/'}`,
          { method: incoming.method, headers: incoming.headers },
          (response: IncomingMessage) => {
            outgoing.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(outgoing);
          },
        );
        incoming.pipe(upstream);
      };
      if (this.holdPostMessage && incoming.url?.startsWith('/api/chat.postMessage')) {
        this.heldCalls++;
        this.waiting.push(forward);
      } else forward();
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  release(): void {
    this.holdPostMessage = false;
    for (const forward of this.waiting.splice(0)) forward();
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

async function waitUntilAsync(
  description: string,
  condition: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let fixture: DemoFixture;
let fake: FakeSlackApi;
let proxy: GatedProxy;
let child: ChildProcess | null = null;

beforeAll(async () => {
  fixture = await createDemoFixture();
  fake = new FakeSlackApi();
  await fake.start();
  proxy = new GatedProxy(fake.apiUrl.replace(/\/api\/$/, ''));
  await proxy.start();
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    process.kill(child.pid, 'SIGKILL');
  }
  await proxy?.stop();
  await fake?.stop();
  await fixture?.dispose();
});

describe('exitbot serve slack shutdown', () => {
  it('posts in-flight answer before exit', async () => {
    const [company] = await listCompanies(fixture.store.db, { limit: 1 });
    expect(company?.brn).toBeTruthy();
    const slackPort = await freePort();
    const healthPort = await freePort();
    const spawned = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'test', 'support', 'exitbot-entry.ts'), 'serve', 'slack'],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          ...fixture.env,
          EXIT_LOG_LEVEL: 'info',
          EXIT_VALUATION_FILTER: 'off',
          EXIT_SLACK_BOT_TOKEN: BOT_TOKEN,
          EXIT_SLACK_SIGNING_SECRET: SIGNING_SECRET,
          EXIT_SLACK_PORT: String(slackPort),
          EXIT_SLACK_API_URL: `${proxy.url}/api/`,
          EXIT_HEALTH_PORT: String(healthPort),
          EXIT_SHUTDOWN_GRACE_MS: '20000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = spawned;
    let stdout = '';
    let stderr = '';
    spawned.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
    });
    spawned.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const exited = once(spawned, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    await waitUntil('the Slack bot to listen', () => stdout.includes('Slack bot listening on'));
    const eventsUrl = `http://127.0.0.1:${slackPort}/slack/events`;
    const healthUrl = `http://127.0.0.1:${healthPort}`;
    // The store and the engine open in the background; /readyz turns 200 once both are loaded.
    let readyStatus = 0;
    let readyBody = '';
    await waitUntilAsync('/readyz to answer 200', async () => {
      const response = await fetch(`${healthUrl}/readyz`);
      readyStatus = response.status;
      readyBody = await response.text();
      return readyStatus === 200;
    }).catch((error: Error) => {
      throw new Error(`${error.message}; last body ${readyBody}; child stderr:\n${stderr.slice(-4000)}`);
    });
    expect(readyStatus).toBe(200);

    const ack = await sendSigned(
      eventsUrl,
      slashCommandBody({
        text: `${company?.brn} top 3`,
        userId: 'U0FIRST',
        channelId: 'C0DEALS',
        responseUrl: fake.responseUrl('first'),
      }),
      FORM,
      { secret: SIGNING_SECRET },
    );
    expect(ack.status).toBe(200);
    // The working message is held at the proxy, so the command is still in flight.
    await waitUntil('the working message', () => proxy.heldCalls > 0);
    spawned.kill('SIGTERM');
    await waitUntil('the drain to start', () => stderr.includes('Shutting down'));

    const ready = await fetch(`${healthUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('stopping');
    const late = await sendSigned(
      eventsUrl,
      slashCommandBody({
        text: `${company?.brn}`,
        userId: 'U0LATE',
        channelId: 'C0DEALS',
        responseUrl: fake.responseUrl('late'),
      }),
      FORM,
      { secret: SIGNING_SECRET },
    );
    expect(late.status).toBe(200);
    expect(JSON.parse(late.text).text).toBe(RESTARTING_TEXT);

    proxy.release();
    const [code, signal] = await exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
    const parent = fake.callsTo('chat.postMessage').find((call) => call.params.thread_ts === undefined);
    expect(parent).toBeDefined();
    const threadPosts = fake
      .callsTo('chat.postMessage')
      .filter((call) => call.params.thread_ts === parent?.result.ts);
    expect(threadPosts.length).toBeGreaterThan(0);
    const summaries = fake
      .callsTo('chat.update')
      .filter((call) => String(call.params.text).includes('shown in the thread'));
    expect(summaries).toHaveLength(1);
    expect(stderr).toContain('Answers in flight finished');
    // Only the first command started a search.
    expect(
      fake.callsTo('chat.postMessage').filter((call) => call.params.thread_ts === undefined),
    ).toHaveLength(1);
  }, 120_000);
});
