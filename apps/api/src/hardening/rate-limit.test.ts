import { describe, expect, it } from "vitest";
import { FixedClock } from "../common/clock";
import { TokenBucketLimiter, tokenBucket, unlimited } from "./rate-limit";

const start = new Date("2026-06-15T10:00:00.000Z");

describe("TokenBucketLimiter", () => {
  it("allows a burst of `capacity`, then refuses with the wait until a token is back", () => {
    const clock = new FixedClock(start);
    const limiter = new TokenBucketLimiter({ capacity: 3, perSecond: 0.5, clock });
    expect([1, 2, 3].map(() => limiter.take("k").allowed)).toEqual([true, true, true]);
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 2 });
    clock.advance(1000);
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1000);
    expect(limiter.take("k").allowed).toBe(true);
  });

  it("keeps keys apart", () => {
    const limiter = new TokenBucketLimiter({
      capacity: 1,
      perSecond: 1,
      clock: new FixedClock(start),
    });
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("charges a cost of several tokens at once, or none of them", () => {
    const clock = new FixedClock(start);
    const limiter = new TokenBucketLimiter({ capacity: 5, perSecond: 1, clock });
    expect(limiter.take("k", 4).allowed).toBe(true);
    expect(limiter.take("k", 2)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take("k", 1).allowed).toBe(true);
    // More than the bucket holds is never allowed.
    clock.advance(60_000);
    expect(limiter.take("k", 6).allowed).toBe(false);
  });

  it("never refills past capacity", () => {
    const clock = new FixedClock(start);
    const limiter = new TokenBucketLimiter({ capacity: 2, perSecond: 10, clock });
    clock.advance(3_600_000);
    expect([1, 2, 3].map(() => limiter.take("k").allowed)).toEqual([true, true, false]);
  });

  it("forgets the least recently used keys beyond maxKeys, which then start full", () => {
    const clock = new FixedClock(start);
    const limiter = new TokenBucketLimiter({ capacity: 1, perSecond: 0.001, clock, maxKeys: 2 });
    limiter.take("a");
    limiter.take("b");
    limiter.take("c"); // evicts a
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("c").allowed).toBe(false);
  });

  it("is off when configured with a rate of 0", () => {
    expect(tokenBucket(new FixedClock(start), 0, 10)).toBe(unlimited);
    expect(unlimited.take("k", 1e9).allowed).toBe(true);
  });
});
