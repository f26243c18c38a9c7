import { LRUCache } from 'lru-cache';
import type { Logger } from '../core/logger.js';
import type { Partner } from '../engine/types.js';
import type { ChartRenderer } from './chart.js';
import { type FollowUp, parseFollowUp } from './follow-up.js';
import { followUpHelpReply } from './messages.js';
import { type Reply, simpleReply } from './reply.js';
import {
  describeRanks,
  excludePartner,
  findPartner,
  remainingPartners,
  revealMore,
  type ThreadKey,
  type ThreadState,
  threadKeyText,
  visiblePartners,
} from './thread-state.js';
import type { ThreadStore } from './thread-store.js';
import { compareReply } from './views/compare.js';
import { detailsReply, patentsReply, whyReply } from './views/partner.js';
import { resultListReply } from './views/result-list.js';
import { valuationReply } from './views/valuation.js';

/** A thread gets the list of supported questions at most once in this many milliseconds, so side talk is not flooded. */
const UNKNOWN_HELP_INTERVAL_MS = 10 * 60_000;

function isPartner(value: Partner | Reply): value is Partner {
  return 'hitCount' in value;
}

interface Context {
  thread: ThreadKey;
  logger: Logger;
}

/**
 * Follow-up questions and button presses in a result thread, replied to from the stored result.
 * Messages in one thread are processed one at a time, so "exclude 2" and "more" sent together both
 * land in the stored state.
 */
export class ThreadConversation {
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly helpSentAt = new LRUCache<string, number>({ max: 10_000 });

  constructor(
    private readonly threads: ThreadStore,
    private readonly charts: ChartRenderer | null,
  ) {}

  async followUp(context: Context, text: string): Promise<Reply | null> {
    return this.serially(context.thread, async () => {
      const state = await this.threads.get(context.thread);
      if (!state) return null;
      const question = parseFollowUp(text);
      context.logger.info({ followUp: question.kind }, 'Follow-up received');
      return this.answer(context, state, question);
    });
  }

  async action(
    context: Context,
    kind: 'details' | 'patents' | 'valuation' | 'exclude' | 'more',
    value: string,
  ): Promise<Reply | null> {
    return this.serially(context.thread, async () => {
      const state = await this.threads.get(context.thread);
      if (!state)
        return simpleReply('error', 'This result is no longer stored. Run /exit again to search anew.');
      if (kind === 'more') return this.answer(context, state, { kind: 'more' });
      const rank = Number(value);
      if (!Number.isInteger(rank))
        return simpleReply('error', 'That button is out of date. Run /exit again to search anew.');
      return this.answer(context, state, { kind, rank });
    });
  }

  private async answer(context: Context, state: ThreadState, question: FollowUp): Promise<Reply | null> {
    const ranks = describeRanks(remainingPartners(state).map((partner) => partner.rank));
    switch (question.kind) {
      case 'more':
        return this.more(state);
      case 'list':
        return resultListReply(state, visiblePartners(state));
      case 'help':
        return followUpHelpReply(ranks);
      case 'unknown': {
        const id = threadKeyText(state.key);
        const last = this.helpSentAt.get(id);
        if (last !== undefined && Date.now() - last < UNKNOWN_HELP_INTERVAL_MS) return null;
        this.helpSentAt.set(id, Date.now());
        return followUpHelpReply(ranks);
      }
      case 'compare_incomplete':
        return simpleReply(
          'error',
          `Name two partners to compare, for example "compare 1 and 3". This result lists ${ranks}.`,
        );
      case 'compare': {
        const [a, b] = question.ranks;
        if (a === b)
          return simpleReply('error', `Name two different partners to compare. This result lists ${ranks}.`);
        const first = this.partnerOrReply(state, a, ranks);
        if (!isPartner(first)) return first;
        const second = this.partnerOrReply(state, b, ranks);
        if (!isPartner(second)) return second;
        return compareReply(state.result, first, second);
      }
      default: {
        const partner = this.partnerOrReply(state, question.rank, ranks);
        if (!isPartner(partner)) return partner;
        if (question.kind === 'details') return detailsReply(state.result, partner);
        if (question.kind === 'patents') return patentsReply(state.result, partner);
        if (question.kind === 'why') return whyReply(state.result, partner);
        if (question.kind === 'valuation') return this.valuation(context, state, partner);
        return this.exclude(state, partner);
      }
    }
  }

  private partnerOrReply(state: ThreadState, rank: number, ranks: string): Partner | Reply {
    const found = findPartner(state, rank);
    if (found.ok) return found.partner;
    if (found.reason === 'excluded')
      return simpleReply('error', `#${rank} was excluded in this thread. This result lists ${ranks}.`);
    return simpleReply('error', `There is no #${rank} in this result. It lists ${ranks || 'no partners'}.`);
  }

  private async more(state: ThreadState): Promise<Reply> {
    const { state: next, added } = revealMore(state);
    if (added.length === 0) {
      return simpleReply(
        'info',
        `No more partners in this result (all ${remainingPartners(state).length} are shown). For more, run /exit again with a larger top K (up to 50) or without the sector.`,
      );
    }
    const saved = await this.threads.update(next);
    return resultListReply(saved, added);
  }

  private async exclude(state: ThreadState, partner: Partner): Promise<Reply> {
    const saved = await this.threads.update(excludePartner(state, partner));
    return resultListReply(
      saved,
      visiblePartners(saved),
      `Excluded #${partner.rank} ${partner.name} from this thread.`,
    );
  }

  private async valuation(context: Context, state: ThreadState, partner: Partner): Promise<Reply> {
    let chart = null;
    try {
      chart = (await this.charts?.renderValuation(state.result, partner)) ?? null;
    } catch (error) {
      context.logger.warn(
        { err: error, rank: partner.rank },
        'Valuation chart rendering failed; answering without the chart',
      );
    }
    return valuationReply(state.result, partner, chart);
  }

  /** Runs `task` after every earlier task for the same thread has finished. */
  private async serially<T>(thread: ThreadKey, task: () => Promise<T>): Promise<T> {
    const id = threadKeyText(thread);
    const previous = this.locks.get(id) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(task);
    this.locks.set(id, current);
    try {
      return await current;
    } finally {
      if (this.locks.get(id) === current) this.locks.delete(id);
    }
  }
}
