import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  RFM_CELLS,
  RFM_PARAMETERS,
  RFM_TEMPLATES,
  defaultValues,
  resolveTemplateValues,
  rfmCutPointsFromData,
  type TemplateValues,
} from "./index";
import { isIn, order, subject, visit } from "./test-support/subjects";

/** A buyer with exactly these measures: last order `days` ago, `orders` orders worth `spend`. */
function buyer(days: number, orders: number, spend: number) {
  const each = Math.floor(spend / orders);
  return subject(
    Array.from({ length: orders }, (_, i) =>
      order(days + 7 * i, { amountMinor: i === 0 ? spend - each * (orders - 1) : each }),
    ),
  );
}

/** The scores computed directly from the cut points: the oracle for the rules. */
function scores(v: TemplateValues, days: number, orders: number, spend: number) {
  const r =
    5 - ["r5MaxDays", "r4MaxDays", "r3MaxDays", "r2MaxDays"].filter((k) => days > v[k]!).length;
  const above = (x: number, keys: string[]) => 1 + keys.filter((k) => x >= v[k]!).length;
  const f = above(orders, ["f2MinOrders", "f3MinOrders", "f4MinOrders", "f5MinOrders"]);
  const m = above(spend, [
    "m2MinSpendMinor",
    "m3MinSpendMinor",
    "m4MinSpendMinor",
    "m5MinSpendMinor",
  ]);
  return { r, f, m, fm: Math.floor((f + m) / 2) };
}

const inRange = (x: number, [lo, hi]: readonly [number, number]) => x >= lo && x <= hi;

describe("RFM cells", () => {
  it("tile the 5 x 5 grid of recency and FM scores exactly once", () => {
    for (let r = 1; r <= 5; r++)
      for (let fm = 1; fm <= 5; fm++) {
        const cells = RFM_CELLS.filter((c) => inRange(r, c.recency) && inRange(fm, c.fm));
        expect(cells.length, `R${r} FM${fm}`).toBe(1);
      }
  });

  it("place a customer in the cell of their directly computed scores, and in no other", () => {
    const custom: TemplateValues = {
      ...defaultValues(RFM_TEMPLATES[0]!),
      r5MaxDays: 7,
      r4MaxDays: 8,
      f2MinOrders: 3,
      f3MinOrders: 4,
      f5MinOrders: 20,
      m2MinSpendMinor: 1,
    };
    fc.assert(
      fc.property(
        fc.constantFrom(defaultValues(RFM_TEMPLATES[0]!), custom),
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 250_000 }),
        (values, days, orders, spend) => {
          const s = buyer(days, orders, spend);
          const { r, fm } = scores(values, days, orders, spend);
          const expected = RFM_CELLS.find((c) => inRange(r, c.recency) && inRange(fm, c.fm))!;
          const holding = RFM_TEMPLATES.filter((t) => isIn(t.key, s, values)).map((t) => t.key);
          expect(holding).toEqual([expected.key]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("hit each cut point exactly: on the boundary is the higher score", () => {
    // 30 days: R5; 31 days: R4. 8 orders and 100,000: F5 and M5.
    expect(isIn("rfm_champions", buyer(30, 8, 100_000))).toBe(true);
    expect(isIn("rfm_champions", buyer(31, 8, 100_000))).toBe(false);
    expect(isIn("rfm_loyal", buyer(31, 8, 100_000))).toBe(true);
    // F5 with M3 gives FM 4: still a champion; F5 with M2 gives FM 3.
    expect(isIn("rfm_champions", buyer(10, 8, 15_000))).toBe(true);
    expect(isIn("rfm_potential_loyalist", buyer(10, 8, 14_999))).toBe(true);
    // Can't lose them: the best customers, gone for more than 180 days.
    expect(isIn("rfm_cant_lose_them", buyer(181, 8, 100_000))).toBe(true);
    expect(isIn("rfm_lost", buyer(366, 1, 2_000))).toBe(true);
  });

  it("leave out customers who never ordered", () => {
    for (const t of RFM_TEMPLATES) expect(isIn(t.key, subject([visit(3)])), t.key).toBe(false);
  });
});

describe("RFM cut points from data", () => {
  it("takes the 20/40/60/80% quantiles of each measure", () => {
    const buyers = Array.from({ length: 100 }, (_, i) => ({
      daysSinceLastOrder: i + 1,
      orders: i + 1,
      spendMinor: (i + 1) * 100,
    }));
    expect(rfmCutPointsFromData(buyers)).toEqual({
      r5MaxDays: 20,
      r4MaxDays: 40,
      r3MaxDays: 60,
      r2MaxDays: 80,
      f2MinOrders: 21,
      f3MinOrders: 41,
      f4MinOrders: 61,
      f5MinOrders: 81,
      m2MinSpendMinor: 2_100,
      m3MinSpendMinor: 4_100,
      m4MinSpendMinor: 6_100,
      m5MinSpendMinor: 8_100,
    });
  });

  it("nudges tied cut points apart so they are always valid parameters", () => {
    const onceOnly = Array.from({ length: 50 }, () => ({
      daysSinceLastOrder: 40,
      orders: 1,
      spendMinor: 3_000,
    }));
    const values = rfmCutPointsFromData(onceOnly);
    expect(values).toMatchObject({
      r5MaxDays: 40,
      r4MaxDays: 41,
      f2MinOrders: 2,
      f5MinOrders: 5,
      m2MinSpendMinor: 3_000,
      m3MinSpendMinor: 3_001,
    });
    expect(resolveTemplateValues(RFM_TEMPLATES[0]!, values).ok).toBe(true);
    expect(rfmCutPointsFromData([])).toEqual(
      Object.fromEntries(RFM_PARAMETERS.map((p) => [p.key, p.default])),
    );
  });
});
