import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ExitError } from './errors.js';

/** Time one search may run when EXIT_REQUEST_TIMEOUT_MS is unset, in milliseconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** A Slack team, enterprise or channel id: an uppercase letter, then uppercase letters and digits. */
const SLACK_ID = '[A-Z][A-Z0-9]{2,}';
/** A Discord id (snowflake). */
const DISCORD_ID = '\\d{17,20}';

/** Matches a comma-separated list of ids; spaces around the commas are allowed. */
function idList(id: string): RegExp {
  return new RegExp(`^\\s*${id}(\\s*,\\s*${id})*\\s*$`);
}

/** Splits a validated id list; null when the setting is unset, which means every id is allowed. */
function parseIdList(value: string | undefined): string[] | null {
  return value === undefined ? null : value.split(',').map((id) => id.trim());
}

/**
 * Settings, read from the environment and optionally from a JSON file named by EXIT_CONFIG_FILE.
 * The file uses the same variable names as keys; the environment wins over the file.
 */
const settingsSchema = z.object({
  EXIT_DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|mysql:\/\/.+)$/, 'must be sqlite:<path> or mysql://user:password@host:port/database')
    .default('sqlite:var/exit.db'),
  EXIT_DATA_DIR: z.string().min(1).default('var'),
  EXIT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  EXIT_TOP_K: z.coerce.number().int().min(1).max(50).default(5),
  EXIT_VALUATION_FILTER: z.enum(['on', 'off']).default('on'),
  EXIT_EMBED_DIM: z.coerce.number().int().min(16).max(1024).default(256),
  EXIT_EF_SEARCH: z.coerce.number().int().min(10).max(4096).default(400),
  EXIT_VALUATION_CACHE_SIZE: z.coerce.number().int().min(0).max(10_000_000).default(50_000),
  // Slack adapter. Tokens are optional here and required by `exitbot serve slack` for its mode.
  EXIT_SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-\S+$/)
    .optional(),
  EXIT_SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^\S{8,}$/)
    .optional(),
  EXIT_SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-\S+$/)
    .optional(),
  EXIT_SLACK_MODE: z.enum(['http', 'socket']).default('http'),
  EXIT_SLACK_HOST: z.string().min(1).default('127.0.0.1'),
  EXIT_SLACK_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  EXIT_SLACK_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(5),
  EXIT_SLACK_TEAM_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(60),
  EXIT_SLACK_ALLOWED_TEAMS: z.string().regex(idList(SLACK_ID)).optional(),
  EXIT_SLACK_ALLOWED_CHANNELS: z.string().regex(idList(SLACK_ID)).optional(),
  EXIT_SLACK_API_URL: z
    .string()
    .regex(/^https?:\/\/\S+\/$/)
    .optional(),
  // Chat bot core and the engine HTTP API (`exitbot serve engine`).
  EXIT_BOT_MAX_SEARCHES: z.coerce.number().int().min(1).max(64).default(4),
  EXIT_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(DEFAULT_REQUEST_TIMEOUT_MS),
  EXIT_ENGINE_THREAD: z.enum(['worker', 'main']).default('worker'),
  EXIT_ENGINE_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/)
    .optional(),
  EXIT_ENGINE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  EXIT_ENGINE_TOKEN: z
    .string()
    .regex(/^\S{16,}$/)
    .optional(),
  EXIT_ENGINE_HOST: z.string().min(1).default('127.0.0.1'),
  EXIT_ENGINE_PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  // Discord adapter. The token is optional here and required by `exitbot serve discord` and
  // `exitbot discord register`; the public key only by the HTTP interactions endpoint.
  EXIT_DISCORD_TOKEN: z
    .string()
    .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    .optional(),
  EXIT_DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d{17,20}$/)
    .optional(),
  EXIT_DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{17,20}$/)
    .optional(),
  EXIT_DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .optional(),
  EXIT_DISCORD_MODE: z.enum(['gateway', 'http']).default('gateway'),
  EXIT_DISCORD_MESSAGE_CONTENT: z.enum(['on', 'off']).default('off'),
  EXIT_DISCORD_HOST: z.string().min(1).default('127.0.0.1'),
  EXIT_DISCORD_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  EXIT_DISCORD_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(5),
  EXIT_DISCORD_GUILD_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(60),
  EXIT_DISCORD_ALLOWED_GUILDS: z.string().regex(idList(DISCORD_ID)).optional(),
  EXIT_DISCORD_ALLOWED_CHANNELS: z.string().regex(idList(DISCORD_ID)).optional(),
  EXIT_DISCORD_API_URL: z
    .string()
    .regex(/^https?:\/\/\S+\/api$/)
    .optional(),
  // Trained model artifacts (ONNX) and where they run.
  EXIT_MODELS_DIR: z.string().min(1).optional(),
  EXIT_ONNX_PROVIDER: z.enum(['cpu', 'cuda']).default('cpu'),
  // Text models of `exitbot index build`: folders exported by models/text/export_local.py.
  EXIT_EMBEDDER: z.enum(['tfidf-svd', 'onnx']).default('tfidf-svd'),
  EXIT_EMBEDDER_DIR: z.string().min(1).optional(),
  EXIT_EMBEDDER_POOLING: z.enum(['mean', 'cls']).optional(),
  EXIT_SUMMARIZER: z.enum(['extractive', 'onnx']).default('extractive'),
  EXIT_SUMMARIZER_DIR: z.string().min(1).optional(),
  // Operations: the health server of the serve commands (off unless a port is set) and the drain
  // time on SIGTERM.
  EXIT_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  EXIT_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
  EXIT_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
});

