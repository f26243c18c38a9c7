import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/paths.js';
import { freePort, waitUntil } from '../../support/wait.js';
import { FakeSlackApi, type RecordedCall } from '../slack/support/fake-slack-api.js';
import { FORM, sendSigned, slashCommandBody } from '../slack/support/signed-request.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/support/slack-harness.js';

/**
 * `exitbot serve slack` and `serve discord` started while the database is unreachable: they keep
 * running, serve the chat platform, report the store on /readyz and stop cleanly on SIGTERM.
 * The recovery once the database returns is covered by test/bot/store-faults.test.ts.
 */

const PASSWORD = 'store-down-password-5Rk';
const DISCORD_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GfakeT.fake-discord-token-for-tests';
const DISCORD_PUBLIC_KEY = 'a'.repeat(64);

interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

let fake: FakeSlackApi;
let spawned: Spawned | null = null;

/** Starts `exitbot serve <platform>` against a MySQL port where nothing listens. */
async function serve(platform: 'slack' | 'discord', env: Record<string, string>): Promise<Spawned> {
  const databasePort = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'test', 'support', 'exitbot-entry.ts'), 'serve', platform],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        EXIT_DATABASE_URL: `mysql://exit:${PASSWORD}@127.0.0.1:${databasePort}/exit`,
        EXIT_LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  spawned = { child, stdout: () => stdout, stderr: () => stderr, exited };
  return spawned;
}

beforeAll(async () => {
  fake = new FakeSlackApi();
  await fake.start();
});

afterEach(async () => {
  const child = spawned?.child;
  if (child && child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    process.kill(child.pid, 'SIGKILL');
    await spawned?.exited;
  }
  spawned = null;
});

afterAll(async () => {
  await fake?.stop();
});

describe('serve commands with the database down', () => {
  it('serve slack answers unavailable and stops cleanly', async () => {
    const slackPort = await freePort();
    const healthPort = await freePort();
    const run = await serve('slack', {
      EXIT_SLACK_BOT_TOKEN: BOT_TOKEN,
      EXIT_SLACK_SIGNING_SECRET: SIGNING_SECRET,
      EXIT_SLACK_PORT: String(slackPort),
      EXIT_SLACK_API_URL: fake.apiUrl,
      EXIT_HEALTH_PORT: String(healthPort),
    });
    await waitUntil('the Slack bot to listen', () => run.stdout().includes('Slack bot listening on')).catch(
      (error: Error) => {
        throw new Error(`${error.message}; child stderr:\n${run.stderr().slice(-4000)}`);
      },
    );
    await waitUntil('a retried connection', () => run.stderr().includes('"attempt":2'));

    const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { components: { database: { state: string } } };
    expect(body.components.database.state).toBe('failed');

    const before = fake.calls.length;
    const ack = await sendSigned(
      `http://127.0.0.1:${slackPort}/slack/events`,
      slashCommandBody({
        text: '124-81-00998',
        userId: 'U0DOWN',
        channelId: 'C0DOWN',
        responseUrl: fake.responseUrl('down'),
      }),
      FORM,
      { secret: SIGNING_SECRET },
    );
    expect(ack.status).toBe(200);
    const failed = (call: RecordedCall) =>
      call.method === 'chat.update' && String(call.params.text).includes("EXIT's data store is unavailable");
    await waitUntil('the unavailable reply', () => fake.calls.slice(before).some(failed));

    expect(run.stderr()).toContain('Opening the data store failed; retrying');
    expect(run.stderr()).toContain('ECONNREFUSED');
    expect(run.stderr()).not.toContain(PASSWORD);
    run.child.kill('SIGTERM');
    const [code, signal] = await run.exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
  });

  it('serve discord starts its HTTP endpoint and stops cleanly', async () => {
    const discordPort = await freePort();
    const run = await serve('discord', {
      EXIT_DISCORD_MODE: 'http',
      EXIT_DISCORD_TOKEN: DISCORD_TOKEN,
      EXIT_DISCORD_PUBLIC_KEY: DISCORD_PUBLIC_KEY,
      EXIT_DISCORD_PORT: String(discordPort),
    });
    await waitUntil('the Discord endpoint to listen', () =>
      run.stdout().includes('Discord interactions endpoint listening on'),
    ).catch((error: Error) => {
      throw new Error(`${error.message}; child stderr:\n${run.stderr().slice(-4000)}`);
    });
    const health = await fetch(`http://127.0.0.1:${discordPort}/health`);
    expect(health.status).toBe(200);
    await waitUntil('a retried connection', () => run.stderr().includes('"attempt":2'));
    expect(run.stderr()).not.toContain(PASSWORD);
    run.child.kill('SIGTERM');
    const [code, signal] = await run.exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
  });
});
