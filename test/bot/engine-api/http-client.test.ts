import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpEngineClient } from '../../../bot/engine-api/http-client.js';
import { errorReply } from '../../../bot/messages.js';
import { ExitError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';

/** A loopback server that accepts connections and never responds, to make the client time out. */
let silent: Server;
let silentUrl: string;
/** A port that was free a moment ago, so nothing listens there. */
let closedUrl: string;

async function failure(client: HttpEngineClient): Promise<ExitError> {
  try {
    await client.recommend({ company: '124-81-00998' });
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

beforeAll(async () => {
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  silent.closeAllConnections();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('HttpEngineClient', () => {
  it('reports an unreachable engine clearly', async () => {
    const client = new HttpEngineClient({
      url: closedUrl,
      timeoutMs: 5000,
      token: null,
      logger: silentLogger(),
    });
    const error = await failure(client);
    expect(error.details.reason).toBe('engine_unreachable');
    expect(error.message).toContain(closedUrl);
    expect(error.message).toContain('exitbot serve engine');
    expect(errorReply(error, 'ref-1').title).toBe(
      'The EXIT search engine is unreachable. Please try again in a minute; if it keeps failing, tell the operator (reference ref-1).',
    );
  });

  it('times out on an engine that does not answer', async () => {
    const client = new HttpEngineClient({
      url: silentUrl,
      timeoutMs: 200,
      token: null,
      logger: silentLogger(),
    });
    const error = await failure(client);
    expect(error.details.reason).toBe('engine_timeout');
    expect(error.message).toContain('200 ms');
    expect(errorReply(error, 'ref-2').title).toContain('did not answer in time');
  });
});
