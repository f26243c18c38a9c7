import { LRUCache } from 'lru-cache';

/**
 * Remembers recently handled Slack deliveries by event id, so a retry (`X-Slack-Retry-Num`, sent
 * when our acknowledgement was slow or lost) is acknowledged but not processed a second time.
 * NOTE: the memory is per process; a retry that reaches a restarted process is answered again.
 */
export class RecentDeliveries {
  private readonly seen: LRUCache<string, true>;

  constructor(max = 10_000, ttlMs = 60 * 60_000) {
    this.seen = new LRUCache({ max, ttl: ttlMs });
  }

  /** Records the id; returns false when it was already recorded. */
  claim(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.set(id, true);
    return true;
  }
}
