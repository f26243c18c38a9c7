/**
 * Typed errors. User errors (bad input, unknown company) are separated from internal ones so that
 * every adapter maps each code to one chat message and the CLI maps it to one exit code.
 */

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_BRN'
  | 'AMBIGUOUS_COMPANY'
  | 'COMPANY_NOT_FOUND'
  | 'UNKNOWN_SECTOR'
  | 'CONFIG_INVALID'
  | 'INDEX_MISSING'
  | 'INDEX_MISMATCH'
  | 'DATA_STORE_UNAVAILABLE'
  | 'ENGINE_UNAVAILABLE'
  | 'REQUEST_TIMEOUT'
  | 'IMPORT_FAILED'
  | 'INTERNAL';

/** Process exit codes used by the CLI. 2 and 3 are part of the CLI contract. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  INVALID_INPUT: 2,
  INVALID_BRN: 2,
  AMBIGUOUS_COMPANY: 2,
  UNKNOWN_SECTOR: 2,
  COMPANY_NOT_FOUND: 3,
  CONFIG_INVALID: 78,
  INDEX_MISSING: 4,
  INDEX_MISMATCH: 4,
  DATA_STORE_UNAVAILABLE: 69,
  ENGINE_UNAVAILABLE: 69,
  // EX_TEMPFAIL from sysexits.h: a temporary failure, so the same command may succeed when retried.
  REQUEST_TIMEOUT: 75,
  IMPORT_FAILED: 1,
  INTERNAL: 1,
};

export class ExitError extends Error {
  readonly code: ErrorCode;
  /** Extra structured detail for JSON output and logs, for example the candidate companies. */
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ExitError';
    this.code = code;
    this.details = details;
  }

  /** True for errors caused by what the user typed, as opposed to a fault in EXIT or its data. */
  get isUserError(): boolean {
    return (
      this.code === 'INVALID_INPUT' ||
      this.code === 'INVALID_BRN' ||
      this.code === 'AMBIGUOUS_COMPANY' ||
      this.code === 'COMPANY_NOT_FOUND' ||
      this.code === 'UNKNOWN_SECTOR'
    );
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

export function isExitError(error: unknown): error is ExitError {
  return error instanceof ExitError;
}

/** Characters of a user's value that a message repeats; the rest is counted, not shown. */
const QUOTED_VALUE_LENGTH = 60;

/**
 * Quotes a value the user typed for an error message. JSON escaping shows control characters and
 * line breaks as escapes, so the message stays on one line. A value longer than `maxLength`
 * characters is cut and its length given, so a pasted document does not flood a chat.
 */
export function quoteValue(value: string, maxLength = QUOTED_VALUE_LENGTH): string {
  const characters = Array.from(value);
  if (characters.length <= maxLength) return JSON.stringify(value);
  return `${JSON.stringify(characters.slice(0, maxLength).join(''))}… (${characters.length} characters)`;
}
