import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ExitError } from './errors.js';

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
  EXIT_EF_SEARCH: z.coerce.number().int().min(10).max(4096).default(128),
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
  EXIT_SLACK_API_URL: z
    .string()
    .regex(/^https?:\/\/\S+\/$/)
    .optional(),
  // Chat bot core and the engine HTTP API (`exitbot serve engine`).
  EXIT_BOT_MAX_SEARCHES: z.coerce.number().int().min(1).max(64).default(4),
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
  EXIT_DISCORD_API_URL: z
    .string()
    .regex(/^https?:\/\/\S+\/api$/)
    .optional(),
  // Trained model artifacts (ONNX) and where they run.
  EXIT_MODELS_DIR: z.string().min(1).optional(),
  EXIT_ONNX_PROVIDER: z.enum(['cpu', 'cuda']).default('cpu'),
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
  slack: SlackConfig;
  engineApi: EngineApiConfig;
  /** Recommendation searches one bot process runs at once; further requests wait in a queue. */
  botMaxSearches: number;
  discord: DiscordConfig;
  /** Folder of trained model artifacts (`sasrec/` inside); null uses the package's models/artifacts. */
  modelsDir: string | null;
  /** ONNX Runtime execution provider; 'cuda' falls back to the CPU with a warning when unavailable. */
  onnxProvider: 'cpu' | 'cuda';
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
  if (name === 'EXIT_SLACK_BOT_TOKEN') return 'a Slack bot token starting with xoxb-';
  if (name === 'EXIT_SLACK_SIGNING_SECRET')
    return 'the Slack signing secret (at least 8 characters, no spaces)';
  if (name === 'EXIT_SLACK_APP_TOKEN') return 'a Slack app-level token starting with xapp-';
  if (name === 'EXIT_SLACK_PORT' || name === 'EXIT_ENGINE_PORT') return 'a TCP port from 1 to 65535';
  if (name === 'EXIT_SLACK_API_URL')
    return 'an http:// or https:// URL ending in /, for example https://slack-gov.com/api/';
  if (name === 'EXIT_SLACK_RATE_LIMIT') return 'commands per user per minute, an integer from 1 to 1000';
  if (name === 'EXIT_BOT_MAX_SEARCHES') return 'an integer from 1 to 64';
  if (name === 'EXIT_ENGINE_URL') return 'an http:// or https:// URL, for example http://gpu-host:8787';
  if (name === 'EXIT_ENGINE_TIMEOUT_MS') return 'milliseconds, an integer from 100 to 600000';
  if (name === 'EXIT_ENGINE_TOKEN') return 'a shared secret of at least 16 characters, no spaces';
  if (name === 'EXIT_DISCORD_TOKEN') return 'a Discord bot token: three dot-separated parts';
  if (name === 'EXIT_DISCORD_APPLICATION_ID' || name === 'EXIT_DISCORD_GUILD_ID')
    return 'a Discord id (snowflake), 17 to 20 digits';
  if (name === 'EXIT_DISCORD_PUBLIC_KEY') return "the application's public key, 64 hexadecimal characters";
  if (name === 'EXIT_DISCORD_PORT') return 'a TCP port from 1 to 65535';
  if (name === 'EXIT_DISCORD_RATE_LIMIT') return 'commands per user per minute, an integer from 1 to 1000';
  if (name === 'EXIT_DISCORD_API_URL')
    return 'an http:// or https:// URL ending in /api, for example https://discord.com/api';
  return 'a non-empty string';
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
    slack: {
      botToken: settings.EXIT_SLACK_BOT_TOKEN ?? null,
      signingSecret: settings.EXIT_SLACK_SIGNING_SECRET ?? null,
      appToken: settings.EXIT_SLACK_APP_TOKEN ?? null,
      mode: settings.EXIT_SLACK_MODE,
      host: settings.EXIT_SLACK_HOST,
      port: settings.EXIT_SLACK_PORT,
      rateLimitPerMinute: settings.EXIT_SLACK_RATE_LIMIT,
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
      apiUrl: settings.EXIT_DISCORD_API_URL ?? null,
    },
    modelsDir: settings.EXIT_MODELS_DIR ?? null,
    onnxProvider: settings.EXIT_ONNX_PROVIDER,
  };
}
