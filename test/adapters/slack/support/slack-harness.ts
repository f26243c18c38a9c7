import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { createSlackBot, type SlackBot } from '../../../../adapters/slack/app.js';
import type { ChartRenderer } from '../../../../bot/chart.js';
import { InProcessEngineClient, type Recommender } from '../../../../bot/engine-client.js';
import { ExitBot } from '../../../../bot/exit-bot.js';
import { ThreadStore } from '../../../../bot/thread-store.js';
import { createLogger, type Logger } from '../../../../core/logger.js';
import type { Store } from '../../../../data/store/connect.js';
import { TINY_PNG } from '../../../bot/support/result-fixture.js';
import type { FakeSlackApi } from './fake-slack-api.js';

export const BOT_TOKEN = 'xoxb-1111-2222-testtokenvalue';
export const SIGNING_SECRET = 'test-signing-secret-8f2a9c';

/** A chart renderer double: the real Chart.js renderer is not part of the bot core. */
export const PNG_CHARTS: ChartRenderer = {
  renderPartners: async () => ({
    fileName: 'partners.png',
    title: 'Partner valuations',
    altText: 'Valuations of the listed partners',
    mimeType: 'image/png',
    data: TINY_PNG,
  }),
  renderValuation: async () => ({
    fileName: 'valuation.png',
    title: 'Valuation',
    altText: 'Valuation breakdown',
    mimeType: 'image/png',
    data: TINY_PNG,
  }),
};

/** Every log line written while the harness runs, to check what reaches the log. */
export class LogCapture {
  readonly lines: string[] = [];
  readonly logger: Logger;

  constructor() {
    const lines = this.lines;
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    this.logger = createLogger({ level: 'debug', destination });
  }

  get text(): string {
    return this.lines.join('');
  }
}

export interface HarnessOptions {
  engine: Recommender;
  store: Store;
  fake: FakeSlackApi;
  logs: LogCapture;
  charts?: ChartRenderer | null;
  rateLimitPerMinute?: number;
  maxSearches?: number;
  /** Workspace limit and allow-lists; unset means 60 per workspace and no allow-lists. */
  access?: { teamRateLimitPerMinute?: number; allowedTeams?: string[]; allowedChannels?: string[] };
}

/** Starts the real Bolt app on 127.0.0.1 with its Web API client pointed at the fake Slack API. */
export async function startSlackHarness(
  options: HarnessOptions,
): Promise<{ slack: SlackBot; eventsUrl: string; server: Server }> {
  const bot = new ExitBot({
    engine: new InProcessEngineClient(options.engine),
    threads: new ThreadStore(options.store.db, options.logs.logger),
    logger: options.logs.logger,
    defaultTopK: 5,
    maxSearches: options.maxSearches ?? 4,
    charts: options.charts ?? null,
  });
  const slack = createSlackBot({
    settings: {
      mode: 'http',
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      host: '127.0.0.1',
      port: 0,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 5,
      ...options.access,
    },
    bot,
    logger: options.logs.logger,
    clientOptions: { slackApiUrl: options.fake.apiUrl, retryConfig: { retries: 0 } },
    progressIntervalMs: 60_000,
  });
  const { eventsUrl, server } = await slack.start();
  if (!eventsUrl || !server) throw new Error('HTTP mode should return the events URL and the server');
  return { slack, eventsUrl, server };
}
