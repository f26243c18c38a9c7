import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

/** Slack token shapes (bot, user, app-level, refresh), scrubbed from any text Bolt or its Web API client logs. */
const TOKEN_PATTERN = /\b(?:xox[abposre]|xapp)-[A-Za-z0-9-]+/g;
const MAX_PART_LENGTH = 500;

function describe(part: unknown): string {
  if (part instanceof Error) return part.message;
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

/** Joins Bolt's log arguments into one line, long parts cut and tokens removed. */
export function scrubSlackLog(parts: readonly unknown[]): string {
  return parts
    .map((part) => describe(part).slice(0, MAX_PART_LENGTH))
    .join(' ')
    .replace(TOKEN_PATTERN, '[redacted]');
}

const PINO_TO_SLACK: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/**
 * The warning Bolt's HTTPReceiver (checked against @slack/bolt 5.1) logs when a request fails the
 * signing-secret check: a wrong signature, a missing header, or a timestamp more than 5 minutes
 * from now. The text after it is the reason from Bolt's verifier and never contains the body.
 */
const SIGNATURE_REJECTED = 'Failed to parse and verify the request data:';

/**
 * Adapts the injected pino logger to the Logger interface Bolt and the Slack Web API client take,
 * so their lines share the process log format and never carry a token. Requests Bolt rejects for
 * their signature are logged as one structured warning each, with the reason and a running count.
 */
export function toSlackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack-bolt' });
  let rejectedSignatures = 0;
  const warn = (...parts: unknown[]) => {
    const line = scrubSlackLog(parts);
    if (!line.startsWith(SIGNATURE_REJECTED)) {
      child.warn(line);
      return;
    }
    rejectedSignatures++;
    logger.warn(
      { reason: line.slice(SIGNATURE_REJECTED.length).trim(), rejected: rejectedSignatures },
      'Rejected a Slack request without a valid signature',
    );
  };
  return {
    debug: (...parts: unknown[]) => child.debug(scrubSlackLog(parts)),
    info: (...parts: unknown[]) => child.info(scrubSlackLog(parts)),
    warn,
    error: (...parts: unknown[]) => child.error(scrubSlackLog(parts)),
    setLevel: (level: LogLevel) => {
      child.level = level;
    },
    getLevel: () => PINO_TO_SLACK[child.level] ?? LogLevel.INFO,
    setName: () => {},
  };
}
