import { describe, expect, it } from "vitest";
import type { Tier } from "./program";
import { at } from "./test-support/configs";
import {
  nextEvaluationAt,
  qualificationWindowStart,
  qualifyingTier,
  tierAfterEarning,
  tierAtPeriodEnd,
  type TierOverride,
  tierProgress,
} from "./tiers";

const tier = (code: string, threshold: number, earnMultiplier = 1): Tier => ({
  code,
  name: code[0]!.toUpperCase() + code.slice(1),
  threshold,
  earnMultiplier,
  perks: [],
});
const TIERS = [
  tier("bronze", 0),
  tier("silver", 500, 1.25),
  tier("gold", 1000, 1.5),
  tier("platinum", 2000, 2),
];
const codeOf = (value: number) => qualifyingTier(TIERS, value).code;

describe("qualifyingTier", () => {
  it("is the highest tier whose threshold the value reaches", () => {
    expect([0, 499, 500, 999, 1000, 1_000_000].map(codeOf)).toEqual([
      "bronze",
      "bronze",
      "silver",
      "silver",
      "gold",
      "platinum",
    ]);
  });

  it("is the first tier when the value reaches none", () => {
    expect(qualifyingTier([tier("silver", 500), tier("gold", 1000)], 10).code).toBe("silver");
  });
});

describe("qualification windows", () => {
  it("starts a rolling window the given months before now, clamped to month end", () => {
    expect(
      qualificationWindowStart({ kind: "rolling", months: 12 }, at("2026-03-15T10:00:00Z")),
    ).toEqual(at("2025-03-15T10:00:00Z"));
    expect(
      qualificationWindowStart({ kind: "rolling", months: 1 }, at("2026-03-31T10:00:00Z")),
    ).toEqual(at("2026-02-28T10:00:00Z"));
  });

  it("starts a calendar-year window on Jan 1 UTC", () => {
    expect(qualificationWindowStart({ kind: "calendar_year" }, at("2026-07-04T18:00:00Z"))).toEqual(
      at("2026-01-01T00:00:00Z"),
    );
  });

  it("evaluates downgrades on the next Jan 1 for calendar years, monthly for rolling windows", () => {
    expect(nextEvaluationAt({ kind: "calendar_year" }, at("2026-07-04T18:00:00Z"))).toEqual(
      at("2027-01-01T00:00:00Z"),
    );
    expect(nextEvaluationAt({ kind: "rolling", months: 12 }, at("2026-03-15T10:00:00Z"))).toEqual(
      at("2026-04-01T00:00:00Z"),
    );
    expect(nextEvaluationAt({ kind: "rolling", months: 12 }, at("2026-12-31T23:59:00Z"))).toEqual(
      at("2027-01-01T00:00:00Z"),
    );
  });
});

describe("tierProgress", () => {
  it("shows what is left to the next tier and how far along the customer is", () => {
    expect(tierProgress(TIERS, "silver", 750)).toMatchObject({
      current: { code: "silver" },
      next: { code: "gold" },
      remainingToNext: 250,
      percentToNext: 75,
    });
  });

  it("has no next tier at the top", () => {
    expect(tierProgress(TIERS, "platinum", 5000)).toMatchObject({
      next: null,
      remainingToNext: null,
      percentToNext: null,
    });
  });

  it("starts from the qualifying tier for a customer without a tier", () => {
    expect(tierProgress(TIERS, null, 1200)).toMatchObject({
      current: { code: "gold" },
      remainingToNext: 800,
      percentToNext: 60,
    });
  });

  it("counts from the tier held even when the value is below it, and stops at 100%", () => {
    expect(tierProgress(TIERS, "gold", 300)).toMatchObject({
      next: { code: "platinum" },
      remainingToNext: 1700,
      percentToNext: 15,
    });
    expect(tierProgress(TIERS, "bronze", 600)).toMatchObject({
      remainingToNext: 0,
      percentToNext: 100,
    });
    expect(tierProgress(TIERS, "bronze", 499)).toMatchObject({
      remainingToNext: 1,
      percentToNext: 99,
    });
  });
});

