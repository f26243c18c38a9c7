import { DEFAULT_REQUEST_TIMEOUT_MS } from '../core/config.js';
import { isExitError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RecommendRequest } from '../engine/types.js';
import type { ChartRenderer } from './chart.js';
import type { EngineClient } from './engine-client.js';
import { type Command, MAX_TOP_K, parseCommand } from './grammar.js';
import { errorReply, helpReply, workingReply } from './messages.js';
import type { Reply, ReplyImage } from './reply.js';
import { SearchQueue } from './search-queue.js';
import { ThreadConversation } from './thread-conversation.js';
import { latestPage, type ThreadKey, type ThreadState } from './thread-state.js';
import type { ThreadStore } from './thread-store.js';
import { resultListReply } from './views/result-list.js';

export type RecommendCommand = Extract<Command, { kind: 'recommend' }>;

export interface ExitBotOptions {
  engine: EngineClient;
  threads: ThreadStore;
  logger: Logger;
  /** K when the user gives none. */
  defaultTopK: number;
  /** Searches run at once; more wait in a queue. */
  maxSearches: number;
  /** Renders valuation charts; without one, replies carry no images. */
  charts?: ChartRenderer | null;
  /**
   * Pages fetched per search: the engine is asked for K times this many partners (at most 50), so
   * "more" and "exclude N" need no new search.
   */
  pagesPerSearch?: number;
  /**
   * Time one search may run once it leaves the queue, in milliseconds (EXIT_REQUEST_TIMEOUT_MS);
   * DEFAULT_REQUEST_TIMEOUT_MS when unset. A longer search fails with REQUEST_TIMEOUT.
   */
  requestTimeoutMs?: number;
}

/** Request context: the thread, the user and the logger carrying the request id. */
export interface ConversationContext {
  thread: ThreadKey;
  userId: string;
  requestId: string;
  logger: Logger;
}

/** Plan for an `/exit` command: reply at once (help, invalid input) or run a search. */
export type CommandPlan =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'search'; command: RecommendCommand; request: RecommendRequest; displayCount: number };

/**
 * The platform-neutral conversation core. Adapters turn platform events into calls here and render
 * the returned replies: `planCommand` and `search` for `/exit`, `followUp` for thread messages and
 * `action` for buttons.
 */
export class ExitBot {
  private readonly queue: SearchQueue;
  private readonly conversation: ThreadConversation;
  private readonly pagesPerSearch: number;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: ExitBotOptions) {
    this.queue = new SearchQueue(options.maxSearches);
    this.pagesPerSearch = options.pagesPerSearch ?? 3;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.conversation = new ThreadConversation(options.threads, options.charts ?? null);
  }

  /** Searches waiting for a free slot. */
  get pendingSearches(): number {
    return this.queue.pending;
  }

  /** Parses the command text. Invalid input becomes an error reply, never an exception. */
  planCommand(text: string): CommandPlan {
    let command: Command;
    try {
      command = parseCommand(text);
    } catch (error) {
      if (isExitError(error) && error.isUserError) return { kind: 'reply', reply: errorReply(error, '') };
      throw error;
    }
    if (command.kind === 'help') return { kind: 'reply', reply: helpReply() };
    const displayCount = command.topK ?? this.options.defaultTopK;
    const request: RecommendRequest = {
      company: command.company,
      topK: Math.min(MAX_TOP_K, displayCount * this.pagesPerSearch),
      ...(command.sector ? { sector: command.sector.code } : {}),
      ...(command.valuationFilter !== null ? { valuationFilter: command.valuationFilter } : {}),
    };
    return { kind: 'search', command, request, displayCount };
  }

  /** Builds the placeholder posted while a search runs; `position` is the place in the queue, if waiting. */
  workingReply(plan: Extract<CommandPlan, { kind: 'search' }>, position: number | null = null): Reply {
    return workingReply(plan.command.company, plan.command.sector?.code ?? null, position);
  }

  /**
   * Runs the search, stores the thread state and returns the first page with its chart. Failures
   * come back as one-line error replies; the log gets the detail under the request id. The time
   * limit starts when the search leaves the queue, so waiting for a slot does not use it up.
   */
  async search(
    context: ConversationContext,
    plan: Extract<CommandPlan, { kind: 'search' }>,
    onQueued?: (position: number) => void,
  ): Promise<Reply> {
    const { logger } = context;
    const started = performance.now();
    let result: Awaited<ReturnType<EngineClient['recommend']>>;
    try {
      result = await this.queue.run(
        () =>
          this.options.engine.recommend(plan.request, {
            requestId: context.requestId,
            deadlineMs: Date.now() + this.requestTimeoutMs,
            timeLimitMs: this.requestTimeoutMs,
          }),
        onQueued,
      );
    } catch (error) {
      if (isExitError(error) && error.isUserError) {
        logger.info({ code: error.code }, 'Search rejected the input');
      } else if (isExitError(error) && error.code === 'REQUEST_TIMEOUT') {
        logger.warn({ code: error.code, ...error.details }, 'Search timed out');
      } else {
        logger.error({ err: error }, 'Search failed');
      }
      return errorReply(error, context.requestId, plan.command);
    }
    const now = new Date().toISOString();
    const state: ThreadState = {
      key: context.thread,
      userId: context.userId,
      request: plan.request,
      result,
      displayCount: plan.displayCount,
      shownCount: Math.min(plan.displayCount, result.partners.length),
      excludedIds: [],
      createdAt: now,
      updatedAt: now,
    };
    const page = latestPage(state);
    const reply = resultListReply(state, page);
    try {
      await this.options.threads.create(state);
    } catch (error) {
      logger.error(
        { err: error },
        'Saving the thread state failed; follow-ups in this thread will not be answered',
      );
      reply.notes.push(
        `EXIT could not save this result, so questions in this thread cannot be answered (reference ${context.requestId}).`,
      );
    }
    const chart = await this.renderChart(logger, () => this.options.charts?.renderPartners(result, page));
    if (chart) reply.images.push(chart);
    logger.info(
      { partners: result.partners.length, shown: page.length, ms: Math.round(performance.now() - started) },
      'Search answered',
    );
    return reply;
  }

  /** True when the thread contains an EXIT result, so its messages are follow-ups. */
  async isResultThread(thread: ThreadKey): Promise<boolean> {
    return (await this.options.threads.get(thread)) !== undefined;
  }

  /**
   * Replies to a message typed in a thread. Returns null when the thread contains no EXIT result,
   * or when the message was not understood and the thread got the list of supported questions recently.
   */
  async followUp(context: ConversationContext, text: string): Promise<Reply | null> {
    return this.guard(context, () => this.conversation.followUp(context, text));
  }

  /** Answers a button press (details, patents, valuation, exclude, more) in a result thread. */
  async action(
    context: ConversationContext,
    kind: 'details' | 'patents' | 'valuation' | 'exclude' | 'more',
    value: string,
  ): Promise<Reply | null> {
    return this.guard(context, () => this.conversation.action(context, kind, value));
  }

  private async guard(
    context: ConversationContext,
    answer: () => Promise<Reply | null>,
  ): Promise<Reply | null> {
    try {
      return await answer();
    } catch (error) {
      context.logger.error({ err: error }, 'Replying in the thread failed');
      return errorReply(error, context.requestId);
    }
  }

  private async renderChart(
    logger: Logger,
    render: () => Promise<ReplyImage | null> | undefined,
  ): Promise<ReplyImage | null> {
    try {
      return (await render()) ?? null;
    } catch (error) {
      logger.warn({ err: error }, 'Chart rendering failed; replying without the chart');
      return null;
    }
  }
}
