import { z } from 'zod';
import type { ErrorCode } from '../../core/errors.js';

/**
 * The engine HTTP API's wire format, shared by `exitbot serve engine` and HttpEngineClient and
 * documented in docs/engine-api.md. Version 1 lives under /v1.
 */

export const API_PREFIX = '/v1';
export const REQUEST_ID_HEADER = 'x-request-id';
/** Largest request body accepted, in bytes; a recommend request is a few hundred bytes. */
export const MAX_REQUEST_BYTES = 64 * 1024;

export const recommendRequestSchema = z
  .object({
    company: z.string().trim().min(1).max(200),
    sector: z.string().trim().min(1).max(60).optional(),
    topK: z.number().int().min(1).max(50).optional(),
    valuationFilter: z.boolean().optional(),
    excludeCompanyIds: z.array(z.number().int().positive()).max(1000).optional(),
  })
  .strict();

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional(),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * A loose check of a RecommendResult: the fields every adapter reads. It catches a wrong server or
 * an incompatible version without restating the whole result type.
 */
export const recommendResultSchema = z.looseObject({
  requester: z.looseObject({ id: z.number(), name: z.string(), patentCount: z.number() }),
  query: z.looseObject({ company: z.string(), topK: z.number() }),
  partners: z.array(
    z.looseObject({
      rank: z.number(),
      id: z.number(),
      name: z.string(),
      hitCount: z.number(),
      bestSimilarity: z.number(),
      evidence: z.array(z.looseObject({ kind: z.enum(['patent', 'profile']) })),
      sharedIpcSubclasses: z.array(z.string()),
    }),
  ),
  notes: z.array(z.string()),
  models: z.array(z.looseObject({ stage: z.string(), fallback: z.boolean() })),
});

/** HTTP status per error code: 4xx for what the caller sent, 503 for a server not ready to search. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  INVALID_BRN: 400,
  AMBIGUOUS_COMPANY: 409,
  UNKNOWN_SECTOR: 400,
  COMPANY_NOT_FOUND: 404,
  CONFIG_INVALID: 500,
  INDEX_MISSING: 503,
  INDEX_MISMATCH: 503,
  DATA_STORE_UNAVAILABLE: 503,
  ENGINE_UNAVAILABLE: 503,
  REQUEST_TIMEOUT: 503,
  IMPORT_FAILED: 500,
  INTERNAL: 500,
};

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(STATUS_BY_CODE, code);
}
