import { describe, expect, it } from "vitest";
import { reward } from "./fixtures";
import { newRewardDraft, rewardDraftFrom, rewardProblems, toRewardInput } from "./reward-form";

describe("reward form", () => {
  it("sends the value of the chosen kind only, money in minor units", () => {
    const draft = { ...newRewardDraft(), name: " €5 off ", cost: 500, value: 5, percent: 10 };
    expect(toRewardInput(draft, "POINTS", "EUR")).toMatchObject({
      kind: "DISCOUNT_AMOUNT",
      name: "€5 off",
      cost: 500,
      valueMinor: 500,
      percent: null,
    });
    const percent = { ...draft, kind: "DISCOUNT_PERCENT" as const };
    expect(toRewardInput(percent, "POINTS", "EUR")).toMatchObject({
      valueMinor: null,
      percent: 10,
    });
  });

  it("costs credit in currency units, sent in minor units", () => {
    const draft = { ...newRewardDraft(), kind: "GIFT" as const, name: "Tote bag", cost: 12.5 };
    expect(toRewardInput(draft, "CREDIT", "EUR").cost).toBe(1250);
    expect(rewardDraftFrom(reward({ cost: 1250 }), "CREDIT", "EUR").cost).toBe(12.5);
  });

  it("uses the domain's rules: a name, a cost and the discount's value", () => {
    const problems = rewardProblems(toRewardInput(newRewardDraft(), "POINTS", "EUR"));
    expect(problems.map((p) => p.path)).toEqual(["name", "cost", "valueMinor"]);
  });

  it("names eligibility problems by the field that edits them", () => {
    const draft = { ...newRewardDraft(), name: "x", cost: 1, value: 1 };
    draft.tierCodes = ["a".repeat(41)];
    expect(rewardProblems(toRewardInput(draft, "POINTS", "EUR"))[0]?.path).toBe("tierCodes[0]");
  });

  it("refuses a validity that ends before it starts", () => {
    const draft = { ...newRewardDraft(), name: "x", cost: 1, value: 1 };
    draft.validFrom = Date.parse("2025-03-02T00:00:00Z");
    draft.validUntil = Date.parse("2025-03-01T00:00:00Z");
    expect(rewardProblems(toRewardInput(draft, "POINTS", "EUR"))).toEqual([
      { path: "validUntil", message: "must be after validFrom" },
    ]);
  });
});
