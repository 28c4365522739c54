import { describe, expect, it } from "vitest";
import { bonusPoints, type CampaignForEarning, earnForOrder, type EarnContext } from "./earning";
import { at, config, order, pointsProgram, tieredProgram } from "./test-support/configs";

const ctx = (over: Partial<EarnContext> = {}): EarnContext => ({
  now: at("2026-03-10T12:00:00Z"),
  tierCode: null,
  campaigns: [],
  campaignEarned: {},
  periodCreditedMinor: 0,
  punches: 0,
  cumulativeSpendMinor: 0,
  reachedThresholds: [],
  ...over,
});

const campaign = (over: Partial<CampaignForEarning> & { id: string }): CampaignForEarning => ({
  name: over.id,
  multiplier: 1,
  bonusPoints: 0,
  stacking: "stackable",
  capPerCustomer: null,
  ...over,
});

const credited = (o: { intents: { amount: number; pendingDelta: number }[] }) =>
  o.intents.map((i) => i.amount + i.pendingDelta);

describe("earning points", () => {
  it("earns the rate on the net amount and explains it", () => {
    const o = earnForOrder(pointsProgram(), order([4_200]), ctx());
    expect(o.intents).toEqual([
      {
        kind: "earn",
        amount: 42,
        pendingDelta: 0,
        reason: "Order",
        unlockAt: null,
        expiresAt: null,
        campaignId: null,
      },
    ]);
    expect(o.explanation).toEqual(["€42.00 net × 1 pt per €1.00 = 42 pts"]);
  });

  it("rounds with the program's rounding: down, half up or up", () => {
    const earn = (rounding: string, net: number) =>
      credited(earnForOrder(pointsProgram({ rounding }), order([net]), ctx()));
    expect([earn("floor", 4_250), earn("round", 4_250), earn("ceil", 4_250)]).toEqual([
      [42],
      [43],
      [43],
    ]);
    expect([earn("floor", 4_249), earn("round", 4_249), earn("ceil", 4_201)]).toEqual([
      [42],
      [42],
      [43],
    ]);
    expect(earnForOrder(pointsProgram(), order([4_250]), ctx()).explanation[0]).toBe(
      "€42.50 net × 1 pt per €1.00 = 42 pts (42.50 rounded down)",
    );
  });

  it("sums the lines exactly and rounds once, so small lines are not each rounded away", () => {
    // two €1.50 lines: 1.5 + 1.5 = 3, where rounding each line down would give 2
    expect(credited(earnForOrder(pointsProgram(), order([150, 150]), ctx()))).toEqual([3]);
  });

  it("earns on each line's net after its discount, times its category multiplier", () => {
    const program = pointsProgram({ categoryMultipliers: { shoes: 2, socks: 0 } });
    const o = earnForOrder(
      program,
      order([
        { amountMinor: 1_000, category: "shoes" }, // 10 × 2 = 20
        { amountMinor: 500, category: null }, // 5
        { amountMinor: 250, discountMinor: 50, category: "bags" }, // 2 (no multiplier)
        { amountMinor: 900, category: "socks" }, // 0
      ]),
      ctx(),
    );
    expect(credited(o)).toEqual([27]);
    expect(o.explanation[0]).toBe(
      "€26.00 net × 1 pt per €1.00, shoes ×2 on €10.00, socks ×0 on €9.00 = 27 pts",
    );
  });

  it("supports rates other than one point per currency unit", () => {
    const program = pointsProgram({ rate: { points: 5, perMinor: 1_000 } }); // 5 pts per €10
    const o = earnForOrder(program, order([4_999]), ctx());
    expect(credited(o)).toEqual([24]); // 24.995 rounded down
    expect(o.explanation[0]).toBe("€49.99 net × 5 pts per €10.00 = 24 pts (24.99… rounded down)");
  });

  it("earns nothing for an order in another currency than the program's", () => {
    const o = earnForOrder(
      pointsProgram(),
      order([4_200], { currency: "USD" }),
      ctx({ programCurrency: "EUR" }),
    );
    expect(o.intents).toEqual([]);
    expect(o.explanation).toEqual(["The order is in USD and the program in EUR: nothing earned"]);
    expect(
      credited(earnForOrder(pointsProgram(), order([4_200]), ctx({ programCurrency: "EUR" }))),
    ).toEqual([42]);
  });

  it("earns nothing on an order with nothing paid", () => {
    const o = earnForOrder(
      pointsProgram(),
      order([{ amountMinor: 1_000, discountMinor: 1_000 }]),
      ctx(),
    );
    expect(o.intents).toEqual([]);
    expect(o.explanation[0]).toContain("nothing earned");
  });

  it("keeps points pending for the return window, then they unlock", () => {
    const o = earnForOrder(pointsProgram({ pendingDays: 14 }), order([4_200]), ctx());
    expect(o.intents).toEqual([
      expect.objectContaining({
        kind: "pending",
        amount: 0,
        pendingDelta: 42,
        unlockAt: at("2026-03-24T12:00:00Z"),
      }),
    ]);
    expect(o.explanation.at(-1)).toBe(
      "Pending for 14 days (return window): spendable from 2026-03-24",
    );
  });

  it("dates each lot's fixed expiry from the earn date, clamped to month end", () => {
    const program = pointsProgram({ expiry: { kind: "fixed", months: 1 } });
    const jan31 = order([4_200], { occurredAt: at("2026-01-31T10:00:00Z") });
    expect(earnForOrder(program, jan31, ctx()).intents[0]?.expiresAt).toEqual(
      at("2026-02-28T10:00:00Z"),
    );
    expect(
      earnForOrder(pointsProgram({ expiry: { kind: "inactivity", months: 1 } }), jan31, ctx())
        .intents[0]?.expiresAt,
    ).toBeNull();
  });

  it("dates the expiry of pending points from when they unlock", () => {
    const program = pointsProgram({ pendingDays: 30, expiry: { kind: "fixed", months: 12 } });
    expect(earnForOrder(program, order([4_200]), ctx()).intents[0]).toMatchObject({
      unlockAt: at("2026-04-09T12:00:00Z"),
      expiresAt: at("2027-04-09T12:00:00Z"),
    });
  });
});

