import type { AccessPolicy } from '../../../bot/access-policy.js';
import type { ExitBot } from '../../../bot/exit-bot.js';
import { rateLimitedReply, workspaceRateLimitedReply } from '../../../bot/messages.js';
import type { RateLimiter } from '../../../bot/rate-limit.js';
import type { Reply } from '../../../bot/reply.js';
import type { Logger } from '../../../core/logger.js';
import type { RecentDeliveries } from '../deliveries.js';

/** Dependencies every Slack listener shares. */
export interface SlackHandlerContext {
  bot: ExitBot;
  logger: Logger;
  /** `/exit` searches and "pick" buttons, per user. */
  searchLimiter: RateLimiter;
  /** Follow-up messages and buttons, per user. */
  followUpLimiter: RateLimiter;
  /** `/exit` searches and "pick" buttons, per workspace. */
  teamLimiter: RateLimiter;
  /** The allowed workspaces and channels. */
  access: AccessPolicy;
  deliveries: RecentDeliveries;
  progressIntervalMs: number;
}

/** Rate-limit key: users are only unique within a workspace. */
export function userKey(teamId: string | undefined, userId: string): string {
  return `${teamId ?? '-'}:${userId}`;
}

/**
 * Takes one search from the user's and the workspace's budgets. Returns null when both allow it,
 * otherwise the reply to send and the seconds to wait. A search the workspace limit rejects is not
 * counted against the user.
 */
export function takeSearch(
  context: SlackHandlerContext,
  teamId: string | undefined,
  userId: string,
): { reply: Reply; retryAfterSeconds: number; limit: 'user' | 'workspace' } | null {
  const key = userKey(teamId, userId);
  const userWait = context.searchLimiter.take(key);
  if (userWait > 0) return { reply: rateLimitedReply(userWait), retryAfterSeconds: userWait, limit: 'user' };
  const teamWait = context.teamLimiter.take(teamId ?? '-');
  if (teamWait === 0) return null;
  context.searchLimiter.refund(key);
  return {
    reply: workspaceRateLimitedReply(teamWait, 'workspace'),
    retryAfterSeconds: teamWait,
    limit: 'workspace',
  };
}

/** Takes one follow-up message or result button from the user's budget; null when allowed. */
export function followUpLimit(
  context: SlackHandlerContext,
  teamId: string | undefined,
  userId: string,
): { reply: Reply; retryAfterSeconds: number; limit: 'user' } | null {
  const wait = context.followUpLimiter.take(userKey(teamId, userId));
  return wait > 0 ? { reply: rateLimitedReply(wait), retryAfterSeconds: wait, limit: 'user' } : null;
}
