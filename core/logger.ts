import { type LevelWithSilent, type Logger, pino } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Output stream for log lines. Defaults to stderr so that stdout stays clean for command output. */
  destination?: NodeJS.WritableStream;
}

/** Paths redacted from every log line, so tokens and secrets never reach the log. */
const REDACT_PATHS = [
  'token',
  'botToken',
  'signingSecret',
  'appToken',
  'password',
  'authorization',
  '*.token',
  '*.password',
  '*.authorization',
  'headers.authorization',
  'config.databaseUrl',
  'config.slack.botToken',
  'config.slack.signingSecret',
  'config.slack.appToken',
  'config.engineApi.token',
  '*.botToken',
  '*.signingSecret',
  '*.appToken',
];

/** Creates the process logger. Components receive it (or a child of it) as a parameter. */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? pino.destination({ fd: 2, sync: true });
  return pino(
    { level: options.level, base: { app: 'exitbot' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination as pino.DestinationStream,
  );
}

/** Creates a logger that discards everything, for tests and library callers that pass none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
