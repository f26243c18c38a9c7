import type { ExitBot } from '../../../bot/exit-bot.js';
import type { RateLimiter } from '../../../bot/rate-limit.js';
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
  deliveries: RecentDeliveries;
  progressIntervalMs: number;
}

/** Rate-limit key: users are only unique within a workspace. */
export function userKey(teamId: string | undefined, userId: string): string {
  return `${teamId ?? '-'}:${userId}`;
}
