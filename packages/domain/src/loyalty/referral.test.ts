import { describe, expect, it } from "vitest";
import { referralReward } from "./referral";
import { config } from "./test-support/configs";

const program = config("referral", {
  referrerPoints: 100,
  refereePoints: 50,
  minimumOrderMinor: 2_000,
  maxPerReferrer: 3,
});
const reward = (over: Partial<Parameters<typeof referralReward>[1]> = {}) =>
  referralReward(program, {
    isRefereeFirstQualifyingOrder: true,
    orderNetMinor: 2_500,
    referrerRewardedCount: 0,
    ...over,
  });

describe("referralReward", () => {
  it("rewards both referrer and referee on the referee's first qualifying order", () => {
    expect(reward()).toEqual({
      referrerPoints: 100,
      refereePoints: 50,
      explanation: "Referee: 50 pts; referrer: 100 pts",
    });
    expect(reward({ orderNetMinor: 2_000 })).toMatchObject({
      referrerPoints: 100,
      refereePoints: 50,
    });
  });

  it("rewards nothing for orders after the first qualifying one", () => {
    const r = reward({ isRefereeFirstQualifyingOrder: false });
    expect(r).toMatchObject({ referrerPoints: 0, refereePoints: 0 });
    expect(r.explanation).toContain("first qualifying order");
  });

  it("rewards nothing yet for an order below the minimum", () => {
    const r = reward({ orderNetMinor: 1_999 });
    expect(r).toMatchObject({ referrerPoints: 0, refereePoints: 0 });
    expect(r.explanation).toContain("below the minimum");
    expect(r.explanation).toContain("no referral reward yet");
    expect(r.explanation).toContain("first qualifying order");
  });

  it("rewards a qualifying order that follows orders below the minimum", () => {
    // The caller counts only earlier *qualifying* orders: small ones do not use up the reward.
    expect(reward({ isRefereeFirstQualifyingOrder: true, orderNetMinor: 2_000 })).toMatchObject({
      referrerPoints: 100,
      refereePoints: 50,
    });
  });

  it("stops rewarding the referrer at the limit but still rewards the referee", () => {
    expect(reward({ referrerRewardedCount: 2 }).referrerPoints).toBe(100);
    const r = reward({ referrerRewardedCount: 3 });
    expect(r).toMatchObject({ referrerPoints: 0, refereePoints: 50 });
    expect(r.explanation).toContain("limit 3");
  });

  it("has no limit when maxPerReferrer is not set", () => {
    const unlimited = config("referral", { referrerPoints: 10, refereePoints: 0 });
    expect(
      referralReward(unlimited, {
        isRefereeFirstQualifyingOrder: true,
        orderNetMinor: 1,
        referrerRewardedCount: 1_000,
      }),
    ).toMatchObject({ referrerPoints: 10, refereePoints: 0 });
  });
});