export type Settings = z.infer<typeof settingsSchema>;

export interface Config {
  databaseUrl: string;
  dataDir: string;
  logLevel: Settings['EXIT_LOG_LEVEL'];
  topK: number;
  valuationFilter: boolean;
  embedDim: number;
  efSearch: number;
  /** Company valuations the engine keeps across requests (engine/value/valuation-cache.ts); 0 turns the cache off. */
  valuationCacheEntries: number;
  slack: SlackConfig;
  engineApi: EngineApiConfig;
  /** Recommendation searches one bot process runs at once; further requests wait in a queue. */
  botMaxSearches: number;
  /** Time one search may run before it is stopped with REQUEST_TIMEOUT, in milliseconds. */
  requestTimeoutMs: number;
  /**
   * Thread of a bot's in-process engine. 'worker' runs it in a worker thread, so one long search
   * does not hold up other chat events, and 'main' runs it on the bot's own event loop.
   */
  engineThread: 'worker' | 'main';
  discord: DiscordConfig;
  /** Folder of trained model artifacts (`sasrec/` inside); null uses the package's models/artifacts. */
  modelsDir: string | null;
  /** ONNX Runtime execution provider; 'cuda' falls back to the CPU with a warning when unavailable. */
  onnxProvider: 'cpu' | 'cuda';
  /**
   * Embedder of `exitbot index build`: TF-IDF/SVD fitted on the corpus, or an exported ONNX encoder
   * (pooling null keeps the exported default). A built index keeps and uses its own embedder.
   */
  embedder: { kind: 'tfidf-svd' } | { kind: 'onnx'; dir: string; pooling: 'mean' | 'cls' | null };
  /** Summariser of `exitbot index build`: extractive, or an exported ONNX seq2seq model. */
  summarizer: { kind: 'extractive' } | { kind: 'onnx'; dir: string };
  health: HealthConfig;
  /** On SIGTERM, how long in-flight answers may run before the process stops anyway. */
  shutdownGraceMs: number;
}

/** The serve commands' health server (/healthz, /readyz); null port keeps it off. */
export interface HealthConfig {
  port: number | null;
  host: string;
}

/** Slack adapter settings. Which tokens are required depends on the mode (see adapters/slack/settings.ts). */
export interface SlackConfig {
  botToken: string | null;
  signingSecret: string | null;
  appToken: string | null;
  /** 'http': Slack calls our HTTP endpoint; 'socket': we open a Socket Mode WebSocket to Slack. */
  mode: 'http' | 'socket';
  host: string;
  port: number;
  /** `/exit` commands one user may run per minute. */
  rateLimitPerMinute: number;
  /** `/exit` commands one workspace may run per minute, all users together. */
  teamRateLimitPerMinute: number;
  /** Workspaces (team ids) EXIT serves; null serves every workspace the app is installed in. */
  allowedTeams: string[] | null;
  /** Channels EXIT serves; null serves every channel. */
  allowedChannels: string[] | null;
  /** Web API base URL; null for https://slack.com/api/ (GovSlack uses https://slack-gov.com/api/). */
  apiUrl: string | null;
}