describe("tierAfterEarning", () => {
  it("upgrades at once when the value reaches a higher tier", () => {
    expect(tierAfterEarning(TIERS, "silver", 1200)).toEqual({
      tierCode: "gold",
      changed: true,
      direction: "up",
    });
  });

  it("never downgrades between period ends", () => {
    expect(tierAfterEarning(TIERS, "gold", 100)).toEqual({
      tierCode: "gold",
      changed: false,
      direction: null,
    });
    expect(tierAfterEarning(TIERS, "silver", 700)).toEqual({
      tierCode: "silver",
      changed: false,
      direction: null,
    });
  });

  it("places a customer without a tier in the qualifying one", () => {
    expect(tierAfterEarning(TIERS, null, 0)).toEqual({
      tierCode: "bronze",
      changed: true,
      direction: "up",
    });
    expect(tierAfterEarning(TIERS, "removed", 600)).toEqual({
      tierCode: "silver",
      changed: true,
      direction: "up",
    });
  });
});

describe("tierAtPeriodEnd", () => {
  const now = at("2027-01-01T00:00:00Z");
  const end = (
    currentCode: string | null,
    value: number,
    policy: "drop_one" | "reevaluate",
    override: TierOverride | null = null,
  ) => tierAtPeriodEnd(TIERS, { currentCode, value, policy, override, now });

  it("drops a Platinum member one tier only under drop_one when their points fell to Bronze", () => {
    expect(end("platinum", 100, "drop_one")).toMatchObject({
      tierCode: "gold",
      changed: true,
      direction: "down",
      heldByOverride: false,
    });
    expect(end("platinum", 100, "drop_one").explanation).toContain("goes down one tier only");
  });

  it("sends the member straight to the qualifying tier under reevaluate", () => {
    expect(end("platinum", 100, "reevaluate")).toMatchObject({
      tierCode: "bronze",
      changed: true,
      direction: "down",
    });
  });

  it("never drops below the qualifying tier and keeps a member who still qualifies", () => {
    expect(end("gold", 700, "drop_one")).toMatchObject({ tierCode: "silver", direction: "down" });
    expect(end("gold", 1500, "drop_one")).toMatchObject({
      tierCode: "gold",
      changed: false,
      direction: null,
    });
    expect(end("gold", 1500, "reevaluate").explanation).toContain("stays at Gold");
  });

  it("moves up when the value qualifies for a higher tier", () => {
    expect(end("silver", 2500, "drop_one")).toMatchObject({
      tierCode: "platinum",
      changed: true,
      direction: "up",
    });
  });

  it("holds the override tier while the override is active, and says so", () => {
    const override = {
      tierCode: "gold",
      until: at("2027-06-30T00:00:00Z"),
      reason: "VIP complaint",
    };
    const r = end("gold", 100, "reevaluate", override);
    expect(r).toMatchObject({
      tierCode: "gold",
      changed: false,
      direction: null,
      heldByOverride: true,
    });
    expect(r.explanation).toContain(
      "held at Gold by a manual override to Gold until 2027-06-30 (VIP complaint)",
    );
  });

  it("goes to the qualifying tier when it is above the override, and mentions the override", () => {
    const override = { tierCode: "silver", until: at("2027-06-30T00:00:00Z"), reason: "Goodwill" };
    const r = end("silver", 2500, "drop_one", override);
    expect(r).toMatchObject({ tierCode: "platinum", direction: "up", heldByOverride: false });
    expect(r.explanation).toContain(
      "manual override to Silver until 2027-06-30 (Goodwill) is not above the qualifying tier",
    );
  });

  it("no longer holds once the override has ended", () => {
    const override = { tierCode: "platinum", until: now, reason: "Launch partner" };
    const r = end("platinum", 100, "reevaluate", override);
    expect(r).toMatchObject({ tierCode: "bronze", direction: "down", heldByOverride: false });
    expect(r.explanation).toContain("the manual override to platinum ended 2027-01-01");
  });

  it("ignores, out loud, an override to a tier the program no longer has", () => {
    const override = { tierCode: "diamond", until: at("2027-06-30T00:00:00Z"), reason: "Old tier" };
    const r = end("gold", 100, "drop_one", override);
    expect(r).toMatchObject({ tierCode: "silver", heldByOverride: false });
    expect(r.explanation).toContain('"diamond" is not in this program');
  });
});
