import { describe, expect, it } from "vitest";
import { validateProgramConfig } from "./validate";

const problems = (input: unknown) => {
  const v = validateProgramConfig(input);
  return v.ok ? [] : v.problems;
};
const paths = (input: unknown) => problems(input).map((p) => p.path);

const tier = (code: string, threshold: number) => ({ code, name: code.toUpperCase(), threshold });
const tiered = (tiers: unknown[]) => ({
  type: "tiered",
  earning: { rate: { points: 1, perMinor: 100 } },
  tiers,
  qualification: { basis: "spend", window: { kind: "calendar_year" } },
});

describe("validateProgramConfig", () => {
  it("accepts a minimal points program and fills in the defaults", () => {
    const v = validateProgramConfig({
      type: "points",
      earning: { rate: { points: 1, perMinor: 100 } },
    });
    expect(v).toMatchObject({
      ok: true,
      config: {
        type: "points",
        autoEnrol: true,
        refundPolicy: "clamp",
        earning: {
          rounding: "floor",
          pendingDays: 0,
          expiry: { kind: "none" },
          categoryMultipliers: {},
        },
      },
    });
  });

  it("reports every schema problem with its JSON path", () => {
    expect(
      paths({
        type: "tiered",
        earning: { rate: { points: "1", perMinor: 0 }, categoryMultipliers: { shoes: 1.555 } },
        tiers: [{ code: "Gold!", name: "Gold", threshold: 0 }],
        qualification: { basis: "spend", window: { kind: "rolling" } },
      }),
    ).toEqual([
      "earning.rate.points",
      "earning.rate.perMinor",
      "earning.categoryMultipliers.shoes",
      "tiers[0].code",
      "qualification.window.months",
    ]);
  });

  it("names the program types when the type is unknown", () => {
    expect(problems({ type: "lottery" })).toEqual([
      { path: "type", message: expect.stringContaining("points, tiered, cashback") },
    ]);
    expect(paths(null)).toEqual([""]);
  });

  it("requires the first tier to start at 0 and says why", () => {
    expect(problems(tiered([tier("silver", 100), tier("gold", 500)]))).toEqual([
      { path: "tiers[0].threshold", message: expect.stringContaining("every member has a tier") },
    ]);
  });

  it("requires strictly ascending tier thresholds and unique tier codes", () => {
    expect(
      paths(
        tiered([tier("bronze", 0), tier("silver", 500), tier("gold", 500), tier("silver", 400)]),
      ),
    ).toEqual(["tiers[2].threshold", "tiers[3].threshold", "tiers[3].code"]);
    expect(validateProgramConfig(tiered([tier("bronze", 0), tier("silver", 1)])).ok).toBe(true);
  });

  it("requires spend thresholds in ascending order with unique codes", () => {
    const spend = (thresholds: [string, number][]) => ({
      type: "spend",
      thresholds: thresholds.map(([code, spendMinor]) => ({
        code,
        spendMinor,
        rewardDescription: "Gift",
      })),
    });
    expect(
      paths(
        spend([
          ["a", 10_000],
          ["b", 5_000],
          ["a", 20_000],
        ]),
      ),
    ).toEqual(["thresholds[1].spendMinor", "thresholds[2].code"]);
    expect(
      validateProgramConfig(
        spend([
          ["a", 10_000],
          ["b", 20_000],
        ]),
      ).ok,
    ).toBe(true);
  });

  it("refuses category multiplier keys that are one category typed twice", () => {
    const v = problems({
      type: "points",
      earning: {
        rate: { points: 1, perMinor: 100 },
        categoryMultipliers: { Shoes: 2, shoes: 3, " bags": 1.5 },
      },
    });
    expect(v).toEqual([
      { path: "earning.categoryMultipliers.shoes", message: 'duplicates the category "Shoes"' },
      { path: "earning.categoryMultipliers. bags", message: expect.stringContaining("spaces") },
    ]);
  });

  it("refuses repeated custom bonus codes and punch card categories", () => {
    expect(
      paths({
        type: "points",
        earning: {
          rate: { points: 1, perMinor: 100 },
          bonuses: {
            custom: [
              { code: "app", label: "App", points: 5 },
              { code: "app", label: "App 2", points: 5 },
            ],
          },
        },
      }),
    ).toEqual(["earning.bonuses.custom[1].code"]);
    expect(
      paths({
        type: "punch_card",
        punchesRequired: 10,
        categories: ["coffee", "Coffee"],
        rewardDescription: "Free coffee",
      }),
    ).toEqual(["categories[1]"]);
  });

  it("reports cross-field problems together with schema problems", () => {
    expect(paths(tiered([tier("bronze", 10), { code: "bronze", name: "", threshold: 5 }]))).toEqual(
      ["tiers[1].name", "tiers[0].threshold", "tiers[1].threshold", "tiers[1].code"],
    );
  });
});