describe("earning in a tiered program", () => {
  it("adds the tier's multiplier on the base points", () => {
    const o = earnForOrder(tieredProgram(), order([4_200]), ctx({ tierCode: "gold" }));
    expect(credited(o)).toEqual([63]);
    expect(o.intents[0]?.reason).toBe("Order: 42 base + 21 Gold tier ×1.5");
    expect(o.explanation).toEqual([
      "€42.00 net × 1 pt per €1.00 = 42 pts",
      "Gold tier ×1.5: +21 pts",
    ]);
  });

  it("rounds the tier bonus with the program's rounding", () => {
    // 42 × 1.25 = 52.5
    expect(
      credited(earnForOrder(tieredProgram(), order([4_200]), ctx({ tierCode: "silver" }))),
    ).toEqual([52]);
    const round = tieredProgram({
      earning: { rate: { points: 1, perMinor: 100 }, rounding: "round" },
    });
    expect(credited(earnForOrder(round, order([4_200]), ctx({ tierCode: "silver" })))).toEqual([
      53,
    ]);
  });

  it("earns the base on a tier without multiplier and says so for an unknown tier", () => {
    expect(
      credited(earnForOrder(tieredProgram(), order([4_200]), ctx({ tierCode: "bronze" }))),
    ).toEqual([42]);
    const o = earnForOrder(tieredProgram(), order([4_200]), ctx({ tierCode: "platinum" }));
    expect(credited(o)).toEqual([42]);
    expect(o.explanation[1]).toContain('"platinum" is not in this program');
  });
});

