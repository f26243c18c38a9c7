import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExitError, isExitError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Recommender } from '../engine-client.js';
import {
  API_PREFIX,
  type ErrorBody,
  MAX_REQUEST_BYTES,
  REQUEST_ID_HEADER,
  recommendRequestSchema,
  STATUS_BY_CODE,
} from './schema.js';

export interface EngineServerOptions {
  engine: Recommender;
  logger: Logger;
  /** Listen address; 127.0.0.1 unless the engine serves bots on other machines. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** When set, every request must send `Authorization: Bearer <token>`. */
  token: string | null;
  /**
   * Time one search may run, in milliseconds (EXIT_REQUEST_TIMEOUT_MS). A longer one is stopped
   * and fails with REQUEST_TIMEOUT (HTTP 503). Unset lets searches run to the end.
   */
  requestTimeoutMs?: number;
}

export interface RunningEngineServer {
  server: Server;
  /** Base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/json'))
    throw new HttpError(415, 'INVALID_INPUT', 'Send the request body as application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES)
      throw new HttpError(
        413,
        'INVALID_INPUT',
        `The request body is larger than ${MAX_REQUEST_BYTES} bytes.`,
      );
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'INVALID_INPUT', 'The request body is not valid JSON.');
  }
}

function authorized(request: IncomingMessage, token: string | null): boolean {
  if (token === null) return true;
  const header = request.headers.authorization ?? '';
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Starts the engine HTTP API: `POST /v1/recommend` takes a RecommendRequest and returns a
 * RecommendResult; `GET /v1/health` returns `{"status":"ok"}`. Errors return
 * `{"error":{"code","message","details","requestId"}}` with the status from STATUS_BY_CODE.
 */
export async function startEngineServer(options: EngineServerOptions): Promise<RunningEngineServer> {
  const { engine, logger, token } = options;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<number> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!authorized(request, token))
      throw new HttpError(
        401,
        'UNAUTHORIZED',
        "Missing or wrong bearer token: set EXIT_ENGINE_TOKEN to the server's value.",
      );
    if (path === `${API_PREFIX}/health`) {
      if (request.method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Use GET for /v1/health.');
      sendJson(response, 200, { status: 'ok' });
      return 200;
    }
    if (path !== `${API_PREFIX}/recommend`)
      throw new HttpError(
        404,
        'NOT_FOUND',
        `No route ${path}; the API has ${API_PREFIX}/recommend and ${API_PREFIX}/health.`,
      );
    if (request.method !== 'POST')
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Use POST for /v1/recommend.');
    const parsed = recommendRequestSchema.safeParse(await readJson(request));
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
        .join('; ');
      throw new ExitError('INVALID_INPUT', `Invalid recommend request: ${problems}.`);
    }
    const { requestTimeoutMs } = options;
    const result = await engine.recommend(
      parsed.data,
      requestTimeoutMs === undefined
        ? {}
        : { deadlineMs: Date.now() + requestTimeoutMs, timeLimitMs: requestTimeoutMs },
    );
    sendJson(response, 200, result);
    return 200;
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    const given = request.headers[REQUEST_ID_HEADER];
    const requestId = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    const log = logger.child({ requestId, method: request.method, path: request.url });
    response.setHeader(REQUEST_ID_HEADER, requestId);
    handle(request, response)
      .then((status) =>
        log.info({ status, ms: Math.round(performance.now() - started) }, 'Engine API request completed'),
      )
      .catch((error: unknown) => {
        let status = 500;
        let body: ErrorBody = {
          error: {
            code: 'INTERNAL',
            message: `The engine failed; see its log for request ${requestId}.`,
            requestId,
          },
        };
        if (error instanceof HttpError) {
          status = error.status;
          body = { error: { code: error.code, message: error.message, requestId } };
        } else if (isExitError(error)) {
          status = STATUS_BY_CODE[error.code];
          if (status < 500 || error.code !== 'INTERNAL') {
            body = { error: { code: error.code, message: error.message, details: error.details, requestId } };
          }
        }
        if (status >= 500) log.error({ err: error, status }, 'Engine API request failed');
        else log.info({ status, code: body.error.code }, 'Engine API request rejected');
        if (!response.headersSent) sendJson(response, status, body);
        else response.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, auth: token !== null }, 'Engine API listening');
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
