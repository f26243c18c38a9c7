import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpEngineClient } from '../../../bot/engine-api/http-client.js';
import { type RunningEngineServer, startEngineServer } from '../../../bot/engine-api/server.js';
import { ExitError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import { openRealEngine, type RealEngineFixture } from '../support/real-engine.js';

const TOKEN = 'engine-token-0123456789';

let fixture: RealEngineFixture;
let server: RunningEngineServer;

async function clientError(client: HttpEngineClient, company: string): Promise<ExitError> {
  try {
    await client.recommend({ company });
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error(`expected the request for ${company} to fail`);
}

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as { error: { code: string; message: string } },
  };
}

beforeAll(async () => {
  fixture = await openRealEngine();
  server = await startEngineServer({
    engine: fixture.engine,
    logger: silentLogger(),
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
  });
});

afterAll(async () => {
  await server?.close();
  await fixture?.dispose();
});

describe('engine HTTP API', () => {
  it('listens on loopback', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('returns the same result as the engine in process', async () => {
    const client = new HttpEngineClient({
      url: server.url,
      timeoutMs: 30_000,
      token: TOKEN,
      logger: silentLogger(),
    });
    const request = { company: fixture.brns[0] as string, topK: 6 };
    const remote = await client.recommend(request);
    const local = await fixture.engine.recommend(request);
    expect(remote.partners.map((partner) => partner.id)).toEqual(local.partners.map((partner) => partner.id));
    expect(remote.requester.brn).toBe(fixture.brns[0]);
    expect(remote.partners).toHaveLength(6);
  });

  it('carries user errors with their code and details', async () => {
    const client = new HttpEngineClient({
      url: server.url,
      timeoutMs: 30_000,
      token: TOKEN,
      logger: silentLogger(),
    });
    const invalid = await clientError(client, '124-81-00997');
    expect(invalid.code).toBe('INVALID_BRN');
    expect(invalid.message).toContain('check digit');
    const missing = await clientError(client, '없는회사이름가나다');
    expect(missing.code).toBe('COMPANY_NOT_FOUND');
    expect(missing.details.query).toBe('없는회사이름가나다');
  });

  it('rejects invalid bodies with the field at fault', async () => {
    const response = await post('/v1/recommend', JSON.stringify({ company: 'x', topK: 0 }));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_INPUT');
    expect(response.body.error.message).toContain('topK');
    const unknownField = await post('/v1/recommend', JSON.stringify({ company: 'x', top: 3 }));
    expect(unknownField.status).toBe(400);
    const notJson = await post('/v1/recommend', '{"company":');
    expect(notJson.body.error.message).toContain('not valid JSON');
  });

  it('rejects requests without the bearer token', async () => {
    const response = await post('/v1/recommend', JSON.stringify({ company: 'x' }), {
      authorization: 'Bearer wrong',
    });
    expect(response.status).toBe(401);
    const client = new HttpEngineClient({
      url: server.url,
      timeoutMs: 30_000,
      token: null,
      logger: silentLogger(),
    });
    const error = await clientError(client, fixture.brns[0] as string);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('EXIT_ENGINE_TOKEN');
    expect(error.message).not.toContain(TOKEN);
  });

  it('answers health checks and unknown routes', async () => {
    const health = await fetch(`${server.url}/v1/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const unknown = await post('/v2/recommend', '{}');
    expect(unknown.status).toBe(404);
  });
});
