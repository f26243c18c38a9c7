import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../core/logger.js';

export const LIVENESS_PATH = '/healthz';
export const READINESS_PATH = '/readyz';

export type ComponentState = 'ok' | 'starting' | 'failed';

/** One dependency's state. Anyone who reaches the port can read `detail`, so sources must keep secrets out of it. */
export interface ComponentStatus {
  state: ComponentState;
  detail: string;
  /** ISO time of the last state change, when the source tracks it. */
  since?: string;
}

/** Readiness of each dependency, keyed by name (database, index, models). */
export type ReadinessReport = Record<string, ComponentStatus>;

/** Produces the current readiness report. Concurrent /readyz requests share one call. */
export type ReadinessSource = () => Promise<ReadinessReport>;

export interface HealthServerOptions {
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  readiness: ReadinessSource;
  logger: Logger;
  /** Max wait for the readiness source, in milliseconds, before /readyz returns 503. */
  checkTimeoutMs?: number;
}

export interface HealthServer {
  /** Base URL, e.g. http://127.0.0.1:9090 */
  url: string;
  /** Makes /readyz return 503 with status "stopping" from now on, so load balancers stop sending work. */
  markStopping(): void;
  close(): Promise<void>;
}

const DEFAULT_CHECK_TIMEOUT_MS = 2000;
/** Probes are tiny GET requests; these bounds keep a slow or hostile client from holding sockets. */
const MAX_CONNECTIONS = 32;
const REQUEST_TIMEOUT_MS = 5000;
const MAX_DETAIL_CHARS = 300;

function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`readiness check timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function boundedReport(report: ReadinessReport): ReadinessReport {
  const bounded: ReadinessReport = {};
  for (const [name, status] of Object.entries(report)) {
    bounded[name] = {
      state: status.state,
      detail: status.detail.slice(0, MAX_DETAIL_CHARS),
      ...(status.since !== undefined ? { since: status.since } : {}),
    };
  }
  return bounded;
}

/**
 * Starts the health server: `GET /healthz` returns 200 while the process and its event loop run,
 * and `GET /readyz` returns 200 only when every component of the readiness report is "ok", else 503.
 * Both return small JSON bodies; other paths get 404 and other methods 405.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const { logger, readiness } = options;
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  let stopping = false;
  // Concurrent probes share one readiness check, so a burst of probes runs one `select 1`.
  let inFlight: Promise<ReadinessReport> | null = null;

  function currentReport(): Promise<ReadinessReport> {
    if (!inFlight) {
      inFlight = withTimeout(readiness(), checkTimeoutMs).finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  }

  async function ready(response: ServerResponse): Promise<void> {
    let components: ReadinessReport;
    try {
      components = boundedReport(await currentReport());
    } catch (error) {
      logger.warn({ err: error }, 'Readiness check failed');
      sendJson(response, 503, {
        status: 'failed',
        components: {},
        detail: `readiness check failed: ${(error as Error).message}`.slice(0, MAX_DETAIL_CHARS),
      });
      return;
    }
    const states = Object.values(components).map((component) => component.state);
    let status: 'ready' | 'starting' | 'failed' | 'stopping' = 'ready';
    if (stopping) status = 'stopping';
    else if (states.includes('failed')) status = 'failed';
    else if (states.length === 0 || states.includes('starting')) status = 'starting';
    sendJson(response, status === 'ready' ? 200 : 503, { status, components });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== LIVENESS_PATH && path !== READINESS_PATH) {
      sendJson(response, 404, {
        error: `Not found: ${path.slice(0, 100)}. Use ${LIVENESS_PATH} or ${READINESS_PATH}.`,
      });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(
        response,
        405,
        { error: `Method ${request.method} not allowed; use GET.` },
        { allow: 'GET, HEAD' },
      );
      return;
    }
    if (path === LIVENESS_PATH) {
      sendJson(response, 200, { status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
      return;
    }
    await ready(response);
  }

  const server = createServer(
    { requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS },
    (request, response) => {
      // GET and HEAD probes carry no body; anything sent is discarded unread.
      request.resume();
      handle(request, response).catch((error: unknown) => {
        logger.error({ err: error, path: request.url }, 'Health request failed');
        if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
        else response.destroy();
      });
    },
  );
  server.maxConnections = MAX_CONNECTIONS;
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The health server never keeps the process alive on its own: when a serve command fails or
  // finishes, the process exits even if no code closed this server.
  server.unref();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url }, 'Health server listening');
  return {
    url,
    markStopping() {
      stopping = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }).then(() => logger.info('Health server stopped')),
  };
}
