import type { Clock } from "../common/clock";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Admits or refuses work per key (an API key id, a client IP). The in-memory bucket below
 * is right for one process; several API replicas need one shared store (e.g. a PostgreSQL
 * or Redis implementation of this interface), or each replica grants the full rate.
 */
export interface RateLimiter {
  /** Takes `cost` tokens for `key`; when there are too few, takes nothing and says how long to wait. */
  take(key: string, cost?: number): RateDecision;
}

export const unlimited: RateLimiter = { take: () => ({ allowed: true }) };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token bucket: holds up to `capacity` tokens and refills `perSecond` of them each second.
 * Time comes from the injectable clock, so tests move it instead of sleeping. At most
 * `maxKeys` buckets are kept; the least recently used goes first (a forgotten key simply
 * starts full again, which is the state it would have refilled to).
 */
export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: {
      capacity: number;
      perSecond: number;
      clock: Clock;
      maxKeys?: number;
    },
  ) {
    if (!(options.capacity > 0 && options.perSecond > 0))
      throw new Error("A token bucket needs a positive capacity and rate");
  }

  take(key: string, cost = 1): RateDecision {
    const { capacity, perSecond, clock } = this.options;
    const now = clock.now().getTime();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perSecond);
    bucket.at = now;
    // Re-inserting keeps the map in least-recently-used order.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.evict();
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true };
    }
    // More than the bucket can ever hold waits for a full bucket, and is refused again then.
    const missing = Math.min(cost, capacity) - bucket.tokens;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / perSecond)) };
  }

  private evict(): void {
    const max = this.options.maxKeys ?? 100_000;
    while (this.buckets.size > max) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }
}

/** A limiter from configuration: a rate of 0 means no limit. */
export function tokenBucket(clock: Clock, perSecond: number, capacity: number): RateLimiter {
  return perSecond > 0 ? new TokenBucketLimiter({ capacity, perSecond, clock }) : unlimited;
}
