import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./retry";

const opts = { baseMs: 30_000, maxMs: 6 * 3600_000 };

describe("webhook retry delays", () => {
  it("doubles after each failure, between half and all of the step", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, opts, () => 0))).toEqual([
      15_000, 30_000, 60_000, 120_000,
    ]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, opts, () => 1))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
  });

  it("never waits longer than the cap, however many attempts failed", () => {
    expect(retryDelayMs(40, opts, () => 1)).toBe(6 * 3600_000);
    expect(retryDelayMs(40, opts, () => 0)).toBe(3 * 3600_000);
  });
});
