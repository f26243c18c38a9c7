import { afterEach, describe, expect, it } from 'vitest';
import {
  type HealthServer,
  type ReadinessReport,
  type ReadinessSource,
  startHealthServer,
} from '../../../adapters/health/server.js';
import { StartupReadiness } from '../../../adapters/health/startup-readiness.js';
import { loadConfig } from '../../../core/config.js';
import { silentLogger } from '../../../core/logger.js';
import { openStore, type Store } from '../../../data/store/connect.js';

const READY: ReadinessReport = {
  database: { state: 'ok', detail: 'sqlite answers' },
  index: { state: 'ok', detail: '120 patents and 30 profiles' },
  models: { state: 'ok', detail: 'predictor recency-weighted-mean' },
};

let server: HealthServer | null = null;
let store: Store | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
  await store?.close();
  store = null;
});

async function start(readiness: ReadinessSource, checkTimeoutMs?: number): Promise<string> {
  server = await startHealthServer({
    host: '127.0.0.1',
    port: 0,
    readiness,
    logger: silentLogger(),
    ...(checkTimeoutMs !== undefined ? { checkTimeoutMs } : {}),
  });
  return server.url;
}

async function get(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('health server', () => {
  it('liveness returns 200', async () => {
    const url = await start(async () => READY);
    const { status, body } = await get(`${url}/healthz`);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(typeof body.uptimeSeconds).toBe('number');
  });

  it('readiness returns 200 when ready', async () => {
    const url = await start(async () => READY);
    const { status, body } = await get(`${url}/readyz`);
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.components).toEqual(READY);
  });

  it('readiness returns 503 while starting', async () => {
    const url = await start(async () => ({
      ...READY,
      index: { state: 'starting', detail: 'loading the index' },
    }));
    const { status, body } = await get(`${url}/readyz`);
    expect(status).toBe(503);
    expect(body.status).toBe('starting');
    expect((body.components as ReadinessReport).index).toEqual({
      state: 'starting',
      detail: 'loading the index',
    });
  });

  it('readiness returns 503 on database failure', async () => {
    const url = await start(async () => ({
      ...READY,
      database: { state: 'failed', detail: 'mysql query failed: connect ECONNREFUSED 127.0.0.1:3306' },
    }));
    const { status, body } = await get(`${url}/readyz`);
    expect(status).toBe(503);
    expect(body.status).toBe('failed');
    expect((body.components as ReadinessReport).database?.state).toBe('failed');
    // Liveness stays 200: the process responds even though it cannot serve.
    expect((await get(`${url}/healthz`)).status).toBe(200);
  });

  it('readiness returns 503 on check timeout', async () => {
    const url = await start(() => new Promise<ReadinessReport>(() => undefined), 50);
    const { status, body } = await get(`${url}/readyz`);
    expect(status).toBe(503);
    expect(body.status).toBe('failed');
    expect(String(body.detail)).toContain('timed out after 50 ms');
  });

  it('readiness returns 503 after markStopping', async () => {
    const url = await start(async () => READY);
    server?.markStopping();
    const { status, body } = await get(`${url}/readyz`);
    expect(status).toBe(503);
    expect(body.status).toBe('stopping');
  });

  it('unknown path returns 404', async () => {
    const url = await start(async () => READY);
    const { status, body } = await get(`${url}/metrics`);
    expect(status).toBe(404);
    expect(String(body.error)).toContain('/healthz');
  });

  it('other method returns 405', async () => {
    const url = await start(async () => READY);
    const response = await fetch(`${url}/readyz`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('truncates long component details', async () => {
    const url = await start(async () => ({ database: { state: 'ok', detail: 'x'.repeat(5000) } }));
    const { body } = await get(`${url}/readyz`);
    expect((body.components as ReadinessReport).database?.detail.length).toBe(300);
  });
});

describe('StartupReadiness', () => {
  it('reports starting until the engine is ready', async () => {
    store = await openStore('sqlite::memory:', silentLogger());
    const readiness = new StartupReadiness(store);
    const before = await readiness.report();
    expect(before.database).toEqual({ state: 'ok', detail: 'sqlite answers' });
    expect(before.index?.state).toBe('starting');
    expect(before.models?.state).toBe('starting');
    readiness.engineReady({ index: '10 patents', models: 'predictor p' });
    const after = await readiness.report();
    expect(after.index).toEqual({ state: 'ok', detail: '10 patents' });
    expect(after.models).toEqual({ state: 'ok', detail: 'predictor p' });
  });

  it('reports a failed database after the store closes', async () => {
    store = await openStore('sqlite::memory:', silentLogger());
    const readiness = new StartupReadiness(store);
    await store.close();
    store = null;
    const report = await readiness.report();
    expect(report.database?.state).toBe('failed');
    expect(report.database?.detail).toContain('sqlite query failed');
  });

  it('serves 503 and then 200 through the health server', async () => {
    store = await openStore('sqlite::memory:', silentLogger());
    const readiness = new StartupReadiness(store);
    const url = await start(() => readiness.report());
    expect((await get(`${url}/readyz`)).status).toBe(503);
    readiness.engineReady({ index: '10 patents', models: 'predictor p' });
    expect((await get(`${url}/readyz`)).status).toBe(200);
  });
});

describe('health settings', () => {
  it('defaults to off', () => {
    const config = loadConfig({});
    expect(config.health).toEqual({ port: null, host: '127.0.0.1' });
    expect(config.shutdownGraceMs).toBe(25_000);
  });

  it('reads port, host and grace time', () => {
    const config = loadConfig({
      EXIT_HEALTH_PORT: '9090',
      EXIT_HEALTH_HOST: '0.0.0.0',
      EXIT_SHUTDOWN_GRACE_MS: '0',
    });
    expect(config.health).toEqual({ port: 9090, host: '0.0.0.0' });
    expect(config.shutdownGraceMs).toBe(0);
  });

  it('rejects an invalid port by name', () => {
    expect(() => loadConfig({ EXIT_HEALTH_PORT: '70000' })).toThrow(
      /EXIT_HEALTH_PORT is invalid: expected a TCP port from 1 to 65535/,
    );
    expect(() => loadConfig({ EXIT_HEALTH_PORT: '70000' })).not.toThrow(/70000/);
    expect(() => loadConfig({ EXIT_SHUTDOWN_GRACE_MS: '-1' })).toThrow(/EXIT_SHUTDOWN_GRACE_MS is invalid/);
  });
});