describe("campaigns", () => {
  const double = campaign({ id: "double", name: "Double points", multiplier: 2 });
  const bonus = campaign({ id: "bonus", name: "Spring bonus", bonusPoints: 10 });

  it("adds each stackable campaign as its own entry, computed on the base", () => {
    const o = earnForOrder(
      tieredProgram(),
      order([4_200]),
      ctx({ tierCode: "gold", campaigns: [double, bonus] }),
    );
    expect(o.intents.map((i) => [i.amount, i.campaignId])).toEqual([
      [63, null],
      [42, "double"],
      [10, "bonus"],
    ]);
    expect(o.intents[1]?.reason).toBe("Campaign: Double points");
    expect(o.explanation.slice(2)).toEqual([
      "Double points (campaign): +42 pts",
      "Spring bonus (campaign): +10 pts",
    ]);
  });

  it("caps a campaign at what is left of its per-customer cap", () => {
    const capped = { ...double, capPerCustomer: 100 };
    const earn = (earned: number) =>
      earnForOrder(
        pointsProgram(),
        order([4_200]),
        ctx({ campaigns: [capped], campaignEarned: { double: earned } }),
      );
    expect(credited(earn(80))).toEqual([42, 20]);
    expect(earn(80).explanation[1]).toBe(
      "Double points (campaign): +20 pts (cap reached: 100 per customer)",
    );
    // exactly enough left: the full amount, no cap note
    expect(credited(earn(58))).toEqual([42, 42]);
    expect(earn(58).explanation[1]).toBe("Double points (campaign): +42 pts");
    // cap reached exactly before: nothing, and it says so
    expect(credited(earn(100))).toEqual([42]);
    expect(earn(100).explanation[1]).toBe("Double points (campaign): cap reached");
  });

  it("applies the best exclusive campaign alone when it beats all stackables together", () => {
    const triple = campaign({
      id: "triple",
      name: "Triple points",
      multiplier: 3,
      stacking: "exclusive",
    });
    const o = earnForOrder(
      pointsProgram(),
      order([4_200]),
      ctx({ campaigns: [double, bonus, triple] }),
    );
    expect(o.intents.map((i) => [i.amount, i.campaignId])).toEqual([
      [42, null],
      [84, "triple"],
    ]);
    expect(o.explanation[2]).toBe(
      "Triple points is exclusive and worth more: Double points, Spring bonus not applied",
    );
  });

  it("applies the stackables when they are worth more than the best exclusive, or as much", () => {
    const excl = (multiplier: number) =>
      campaign({ id: `x${multiplier}`, name: "Weekend", multiplier, stacking: "exclusive" });
    // stackables: 42 + 10 = 52; exclusive ×2.2 = 50 (50.4 rounded down), ×2.24 = 52 (52.08)
    for (const x of [excl(2.2), excl(2.24)]) {
      const o = earnForOrder(
        pointsProgram(),
        order([4_200]),
        ctx({ campaigns: [double, bonus, x] }),
      );
      expect(o.intents.map((i) => i.campaignId)).toEqual([null, "double", "bonus"]);
      expect(o.explanation.at(-1)).toContain(
        "is not worth more than the stackable campaigns (+52 pts)",
      );
    }
  });

  it("picks the best of several exclusive campaigns, counting their caps", () => {
    const a = campaign({
      id: "a",
      name: "A",
      multiplier: 3,
      stacking: "exclusive",
      capPerCustomer: 50,
    });
    const b = campaign({ id: "b", name: "B", bonusPoints: 60, stacking: "exclusive" });
    const o = earnForOrder(pointsProgram(), order([4_200]), ctx({ campaigns: [a, b] }));
    expect(o.intents.map((i) => [i.amount, i.campaignId])).toEqual([
      [42, null],
      [60, "b"],
    ]);
  });

  it("says so when the only exclusive campaign has reached its cap", () => {
    const capped = campaign({
      id: "x",
      name: "Weekend",
      multiplier: 3,
      stacking: "exclusive",
      capPerCustomer: 100,
    });
    const o = earnForOrder(
      pointsProgram(),
      order([4_200]),
      ctx({ campaigns: [capped], campaignEarned: { x: 100 } }),
    );
    expect(credited(o)).toEqual([42]);
    expect(o.explanation.at(-1)).toBe("Weekend (campaign): cap reached");
  });

  it("keeps campaign points pending with the order's points", () => {
    const o = earnForOrder(
      pointsProgram({ pendingDays: 7 }),
      order([4_200]),
      ctx({ campaigns: [double] }),
    );
    expect(o.intents.map((i) => [i.kind, i.amount, i.pendingDelta, i.campaignId])).toEqual([
      ["pending", 0, 42, null],
      ["pending", 0, 42, "double"],
    ]);
  });
});

