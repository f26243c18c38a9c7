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
 * Adapts the injected pino logger to the Logger interface Bolt and the Slack Web API client take,
 * so their lines share the process log format and never carry a token.
 */
export function toSlackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack-bolt' });
  return {
    debug: (...parts: unknown[]) => child.debug(scrubSlackLog(parts)),
    info: (...parts: unknown[]) => child.info(scrubSlackLog(parts)),
    warn: (...parts: unknown[]) => child.warn(scrubSlackLog(parts)),
    error: (...parts: unknown[]) => child.error(scrubSlackLog(parts)),
    setLevel: (level: LogLevel) => {
      child.level = level;
    },
    getLevel: () => PINO_TO_SLACK[child.level] ?? LogLevel.INFO,
    setName: () => {},
  };
}