/** The engine HTTP API: where a bot finds a remote engine, and where `exitbot serve engine` listens. */
export interface EngineApiConfig {
  /** Base URL of a remote engine; null runs the engine in the bot's process. */
  url: string | null;
  timeoutMs: number;
  /** Shared bearer token; when set, the server requires it and the client sends it. */
  token: string | null;
  host: string;
  port: number;
}

/** Discord adapter settings; adapters/discord/settings.ts checks which ones a mode requires. */
export interface DiscordConfig {
  /** The bot token from the Developer Portal's Bot page. */
  token: string | null;
  /** The application id; when null, `exitbot discord register` reads it from the API. */
  applicationId: string | null;
  /** The guild `exitbot discord register` registers the commands in when no --guild or --global is given. */
  guildId: string | null;
  /** The application's Ed25519 public key (64 hex characters), for the HTTP interactions endpoint. */
  publicKey: string | null;
  /** 'gateway': a WebSocket connection to Discord; 'http': Discord posts interactions to our endpoint. */
  mode: 'gateway' | 'http';
  /** Whether the privileged Message Content intent is requested, so plain thread messages are follow-ups. */
  messageContent: boolean;
  host: string;
  port: number;
  /** `/exit` commands one user may run per minute. */
  rateLimitPerMinute: number;
  /** `/exit` commands one guild may run per minute, all users together. */
  guildRateLimitPerMinute: number;
  /** Guilds EXIT serves; null serves every guild. Direct messages have no guild and are rejected when set. */
  allowedGuilds: string[] | null;
  /** Channels EXIT serves (a thread counts as its parent channel); null serves every channel. */
  allowedChannels: string[] | null;
  /** REST base URL without the version; null for https://discord.com/api. Tests use a local fake. */
  apiUrl: string | null;
}

const SETTING_NAMES = Object.keys(settingsSchema.shape) as (keyof Settings)[];

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ExitError(
      'CONFIG_INVALID',
      `EXIT_CONFIG_FILE: cannot read ${path}: ${(error as Error).message}`,
    );
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error('the top level must be a JSON object');
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ExitError(
      'CONFIG_INVALID',
      `EXIT_CONFIG_FILE: ${path} is not valid JSON (${(error as Error).message}). ` +
        `Use an object whose keys are setting names, for example {"EXIT_TOP_K": 10}.`,
    );
  }
}

