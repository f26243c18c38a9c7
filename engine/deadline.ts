import { ExitError } from '../core/errors.js';

/** Per-call options of `Engine.recommend`. */
export interface RecommendOptions {
  /**
   * Time, in epoch milliseconds (the `Date.now()` clock), after which the search stops with
   * REQUEST_TIMEOUT. Without it the search runs to the end.
   */
  deadlineMs?: number;
  /**
   * Time limit the caller set the deadline from, in milliseconds, quoted in the timeout message.
   * Without it the message quotes the time left when the search started.
   */
  timeLimitMs?: number;
}

/** Formats a time limit for a message, in seconds from 1 s up (one decimal below 10 s) and in ms below. */
export function describeTimeLimit(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms < 10_000 ? Math.round(ms / 100) / 10 : Math.round(ms / 1000);
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

/** Builds the REQUEST_TIMEOUT error that every engine client raises for a search over its time limit. */
export function requestTimeoutError(timeLimitMs: number, details: Record<string, unknown> = {}): ExitError {
  return new ExitError(
    'REQUEST_TIMEOUT',
    `The search took longer than ${describeTimeLimit(timeLimitMs)} and was stopped. ` +
      'Try again shortly, or narrow the search with a sector.',
    { timeLimitMs, ...details },
  );
}

/**
 * A cooperative deadline for one search. The pipeline calls `check` between stages and inside long
 * loops, so a search stops at the next check after the deadline, not at the deadline itself.
 */
export class Deadline {
  private constructor(
    readonly atMs: number,
    readonly timeLimitMs: number,
  ) {}

  /** Returns the deadline the options set, or null when they set none. */
  static from(options: RecommendOptions | undefined, now: number = Date.now()): Deadline | null {
    const deadlineMs = options?.deadlineMs;
    if (deadlineMs === undefined) return null;
    if (!Number.isFinite(deadlineMs)) {
      throw new ExitError(
        'INVALID_INPUT',
        `deadlineMs must be a finite number of epoch milliseconds, got ${String(deadlineMs)}.`,
      );
    }
    const limit = options?.timeLimitMs;
    return new Deadline(deadlineMs, limit !== undefined && Number.isFinite(limit) ? limit : deadlineMs - now);
  }

  /** Throws REQUEST_TIMEOUT, naming the stage it reached, when the deadline has passed. */
  check(stage: string): void {
    if (Date.now() >= this.atMs) throw requestTimeoutError(this.timeLimitMs, { stage });
  }
}
