import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeHttpServerGracefully } from '../../../adapters/cli/commands/serve.js';
import { silentLogger } from '../../../core/logger.js';

/** Starts a server whose responses wait until the test ends them; returns it with its URL. */
async function startSlowServer() {
  const pending: ServerResponse[] = [];
  const server = createServer((_request, response) => {
    pending.push(response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { server, url, pending };
}

async function waitForPending(pending: ServerResponse[]): Promise<void> {
  while (pending.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('closeHttpServerGracefully', () => {
  it('lets a request in flight finish', async () => {
    const { server, url, pending } = await startSlowServer();
    const request = fetch(url);
    await waitForPending(pending);
    const closed = closeHttpServerGracefully(server, 10_000, silentLogger());
    setTimeout(() => pending[0]?.end('finished'), 50);
    const response = await request;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('finished');
    await closed;
    expect(server.listening).toBe(false);
  });

  it('cuts requests off after the grace time', async () => {
    const { server, url, pending } = await startSlowServer();
    const request = fetch(url);
    await waitForPending(pending);
    await closeHttpServerGracefully(server, 50, silentLogger());
    expect(server.listening).toBe(false);
    await expect(request).rejects.toThrow();
  });
});