/** Describes the accepted values of one setting, for error messages. Never includes the given value. */
function acceptedValues(name: keyof Settings): string {
  const field = settingsSchema.shape[name];
  const inner = field instanceof z.ZodDefault ? field.def.innerType : field;
  if (inner instanceof z.ZodEnum) return `one of ${inner.options.join(', ')}`;
  if (name === 'EXIT_DATABASE_URL') return 'sqlite:<path> or mysql://user:password@host:port/database';
  if (name === 'EXIT_TOP_K') return 'an integer from 1 to 50';
  if (name === 'EXIT_EMBED_DIM') return 'an integer from 16 to 1024';
  if (name === 'EXIT_EF_SEARCH') return 'an integer from 10 to 4096';
  if (name === 'EXIT_VALUATION_CACHE_SIZE')
    return 'a number of cached valuations, an integer from 0 (off) to 10000000';
  if (name === 'EXIT_SLACK_BOT_TOKEN') return 'a Slack bot token starting with xoxb-';
  if (name === 'EXIT_SLACK_SIGNING_SECRET')
    return 'the Slack signing secret (at least 8 characters, no spaces)';
  if (name === 'EXIT_SLACK_APP_TOKEN') return 'a Slack app-level token starting with xapp-';
  if (name === 'EXIT_SLACK_PORT' || name === 'EXIT_ENGINE_PORT') return 'a TCP port from 1 to 65535';
  if (name === 'EXIT_SLACK_API_URL')
    return 'an http:// or https:// URL ending in /, for example https://slack-gov.com/api/';
  if (name === 'EXIT_SLACK_RATE_LIMIT') return 'commands per user per minute, an integer from 1 to 1000';
  if (name === 'EXIT_SLACK_TEAM_RATE_LIMIT')
    return 'commands per workspace per minute, an integer from 1 to 100000';
  if (name === 'EXIT_SLACK_ALLOWED_TEAMS')
    return 'comma-separated Slack team ids, for example T0123ABCD,T0456EFGH';
  if (name === 'EXIT_SLACK_ALLOWED_CHANNELS')
    return 'comma-separated Slack channel ids, for example C0123ABCD,G0456EFGH';
  if (name === 'EXIT_BOT_MAX_SEARCHES') return 'an integer from 1 to 64';
  if (name === 'EXIT_REQUEST_TIMEOUT_MS') return 'milliseconds, an integer from 1000 to 600000';
  if (name === 'EXIT_ENGINE_URL') return 'an http:// or https:// URL, for example http://gpu-host:8787';
  if (name === 'EXIT_ENGINE_TIMEOUT_MS') return 'milliseconds, an integer from 100 to 600000';
  if (name === 'EXIT_ENGINE_TOKEN') return 'a shared secret of at least 16 characters, no spaces';
  if (name === 'EXIT_DISCORD_TOKEN') return 'a Discord bot token: three dot-separated parts';
  if (name === 'EXIT_DISCORD_APPLICATION_ID' || name === 'EXIT_DISCORD_GUILD_ID')
    return 'a Discord id (snowflake), 17 to 20 digits';
  if (name === 'EXIT_DISCORD_PUBLIC_KEY') return "the application's public key, 64 hexadecimal characters";
  if (name === 'EXIT_DISCORD_PORT') return 'a TCP port from 1 to 65535';
  if (name === 'EXIT_DISCORD_RATE_LIMIT') return 'commands per user per minute, an integer from 1 to 1000';
  if (name === 'EXIT_DISCORD_GUILD_RATE_LIMIT')
    return 'commands per guild per minute, an integer from 1 to 100000';
  if (name === 'EXIT_DISCORD_ALLOWED_GUILDS' || name === 'EXIT_DISCORD_ALLOWED_CHANNELS')
    return 'comma-separated Discord ids (snowflakes, 17 to 20 digits each)';
  if (name === 'EXIT_HEALTH_PORT') return 'a TCP port from 1 to 65535 (unset turns the health server off)';
  if (name === 'EXIT_SHUTDOWN_GRACE_MS') return 'milliseconds, an integer from 0 to 600000';
  if (name === 'EXIT_EMBEDDER_DIR' || name === 'EXIT_SUMMARIZER_DIR')
    return 'the folder written by models/text/export_local.py';
  if (name === 'EXIT_EMBEDDER_POOLING') return 'one of mean, cls';
  if (name === 'EXIT_DISCORD_API_URL')
    return 'an http:// or https:// URL ending in /api, for example https://discord.com/api';
  return 'a non-empty string';
}

/** Reads the text-model settings; an ONNX choice without its folder is CONFIG_INVALID. */
function textModelChoices(settings: Settings): Pick<Config, 'embedder' | 'summarizer'> {
  if (settings.EXIT_EMBEDDER === 'onnx' && settings.EXIT_EMBEDDER_DIR === undefined) {
    throw new ExitError(
      'CONFIG_INVALID',
      'EXIT_EMBEDDER_DIR is missing: EXIT_EMBEDDER=onnx needs the folder written by models/text/export_local.py.',
    );
  }
  if (settings.EXIT_SUMMARIZER === 'onnx' && settings.EXIT_SUMMARIZER_DIR === undefined) {
    throw new ExitError(
      'CONFIG_INVALID',
      'EXIT_SUMMARIZER_DIR is missing: EXIT_SUMMARIZER=onnx needs the folder written by models/text/export_local.py.',
    );
  }
  return {
    embedder:
      settings.EXIT_EMBEDDER === 'onnx'
        ? {
            kind: 'onnx',
            dir: settings.EXIT_EMBEDDER_DIR as string,
            pooling: settings.EXIT_EMBEDDER_POOLING ?? null,
          }
        : { kind: 'tfidf-svd' },
    summarizer:
      settings.EXIT_SUMMARIZER === 'onnx'
        ? { kind: 'onnx', dir: settings.EXIT_SUMMARIZER_DIR as string }
        : { kind: 'extractive' },
  };
}

