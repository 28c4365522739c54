import { describe, expect, it } from "vitest";
import { checkRedemption, type Reward, rewardSchema, validateReward } from "./rewards";
import { at } from "./test-support/configs";

const reward = (over: Record<string, unknown> = {}): Reward =>
  rewardSchema.parse({ kind: "free_shipping", name: "Free shipping", cost: 200, ...over });

const paths = (input: unknown) => {
  const v = validateReward(input);
  return v.ok ? [] : v.problems.map((p) => p.path);
};

describe("validateReward", () => {
  it("accepts a minimal reward and fills in unlimited stock, no limits and everyone eligible", () => {
    expect(validateReward({ kind: "gift", name: "Tote bag", cost: 500 })).toEqual({
      ok: true,
      reward: {
        kind: "gift",
        name: "Tote bag",
        cost: 500,
        stock: null,
        perCustomerLimit: null,
        validFrom: null,
        validUntil: null,
        eligibility: { tierCodes: [], segmentIds: [] },
      },
    });
  });

  it("requires the discount's value for discount kinds", () => {
    expect(paths({ kind: "discount_amount", name: "€5 off", cost: 500 })).toEqual(["valueMinor"]);
    expect(paths({ kind: "discount_percent", name: "10% off", cost: 500 })).toEqual(["percent"]);
    expect(paths({ kind: "discount_percent", name: "Too much", cost: 500, percent: 101 })).toEqual([
      "percent",
    ]);
    expect(paths({ kind: "gift", name: "Mug", cost: 500, percent: 10 })).toEqual(["percent"]);
    expect(
      validateReward({ kind: "discount_amount", name: "€5 off", cost: 500, valueMinor: 500 }).ok,
    ).toBe(true);
  });

  it("treats null optional fields as not set", () => {
    expect(
      validateReward({
        kind: "experience",
        name: "Atelier visit",
        cost: 0,
        description: null,
        valueMinor: null,
        percent: null,
      }).ok,
    ).toBe(true);
  });

  it("refuses negative or fractional costs, negative stock and a window that ends before it starts", () => {
    expect(
      paths({
        kind: "special_mention",
        name: "Hall of fame",
        cost: 1.5,
        stock: -1,
        perCustomerLimit: 0,
        validFrom: "2026-06-01T00:00:00Z",
        validUntil: "2026-05-01T00:00:00Z",
      }),
    ).toEqual(["cost", "stock", "perCustomerLimit"]);
    expect(
      paths({
        kind: "gift",
        name: "Mug",
        cost: 1,
        validFrom: "2026-06-01T00:00:00Z",
        validUntil: "2026-05-01T00:00:00Z",
      }),
    ).toEqual(["validUntil"]);
  });

  it("accepts dates as Date objects or ISO strings", () => {
    const v = validateReward({
      kind: "gift",
      name: "Mug",
      cost: 1,
      validFrom: "2026-06-01T00:00:00Z",
      validUntil: at("2026-07-01T00:00:00Z"),
    });
    expect(v.ok && v.reward.validFrom).toEqual(at("2026-06-01T00:00:00Z"));
  });
});

describe("checkRedemption", () => {
  const args = (over: Partial<Parameters<typeof checkRedemption>[1]> = {}) => ({
    now: at("2026-03-10T12:00:00Z"),
    tierCode: "gold",
    segmentIds: ["vip"],
    redeemedByCustomer: 0,
    balance: 1_000,
    minimumPayoutMinor: 0,
    allowNegative: false as const,
    ...over,
  });
  const code = (r: ReturnType<typeof checkRedemption>) => (r.ok ? "OK" : r.code);

  it("allows a redemption that passes every check", () => {
    expect(checkRedemption(reward(), args())).toEqual({ ok: true });
  });

  it("refuses before validFrom and from validUntil on", () => {
    const windowed = reward({
      validFrom: at("2026-03-10T12:00:01Z"),
      validUntil: at("2026-04-01T00:00:00Z"),
    });
    expect(code(checkRedemption(windowed, args()))).toBe("NOT_YET_VALID");
    expect(code(checkRedemption(windowed, args({ now: at("2026-03-31T23:59:59Z") })))).toBe("OK");
    expect(code(checkRedemption(windowed, args({ now: at("2026-04-01T00:00:00Z") })))).toBe(
      "EXPIRED",
    );
  });

  it("refuses customers outside the reward's tiers or segments", () => {
    const goldOnly = reward({ eligibility: { tierCodes: ["gold", "platinum"] } });
    expect(code(checkRedemption(goldOnly, args()))).toBe("OK");
    expect(code(checkRedemption(goldOnly, args({ tierCode: "silver" })))).toBe("NOT_ELIGIBLE");
    expect(code(checkRedemption(goldOnly, args({ tierCode: null })))).toBe("NOT_ELIGIBLE");
    const vipOnly = reward({ eligibility: { segmentIds: ["vip", "advocates"] } });
    expect(code(checkRedemption(vipOnly, args({ segmentIds: ["advocates", "new"] })))).toBe("OK");
    expect(code(checkRedemption(vipOnly, args({ segmentIds: [] })))).toBe("NOT_ELIGIBLE");
  });

  it("requires both the tier and the segment when a reward lists both", () => {
    const both = reward({ eligibility: { tierCodes: ["gold"], segmentIds: ["vip"] } });
    expect(code(checkRedemption(both, args()))).toBe("OK");
    expect(code(checkRedemption(both, args({ segmentIds: ["new"] })))).toBe("NOT_ELIGIBLE");
    expect(code(checkRedemption(both, args({ tierCode: "silver" })))).toBe("NOT_ELIGIBLE");
  });

  it("refuses once the customer reached the per-customer limit", () => {
    const twice = reward({ perCustomerLimit: 2 });
    expect(code(checkRedemption(twice, args({ redeemedByCustomer: 1 })))).toBe("OK");
    expect(code(checkRedemption(twice, args({ redeemedByCustomer: 2 })))).toBe("LIMIT_REACHED");
  });

  it("refuses a balance below the cost, and allows one exactly at it", () => {
    expect(code(checkRedemption(reward({ cost: 1_000 }), args()))).toBe("OK");
    expect(code(checkRedemption(reward({ cost: 1_001 }), args()))).toBe("INSUFFICIENT_BALANCE");
  });

  it("refuses cashback credit below the minimum payout", () => {
    expect(
      code(
        checkRedemption(reward({ cost: 100 }), args({ balance: 999, minimumPayoutMinor: 1_000 })),
      ),
    ).toBe("BELOW_MINIMUM_PAYOUT");
    expect(
      code(
        checkRedemption(reward({ cost: 100 }), args({ balance: 1_000, minimumPayoutMinor: 1_000 })),
      ),
    ).toBe("OK");
  });
});