describe("earning cashback", () => {
  const cashback = (fields: Record<string, unknown> = {}) =>
    config("cashback", { rateBasisPoints: 500, ...fields });

  it("returns a share of the net as credit, rounded down to the minor unit", () => {
    const o = earnForOrder(cashback(), order([4_299]), ctx());
    expect(credited(o)).toEqual([214]); // 5% of €42.99 = €2.1495
    expect(o.intents[0]).toMatchObject({ kind: "earn", reason: "Cashback", expiresAt: null });
    expect(o.explanation[0]).toBe("€42.99 net × 5% = €2.14 credit (rounded down)");
  });

  it("caps the credit per order", () => {
    const o = earnForOrder(cashback({ perOrderCapMinor: 200 }), order([4_299]), ctx());
    expect(credited(o)).toEqual([200]);
    expect(o.explanation[1]).toBe("Capped at €2.00 per order");
  });

  it("caps the credit by what is left of the period cap", () => {
    const program = cashback({ perPeriodCap: { amountMinor: 1_000, period: "month" } });
    const earn = (credited: number) =>
      earnForOrder(program, order([4_299]), ctx({ periodCreditedMinor: credited }));
    expect(credited(earn(900))).toEqual([100]);
    expect(earn(900).explanation[1]).toBe(
      "Capped by the monthly cap of €10.00: €1.00 was left this month",
    );
    expect(credited(earn(786))).toEqual([214]); // exactly what is left
    expect(earn(786).explanation).toHaveLength(1);
    expect(credited(earn(1_000))).toEqual([]);
    expect(earn(1_000).explanation).toContain(
      "The monthly cap of €10.00 is reached: no more cashback this month",
    );
  });

  it("keeps cashback pending for the return window", () => {
    const o = earnForOrder(cashback({ pendingDays: 30 }), order([10_000]), ctx());
    expect(o.intents[0]).toMatchObject({
      kind: "pending",
      amount: 0,
      pendingDelta: 500,
      unlockAt: at("2026-04-09T12:00:00Z"),
    });
  });

  it("earns nothing in another currency", () => {
    expect(
      earnForOrder(cashback(), order([4_299], { currency: "GBP" }), ctx({ programCurrency: "EUR" }))
        .intents,
    ).toEqual([]);
  });
});

