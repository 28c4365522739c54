import { describe, expect, it } from "vitest";
import { validateProgramConfig } from "@trouw/domain";
import { TIERED_CONFIG, programDetail } from "./fixtures";
import {
  codeFromName,
  draftFrom,
  draftProblems,
  moveRow,
  newDraft,
  rowKey,
  toConfig,
  toMinor,
  toProgramInput,
} from "./program-form";

const paths = (problems: { path: string }[]) => problems.map((p) => p.path);

describe("program form", () => {
  it("starts every type with a configuration the domain accepts, once named", () => {
    for (const type of ["points", "tiered", "cashback", "referral"] as const) {
      const draft = newDraft(type);
      draft.name = "Club";
      expect(draftProblems(draft), type).toEqual([]);
    }
  });

  it("sends money in minor units, percentages in basis points and drops blanks", () => {
    const draft = newDraft("cashback", "EUR");
    draft.cashback.ratePercent = 2.5;
    draft.cashback.perOrderCap = 12.5;
    draft.cashback.minimumPayout = 10;
    draft.cashback.periodCapEnabled = true;
    draft.cashback.periodCap = 100;
    expect(toConfig(draft)).toMatchObject({
      type: "cashback",
      rateBasisPoints: 250,
      perOrderCapMinor: 1250,
      minimumPayoutMinor: 1000,
      perPeriodCap: { amountMinor: 10000, period: "month" },
    });
    draft.cashback.perOrderCap = null;
    draft.cashback.periodCapEnabled = false;
    expect(toConfig(draft)).not.toHaveProperty("perOrderCapMinor");
    expect(toConfig(draft)).not.toHaveProperty("perPeriodCap");
  });

  it("converts with the currency's own decimals", () => {
    expect(toMinor(19.99, "EUR")).toBe(1999);
    expect(toMinor(1500, "JPY")).toBe(1500);
    expect(toMinor(null, "EUR")).toBeUndefined();
  });

  it("turns the earning rate into points per minor units and rows into a category map", () => {
    const draft = newDraft("points");
    draft.earning.ratePoints = 5;
    draft.earning.ratePer = 2;
    draft.earning.categoryMultipliers = [{ key: rowKey(), category: "shoes", multiplier: 1.5 }];
    draft.earning.bonuses.birthday = 100;
    draft.earning.expiryKind = "inactivity";
    draft.earning.expiryMonths = 18;
    const earning = toConfig(draft).earning;
    expect(earning).toMatchObject({
      rate: { points: 5, perMinor: 200 },
      categoryMultipliers: { shoes: 1.5 },
      bonuses: { birthday: 100, custom: [] },
      expiry: { kind: "inactivity", months: 18 },
    });
  });

  it("reads tiers reached by spend in currency units and writes them back in minor units", () => {
    const stored = {
      ...TIERED_CONFIG,
      tiers: [
        { code: "base", name: "Base", threshold: 0, earnMultiplier: 1, perks: [] },
        { code: "vip", name: "VIP", threshold: 50000, earnMultiplier: 2, perks: [] },
      ],
      qualification: { basis: "spend", window: { kind: "calendar_year" } },
    };
    const draft = draftFrom(programDetail(), stored);
    expect(draft.tiers.map((t) => t.threshold)).toEqual([0, 500]);
    expect(draft.windowKind).toBe("calendar_year");
    const config = toConfig(draft) as typeof stored;
    expect(config.tiers[1]!.threshold).toBe(50000);
    expect(config.qualification).toEqual({ basis: "spend", window: { kind: "calendar_year" } });
  });

  it("gives back the stored configuration unchanged after a round trip through the form", () => {
    const draft = draftFrom(programDetail(), TIERED_CONFIG);
    const checked = validateProgramConfig(toProgramInput(draft).config);
    expect(checked.ok && checked.config).toEqual(
      (validateProgramConfig(TIERED_CONFIG) as { config: unknown }).config,
    );
    expect(toProgramInput(draft)).toMatchObject({
      name: "Trouw Club",
      description: "Bronze, Silver and Gold.",
      currency: "EUR",
      validFrom: null,
    });
  });

  it("reports problems with the API's paths: first tier above 0, tiers out of order, a bad code", () => {
    const draft = draftFrom(programDetail(), TIERED_CONFIG);
    draft.tiers[0]!.threshold = 10;
    draft.tiers[2]!.threshold = 50;
    draft.tiers[1]!.code = "Silver!";
    expect(paths(draftProblems(draft))).toEqual(
      expect.arrayContaining([
        "config.tiers[0].threshold",
        "config.tiers[2].threshold",
        "config.tiers[1].code",
      ]),
    );
  });

  it("calls a blank code missing, not malformed", () => {
    const draft = newDraft("spend");
    draft.name = "Goals";
    const codeProblem = draftProblems(draft).find((p) => p.path === "config.thresholds[0].code");
    expect(codeProblem?.message).toMatch(/received undefined/);
  });

  it("catches what the config cannot hold: a category typed twice or left empty", () => {
    const draft = newDraft("points");
    draft.name = "Points";
    draft.earning.categoryMultipliers = [
      { key: rowKey(), category: "shoes", multiplier: 2 },
      { key: rowKey(), category: "shoes", multiplier: 3 },
      { key: rowKey(), category: "", multiplier: 3 },
    ];
    expect(draftProblems(draft)).toEqual([
      {
        path: "config.earning.categoryMultipliers[1]",
        message: 'duplicates the category "shoes"',
      },
      { path: "config.earning.categoryMultipliers[2]", message: "category required" },
    ]);
  });

  it("checks the name, currency and validity like the API does", () => {
    const draft = newDraft("points", "euro");
    draft.validFrom = Date.parse("2025-03-01T00:00:00Z");
    draft.validUntil = Date.parse("2025-02-01T00:00:00Z");
    expect(paths(draftProblems(draft))).toEqual(["name", "currency", "validUntil"]);
  });

  it("moves rows within bounds and derives codes from names", () => {
    const rows = ["a", "b", "c"];
    moveRow(rows, 0, -1);
    moveRow(rows, 2, 1);
    moveRow(rows, 0, 1);
    expect(rows).toEqual(["b", "a", "c"]);
    expect(codeFromName("Gold Plus ")).toBe("gold-plus");
    expect(codeFromName("Élite")).toBe("elite");
  });
});
