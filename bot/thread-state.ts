import type { Partner, RecommendRequest, RecommendResult } from '../engine/types.js';

/** Identifies a result thread: the platform, the channel and the thread (Slack: the parent message ts). */
export interface ThreadKey {
  platform: string;
  channelId: string;
  threadId: string;
}

/**
 * What a thread remembers: the search request, its full result and what the user has seen and
 * excluded. The result contains more partners than one page, so "more" and "exclude N" need no new
 * search.
 */
export interface ThreadState {
  key: ThreadKey;
  userId: string;
  request: RecommendRequest;
  result: RecommendResult;
  /** Partners per page: the K the user asked for. */
  displayCount: number;
  /** Partners revealed so far, counted over the partners that are not excluded. */
  shownCount: number;
  excludedIds: number[];
  createdAt: string;
  updatedAt: string;
}

export function threadKeyText(key: ThreadKey): string {
  return `${key.platform}:${key.channelId}:${key.threadId}`;
}

/** Partners in rank order, without the excluded ones. */
export function remainingPartners(state: ThreadState): Partner[] {
  const excluded = new Set(state.excludedIds);
  return state.result.partners.filter((partner) => !excluded.has(partner.id));
}

/** Returns the partners revealed so far, for the list shown after an exclusion. */
export function visiblePartners(state: ThreadState): Partner[] {
  return remainingPartners(state).slice(0, state.shownCount);
}

/** Returns the partners of the latest page: the first page, or the ones the last "more" revealed. */
export function latestPage(state: ThreadState): Partner[] {
  const visible = visiblePartners(state);
  const start = Math.max(0, Math.ceil(visible.length / state.displayCount) - 1) * state.displayCount;
  return visible.slice(start);
}

export type PartnerLookup =
  | { ok: true; partner: Partner }
  | { ok: false; reason: 'missing' | 'excluded'; ranks: number[] };

/** Finds partner #rank in the stored result; excluded partners are reported as such. */
export function findPartner(state: ThreadState, rank: number): PartnerLookup {
  const partner = state.result.partners.find((candidate) => candidate.rank === rank);
  const ranks = remainingPartners(state).map((candidate) => candidate.rank);
  if (!partner) return { ok: false, reason: 'missing', ranks };
  if (state.excludedIds.includes(partner.id)) return { ok: false, reason: 'excluded', ranks };
  return { ok: true, partner };
}

/** Reveals the next page. Returns the new partners, empty when the result has no more. */
export function revealMore(state: ThreadState): { state: ThreadState; added: Partner[] } {
  const remaining = remainingPartners(state);
  const shownCount = Math.min(remaining.length, state.shownCount + state.displayCount);
  const added = remaining.slice(state.shownCount, shownCount);
  return { state: { ...state, shownCount }, added };
}

/** Excludes one partner; the list keeps its length by revealing the next one when there is one. */
export function excludePartner(state: ThreadState, partner: Partner): ThreadState {
  if (state.excludedIds.includes(partner.id)) return state;
  return { ...state, excludedIds: [...state.excludedIds, partner.id] };
}

/** Describes a list of ranks compactly, e.g. "#1-#5, #7". */
export function describeRanks(ranks: readonly number[]): string {
  const parts: string[] = [];
  let start = ranks[0];
  let previous = start;
  for (const rank of [...ranks.slice(1), Number.NaN]) {
    if (start === undefined || previous === undefined) break;
    if (rank === previous + 1) {
      previous = rank;
      continue;
    }
    parts.push(start === previous ? `#${start}` : `#${start}-#${previous}`);
    start = rank;
    previous = rank;
  }
  return parts.join(', ');
}