/**
 * Loads and validates the configuration. An invalid setting throws CONFIG_INVALID with a message
 * that names the variable and the accepted values, but not the value itself (it may be a secret).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = env.EXIT_CONFIG_FILE ? readConfigFile(env.EXIT_CONFIG_FILE) : {};
  const unknownKeys = Object.keys(fromFile).filter((key) => !SETTING_NAMES.includes(key as keyof Settings));
  if (unknownKeys.length > 0) {
    throw new ExitError(
      'CONFIG_INVALID',
      `EXIT_CONFIG_FILE: unknown setting ${unknownKeys.join(', ')}. Known settings: ${SETTING_NAMES.join(', ')}.`,
    );
  }
  const merged: Record<string, unknown> = { ...fromFile };
  for (const name of SETTING_NAMES) {
    const value = env[name];
    if (value !== undefined && value !== '') merged[name] = value;
  }
  const result = settingsSchema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0]) as keyof Settings;
      return `${name} is invalid: expected ${acceptedValues(name)}`;
    });
    throw new ExitError('CONFIG_INVALID', `Invalid configuration. ${problems.join('; ')}.`);
  }
  const settings = result.data;
  return {
    databaseUrl: settings.EXIT_DATABASE_URL,
    dataDir: settings.EXIT_DATA_DIR,
    logLevel: settings.EXIT_LOG_LEVEL,
    topK: settings.EXIT_TOP_K,
    valuationFilter: settings.EXIT_VALUATION_FILTER === 'on',
    embedDim: settings.EXIT_EMBED_DIM,
    efSearch: settings.EXIT_EF_SEARCH,
    valuationCacheEntries: settings.EXIT_VALUATION_CACHE_SIZE,
    slack: {
      botToken: settings.EXIT_SLACK_BOT_TOKEN ?? null,
      signingSecret: settings.EXIT_SLACK_SIGNING_SECRET ?? null,
      appToken: settings.EXIT_SLACK_APP_TOKEN ?? null,
      mode: settings.EXIT_SLACK_MODE,
      host: settings.EXIT_SLACK_HOST,
      port: settings.EXIT_SLACK_PORT,
      rateLimitPerMinute: settings.EXIT_SLACK_RATE_LIMIT,
      teamRateLimitPerMinute: settings.EXIT_SLACK_TEAM_RATE_LIMIT,
      allowedTeams: parseIdList(settings.EXIT_SLACK_ALLOWED_TEAMS),
      allowedChannels: parseIdList(settings.EXIT_SLACK_ALLOWED_CHANNELS),
      apiUrl: settings.EXIT_SLACK_API_URL ?? null,
    },
    engineApi: {
      url: settings.EXIT_ENGINE_URL ?? null,
      timeoutMs: settings.EXIT_ENGINE_TIMEOUT_MS,
      token: settings.EXIT_ENGINE_TOKEN ?? null,
      host: settings.EXIT_ENGINE_HOST,
      port: settings.EXIT_ENGINE_PORT,
    },
    botMaxSearches: settings.EXIT_BOT_MAX_SEARCHES,
    requestTimeoutMs: settings.EXIT_REQUEST_TIMEOUT_MS,
    engineThread: settings.EXIT_ENGINE_THREAD,
    discord: {
      token: settings.EXIT_DISCORD_TOKEN ?? null,
      applicationId: settings.EXIT_DISCORD_APPLICATION_ID ?? null,
      guildId: settings.EXIT_DISCORD_GUILD_ID ?? null,
      publicKey: settings.EXIT_DISCORD_PUBLIC_KEY?.toLowerCase() ?? null,
      mode: settings.EXIT_DISCORD_MODE,
      messageContent: settings.EXIT_DISCORD_MESSAGE_CONTENT === 'on',
      host: settings.EXIT_DISCORD_HOST,
      port: settings.EXIT_DISCORD_PORT,
      rateLimitPerMinute: settings.EXIT_DISCORD_RATE_LIMIT,
      guildRateLimitPerMinute: settings.EXIT_DISCORD_GUILD_RATE_LIMIT,
      allowedGuilds: parseIdList(settings.EXIT_DISCORD_ALLOWED_GUILDS),
      allowedChannels: parseIdList(settings.EXIT_DISCORD_ALLOWED_CHANNELS),
      apiUrl: settings.EXIT_DISCORD_API_URL ?? null,
    },
    modelsDir: settings.EXIT_MODELS_DIR ?? null,
    onnxProvider: settings.EXIT_ONNX_PROVIDER,
    ...textModelChoices(settings),
    health: { port: settings.EXIT_HEALTH_PORT ?? null, host: settings.EXIT_HEALTH_HOST },
    shutdownGraceMs: settings.EXIT_SHUTDOWN_GRACE_MS,
  };
}
