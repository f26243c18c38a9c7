import { randomUUID } from 'node:crypto';
import { ExitError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { RecommendRequest, RecommendResult } from '../../engine/types.js';
import type { EngineCallOptions, EngineClient } from '../engine-client.js';
import {
  API_PREFIX,
  errorBodySchema,
  isErrorCode,
  REQUEST_ID_HEADER,
  recommendResultSchema,
} from './schema.js';

export interface HttpEngineClientOptions {
  /** Base URL of `exitbot serve engine`, e.g. http://gpu-host:8787 */
  url: string;
  /** Time allowed for one request, in milliseconds. */
  timeoutMs: number;
  token: string | null;
  logger: Logger;
}

/**
 * Calls a remote engine over HTTP. Failures raise the engine's own ExitError codes. A connection
 * failure or timeout raises ENGINE_UNAVAILABLE with `details.reason` 'engine_unreachable' or 'engine_timeout',
 * and the chat message for those reports that the search engine is unreachable or timed out. A deadline in
 * the call options is not sent, because the server stops a long search by its own time limit.
 */
export class HttpEngineClient implements EngineClient {
  private readonly endpoint: string;
  private readonly origin: string;

  constructor(private readonly options: HttpEngineClientOptions) {
    const base = new URL(options.url);
    this.origin = base.origin;
    this.endpoint = new URL(
      `${base.pathname.replace(/\/$/, '')}${API_PREFIX}/recommend`,
      base.origin,
    ).toString();
  }

  async recommend(request: RecommendRequest, options: EngineCallOptions = {}): Promise<RecommendResult> {
    const { timeoutMs, token, logger } = this.options;
    const requestId = options.requestId ?? randomUUID();
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [REQUEST_ID_HEADER]: requestId,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      logger.warn(
        { err: error, engine: this.origin, requestId, timeoutMs },
        'Engine request failed before a response',
      );
      throw timedOut
        ? new ExitError(
            'ENGINE_UNAVAILABLE',
            `The engine at ${this.origin} did not answer within ${timeoutMs} ms (EXIT_ENGINE_TIMEOUT_MS).`,
            { reason: 'engine_timeout' },
            { cause: error },
          )
        : new ExitError(
            'ENGINE_UNAVAILABLE',
            `The engine at ${this.origin} is unreachable: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}. Check that \`exitbot serve engine\` runs there and EXIT_ENGINE_URL points to it.`,
            { reason: 'engine_unreachable' },
            { cause: error },
          );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new ExitError(
        'INTERNAL',
        `The engine at ${this.origin} responded with HTTP ${response.status} without a JSON body.`,
        { reason: 'engine_protocol' },
        { cause: error },
      );
    }
    if (!response.ok) throw this.toError(response.status, body);
    const checked = recommendResultSchema.safeParse(body);
    if (!checked.success) {
      throw new ExitError(
        'INTERNAL',
        `The engine at ${this.origin} returned a result in an unexpected shape: ${checked.error.issues[0]?.message}.`,
        { reason: 'engine_protocol' },
      );
    }
    return body as RecommendResult;
  }

  async close(): Promise<void> {}

  private toError(status: number, body: unknown): ExitError {
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success)
      return new ExitError('INTERNAL', `The engine at ${this.origin} responded with HTTP ${status}.`, {
        reason: 'engine_protocol',
      });
    const { code, message, details } = parsed.data.error;
    if (status === 401) {
      return new ExitError(
        'CONFIG_INVALID',
        `The engine at ${this.origin} rejected the request: EXIT_ENGINE_TOKEN is missing or does not match the server's.`,
        { reason: 'engine_unauthorized' },
      );
    }
    if (isErrorCode(code)) return new ExitError(code, message, details ?? {});
    return new ExitError(
      'INTERNAL',
      `The engine at ${this.origin} responded with HTTP ${status}: ${message}`,
      {
        reason: 'engine_protocol',
      },
    );
  }
}
