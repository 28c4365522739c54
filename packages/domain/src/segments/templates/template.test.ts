import { describe, expect, it } from "vitest";
import { LIFECYCLE_TYPES } from "../../customers/lifecycle";
import { compileRule } from "../engine";
import { validateRule } from "../validate";
import {
  LIFECYCLE_TEMPLATES,
  RFM_TEMPLATES,
  SEGMENT_TEMPLATES,
  SENTIMENT_TEMPLATES,
  TemplateError,
  defaultValues,
  findTemplate,
  instantiateTemplate,
  resolveTemplateValues,
} from "./index";
import { NOW } from "./test-support/subjects";

function problemsOf(fn: () => unknown): { code: string; paths: string[]; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof TemplateError)
      return { code: err.code, paths: err.problems.map((p) => p.path), message: err.message };
    throw err;
  }
  throw new Error("expected a TemplateError");
}

describe("the template catalogue", () => {
  it("has the sixteen lifecycle types in vocabulary order, three sentiment groups and eleven RFM cells", () => {
    expect(LIFECYCLE_TEMPLATES.map((t) => t.key)).toEqual(LIFECYCLE_TYPES.map((t) => t.key));
    expect(LIFECYCLE_TEMPLATES.map((t) => t.name)).toEqual(LIFECYCLE_TYPES.map((t) => t.name));
    expect(SENTIMENT_TEMPLATES.map((t) => t.key)).toEqual([
      "sentiment_positive",
      "sentiment_middle",
      "sentiment_negative",
    ]);
    expect(RFM_TEMPLATES.map((t) => t.name)).toEqual([
      "Champions",
      "Loyal",
      "Potential loyalist",
      "New",
      "Promising",
      "Need attention",
      "About to sleep",
      "At risk",
      "Can't lose them",
      "Hibernating",
      "Lost",
    ]);
    expect(new Set(SEGMENT_TEMPLATES.map((t) => t.key)).size).toBe(30);
  });

  it("gives every template a description, a treatment and its group", () => {
    for (const t of SEGMENT_TEMPLATES) {
      expect(t.description.length, t.key).toBeGreaterThan(40);
      expect(t.treatment.length, t.key).toBeGreaterThan(10);
    }
    for (const t of LIFECYCLE_TEMPLATES) {
      expect(t.group).toBe("lifecycle");
      // The vocabulary's treatment stays the first sentence the admin shows.
      expect(t.treatment).toContain(LIFECYCLE_TYPES.find((l) => l.key === t.key)!.treatment);
    }
  });

  it("declares parameters with unique keys and defaults inside their own bounds", () => {
    for (const t of SEGMENT_TEMPLATES) {
      expect(new Set(t.parameters.map((p) => p.key)).size, t.key).toBe(t.parameters.length);
      for (const p of t.parameters) {
        expect(p.key, t.key).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(p.label.length && p.description.length, `${t.key}.${p.key}`).toBeGreaterThan(0);
        if (p.min !== undefined) expect(p.default).toBeGreaterThanOrEqual(p.min);
        if (p.max !== undefined) expect(p.default).toBeLessThanOrEqual(p.max);
      }
      expect(resolveTemplateValues(t), t.key).toEqual({ ok: true, values: defaultValues(t) });
    }
  });

  it("builds, with default parameters, a rule that passes validateRule and compiles to SQL", () => {
    for (const t of SEGMENT_TEMPLATES) {
      const built = instantiateTemplate(t.key);
      expect(validateRule(built), t.key).toEqual({ ok: true, rule: built });
      expect(validateRule(JSON.parse(JSON.stringify(built))).ok, t.key).toBe(true);
      expect(() => compileRule(built, { now: NOW }), t.key).not.toThrow();
    }
  });

  it("finds templates by key", () => {
    expect(findTemplate("lapsed")?.name).toBe("Lapsed customers");
    expect(findTemplate("nope")).toBeUndefined();
  });
});

describe("instantiating a template", () => {
  it("uses the given values instead of the defaults", () => {
    const lapsedAfter = (values?: Record<string, number>) =>
      JSON.stringify(instantiateTemplate("lapsed", values));
    expect(lapsedAfter()).toContain('"value":180');
    expect(lapsedAfter({ lapsedDays: 90 })).toContain('"value":90');
  });

  it("refuses an unknown template", () => {
    expect(problemsOf(() => instantiateTemplate("lapsd"))).toMatchObject({
      code: "UNKNOWN_TEMPLATE",
      paths: ["key"],
    });
  });

  it("lists every problem with its parameter path: unknown keys, wrong types, out of range", () => {
    const result = problemsOf(() =>
      instantiateTemplate("active", {
        minOrders: 0,
        windowDays: 12.5,
        loyalMinCategories: Number.NaN,
        lapsedDays: 100,
      }),
    );
    expect(result.code).toBe("INVALID_PARAMETERS");
    expect(result.paths.sort()).toEqual([
      "parameters.lapsedDays",
      "parameters.loyalMinCategories",
      "parameters.minOrders",
      "parameters.windowDays",
    ]);
    expect(result.message).toContain("parameters.minOrders must be at least 1");
    expect(result.message).toContain("parameters.windowDays must be a whole number");
    expect(result.message).toContain("parameters.lapsedDays is not a parameter of this template");
  });

  it("enforces type bounds and declared bounds", () => {
    expect(problemsOf(() => instantiateTemplate("lapsed", { lapsedDays: 40_000 })).message).toBe(
      'Invalid parameters for template "lapsed": parameters.lapsedDays must be at most 36500',
    );
    expect(
      problemsOf(() => instantiateTemplate("discount", { minDiscountShare: 101 })).paths,
    ).toEqual(["parameters.minDiscountShare"]);
    // Percentages need not be whole.
    expect(() => instantiateTemplate("discount", { minDiscountShare: 66.5 })).not.toThrow();
    expect(
      problemsOf(() => instantiateTemplate("lapsed", { lapsedDays: "90" as unknown as number }))
        .paths,
    ).toEqual(["parameters.lapsedDays"]);
  });

  it("refuses parameters that are not an object", () => {
    expect(
      problemsOf(() => instantiateTemplate("lapsed", [] as unknown as Record<string, number>)),
    ).toMatchObject({ code: "INVALID_PARAMETERS", paths: ["parameters"] });
    expect(() => instantiateTemplate("lapsed", undefined)).not.toThrow();
  });

  it("refuses values for a template without parameters", () => {
    expect(problemsOf(() => instantiateTemplate("lifetime", { days: 1 })).message).toContain(
      "it has none",
    );
  });

  it("checks parameters against each other", () => {
    expect(
      problemsOf(() => instantiateTemplate("at_risk", { inactiveDays: 200, lapsedDays: 180 }))
        .paths,
    ).toEqual(["parameters.inactiveDays"]);
    expect(
      problemsOf(() => instantiateTemplate("loyal", { minTenureDays: 100, lapsedDays: 180 })).paths,
    ).toEqual(["parameters.lapsedDays"]);
    expect(
      problemsOf(() => instantiateTemplate("advocates", { loyalLapsedDays: 400 })).paths,
    ).toEqual(["parameters.loyalLapsedDays"]);
    expect(
      problemsOf(() =>
        instantiateTemplate("rfm_champions", { r4MaxDays: 20, f3MinOrders: 2, m5MinSpendMinor: 1 }),
      ).paths,
    ).toEqual(["parameters.r4MaxDays", "parameters.f3MinOrders", "parameters.m5MinSpendMinor"]);
  });
});