describe("punch cards", () => {
  const card = (fields: Record<string, unknown> = {}) =>
    config("punch_card", {
      punchesRequired: 10,
      minimumOrderMinor: 500,
      rewardDescription: "Free coffee",
      ...fields,
    });

  it("punches an order that reaches the minimum", () => {
    expect(earnForOrder(card(), order([499]), ctx()).intents).toEqual([]);
    expect(earnForOrder(card(), order([499]), ctx()).explanation[0]).toBe(
      "€4.99 is below the €5.00 minimum for a punch",
    );
    const o = earnForOrder(card(), order([500]), ctx({ punches: 2 }));
    expect(o.intents.map((i) => [i.kind, i.amount])).toEqual([["earn", 1]]);
    expect(o.explanation).toEqual(["Punch 3 of 10"]);
    expect(o.completedCards).toBe(0);
  });

  it("only punches orders with a line in the card's categories when it has some", () => {
    const coffee = card({ categories: ["coffee", "tea"] });
    expect(
      earnForOrder(coffee, order([{ amountMinor: 900, category: "cake" }]), ctx()).intents,
    ).toEqual([]);
    const mixed = order([
      { amountMinor: 900, category: "cake" },
      { amountMinor: 100, category: "tea" },
    ]);
    expect(earnForOrder(coffee, mixed, ctx()).intents).toHaveLength(1);
  });

  it("completes the card on the last punch: burns the punches and starts again", () => {
    const o = earnForOrder(card(), order([600]), ctx({ punches: 9 }));
    expect(o.intents.map((i) => [i.kind, i.amount, i.reason])).toEqual([
      ["earn", 1, "Punch"],
      ["burn", -10, "card completed"],
    ]);
    expect(o.completedCards).toBe(1);
    expect(o.explanation).toEqual([
      "Punch 10 of 10",
      "Card completed: Free coffee; a new card starts",
    ]);
  });
});

describe("spend programs", () => {
  const program = config("spend", {
    thresholds: [
      { code: "a", spendMinor: 10_000, rewardDescription: "Tote bag" },
      { code: "b", spendMinor: 25_000, rewardDescription: "Free delivery for a year" },
      { code: "c", spendMinor: 50_000, rewardDescription: "VIP evening" },
    ],
  });

  it("counts the net spend and unlocks each threshold crossed once", () => {
    const o = earnForOrder(
      program,
      order([20_000]),
      ctx({ cumulativeSpendMinor: 9_000, reachedThresholds: ["a"] }),
    );
    expect(o.intents.map((i) => [i.kind, i.amount])).toEqual([["earn", 20_000]]);
    expect(o.unlockedThresholds).toEqual(["b"]);
    expect(o.explanation).toEqual([
      "€200.00 counted: €290.00 spent in total",
      "Reached €250.00: Free delivery for a year",
    ]);
  });

  it("unlocks a threshold reached exactly", () => {
    expect(
      earnForOrder(program, order([1_000]), ctx({ cumulativeSpendMinor: 9_000 }))
        .unlockedThresholds,
    ).toEqual(["a"]);
    expect(
      earnForOrder(program, order([999]), ctx({ cumulativeSpendMinor: 9_000 })).unlockedThresholds,
    ).toEqual([]);
  });
});

describe("programs that do not earn from orders", () => {
  it("gives nothing for paid memberships and referral programs", () => {
    const membership = config("paid_membership", {
      plan: "plus",
      feeMinor: 999,
      billingPeriod: "month",
      perks: ["Free shipping"],
    });
    const referral = config("referral", { referrerPoints: 100, refereePoints: 50 });
    for (const p of [membership, referral]) {
      const o = earnForOrder(p, order([4_200]), ctx());
      expect(o.intents).toEqual([]);
      expect(o.explanation).toHaveLength(1);
    }
  });
});

describe("bonusPoints", () => {
  const program = pointsProgram({
    bonuses: {
      signup: 50,
      birthday: 0,
      custom: [{ code: "app_install", label: "App installed", points: 25 }],
    },
  });

  it("gives the configured points for an action", () => {
    expect(bonusPoints(program, "signup")).toEqual({
      points: 50,
      explanation: "Signup bonus: 50 pts",
    });
    expect(bonusPoints(program, { custom: "app_install" })).toEqual({
      points: 25,
      explanation: "App installed: 25 pts",
    });
  });

  it("is null when the program has no such bonus (a bonus of 0 included)", () => {
    expect(bonusPoints(program, "survey_answered")).toBeNull();
    expect(bonusPoints(program, "birthday")).toBeNull();
    expect(bonusPoints(program, { custom: "unknown" })).toBeNull();
    expect(bonusPoints(config("cashback", { rateBasisPoints: 100 }), "signup")).toBeNull();
  });
});
