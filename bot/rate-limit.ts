import { LRUCache } from 'lru-cache';

/**
 * A token bucket per key (a user, or a whole workspace): `perMinute` requests, refilled evenly over
 * a minute. Buckets live in an LRU cache, so memory stays bounded however many keys there are; an
 * evicted key starts full.
 */
export class RateLimiter {
  private readonly buckets: LRUCache<string, { tokens: number; at: number }>;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    maxUsers = 10_000,
  ) {
    this.buckets = new LRUCache({ max: maxUsers });
  }

  /**
   * Takes one request from the user's bucket. Returns 0 when allowed, otherwise the seconds until
   * the next request is allowed.
   */
  take(userKey: string): number {
    const now = this.now();
    const refillPerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(userKey) ?? { tokens: this.perMinute, at: now };
    const tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * refillPerMs);
    if (tokens >= 1) {
      this.buckets.set(userKey, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.buckets.set(userKey, { tokens, at: now });
    return Math.ceil((1 - tokens) / refillPerMs / 1000);
  }

  /**
   * Gives back the request taken last, when a later check rejected it, so a request that was not
   * served does not count against this bucket.
   */
  refund(userKey: string): void {
    const bucket = this.buckets.get(userKey);
    if (bucket) this.buckets.set(userKey, { ...bucket, tokens: Math.min(this.perMinute, bucket.tokens + 1) });
  }
}
