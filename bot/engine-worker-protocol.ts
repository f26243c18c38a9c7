import type { Config } from '../core/config.js';
import { ExitError, isExitError } from '../core/errors.js';
import type { RecommendOptions } from '../engine/deadline.js';
import type { RecommendRequest, RecommendResult } from '../engine/types.js';
import { isErrorCode } from './engine-api/schema.js';

/**
 * Messages between WorkerEngineClient and its engine worker thread. They cross by structured
 * clone, so they contain only plain data. Errors travel as SerializedError and are rebuilt on the
 * other side.
 */

/** The worker's `workerData`: the bot's configuration, from which the worker opens its own store. */
export interface EngineWorkerData {
  config: Config;
}

/** Main thread to worker: one search. `id` pairs the reply with the request. */
export interface WorkerRecommendMessage {
  type: 'recommend';
  id: number;
  request: RecommendRequest;
  options: RecommendOptions;
  requestId: string | null;
}

/** Worker to main thread. */
export type WorkerReplyMessage =
  | { type: 'ready' }
  | { type: 'open-failed'; error: SerializedError }
  | { type: 'result'; id: number; result: RecommendResult }
  | { type: 'error'; id: number; error: SerializedError };

/** An error as plain data: an ExitError keeps its code and details, any other error its name. */
export type SerializedError =
  | { kind: 'exit'; code: string; message: string; details: Record<string, unknown>; stack?: string }
  | { kind: 'error'; name: string; message: string; stack?: string };

export function serializeError(error: unknown): SerializedError {
  if (isExitError(error)) {
    return {
      kind: 'exit',
      code: error.code,
      message: error.message,
      details: cloneableDetails(error.details),
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  if (error instanceof Error) {
    return {
      kind: 'error',
      name: error.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { kind: 'error', name: 'Error', message: String(error) };
}

/**
 * Rebuilds an error on the receiving side with the sender's stack, so logs show where it was
 * thrown. An unknown code becomes INTERNAL with the original code in its details.
 */
export function deserializeError(serialized: SerializedError): Error {
  let error: Error;
  if (serialized.kind === 'exit') {
    error = isErrorCode(serialized.code)
      ? new ExitError(serialized.code, serialized.message, serialized.details)
      : new ExitError('INTERNAL', serialized.message, { ...serialized.details, code: serialized.code });
  } else {
    error = new Error(serialized.message);
    error.name = serialized.name;
  }
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}

/**
 * Returns details that survive structured cloning. Details are plain data in practice (candidate
 * lists, the query). Details that cannot be cloned are sent as their JSON form, and details that
 * JSON cannot represent either (a cycle) are dropped.
 */
function cloneableDetails(details: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(details);
  } catch {
    try {
      return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
}
