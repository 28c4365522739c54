import { describe, expect, it } from "vitest";
import { reorderDue, usualReorderIntervalDays } from "./reorder";
import { at } from "./test-support/configs";

/** Orders on the given days of 2026 (day 1 = Jan 1), at noon UTC. */
const days = (...d: number[]) => d.map((n) => new Date(Date.UTC(2026, 0, n, 12)));

describe("usualReorderIntervalDays", () => {
  it("is the median gap between consecutive order days", () => {
    // gaps 10, 30, 12 → median 12: one long gap does not move it
    expect(usualReorderIntervalDays(days(1, 11, 41, 53))).toBe(12);
  });

  it("averages the two middle gaps when there is an even number, rounding half up", () => {
    // gaps 10, 13, 20, 30 → (13 + 20) / 2 = 16.5 → 17
    expect(usualReorderIntervalDays(days(1, 11, 24, 44, 74))).toBe(17);
  });

  it("counts several orders on one day once and ignores the order of the input", () => {
    const sameDay = [at("2026-01-11T08:00:00Z"), at("2026-01-11T20:00:00Z")];
    expect(usualReorderIntervalDays([...days(21), ...sameDay, ...days(1)])).toBe(10);
  });

  it("is null with fewer than three order days", () => {
    expect(usualReorderIntervalDays([])).toBeNull();
    expect(usualReorderIntervalDays(days(1, 11))).toBeNull();
    expect(usualReorderIntervalDays([...days(1, 1, 1), ...days(5)])).toBeNull();
  });
});

describe("reorderDue", () => {
  const history = days(1, 11, 21); // every 10 days, last on Jan 21

  it("is due once the usual interval has passed since the last order", () => {
    expect(reorderDue(history, at("2026-01-30T09:00:00Z"))).toEqual({
      due: false,
      intervalDays: 10,
      daysSinceLast: 9,
      overdueDays: null,
    });
    expect(reorderDue(history, at("2026-01-31T09:00:00Z"))).toEqual({
      due: true,
      intervalDays: 10,
      daysSinceLast: 10,
      overdueDays: 0,
    });
    expect(reorderDue(history, at("2026-02-04T23:00:00Z")).overdueDays).toBe(4);
  });

  it("waits longer with a slack factor, rounding the threshold up to whole days", () => {
    expect(reorderDue(history, at("2026-02-05T00:00:00Z"), 1.5)).toMatchObject({
      due: true,
      overdueDays: 0,
    });
    expect(reorderDue(history, at("2026-02-04T00:00:00Z"), 1.5).due).toBe(false);
    expect(reorderDue(history, at("2026-02-04T00:00:00Z"), 1.41).due).toBe(false); // 14.1 → 15 days
  });

  it("is never due without a usual interval", () => {
    expect(reorderDue(days(1, 11), at("2026-12-31T00:00:00Z"))).toEqual({
      due: false,
      intervalDays: null,
      daysSinceLast: 354,
      overdueDays: null,
    });
    expect(reorderDue([], at("2026-12-31T00:00:00Z"))).toEqual({
      due: false,
      intervalDays: null,
      daysSinceLast: null,
      overdueDays: null,
    });
  });
});
