import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../segments/subject";
import { retentionRate } from "./retention";
import {
  activeCustomersAt,
  retentionSeries,
  type ActiveCustomerDefinition,
  type CustomerActivity,
} from "./retention-series";

const at = (iso: string) => new Date(iso);
const orders = (customerId: string, ...isos: string[]): CustomerActivity => ({
  customerId,
  events: isos.map((iso) => ({ type: "order", occurredAt: at(iso) })),
});
const ordered30: ActiveCustomerDefinition = { withinDays: 30, eventTypes: ["order"] };

/*
 * Active = an order in the 30 days before the boundary: at 1 Jan that is [2 Dec, 1 Jan),
 * at 1 Feb [2 Jan, 1 Feb), at 1 Mar [30 Jan, 1 Mar).
 */
const customers: CustomerActivity[] = [
  orders("a", "2025-12-15T10:00:00Z", "2026-01-20T10:00:00Z", "2026-02-20T10:00:00Z"), // stays
  orders("b", "2025-12-20T10:00:00Z"), // lost in January
  orders("c", "2026-01-10T10:00:00Z"), // new in January, lost in February
  orders("d", "2025-06-01T10:00:00Z", "2026-01-25T10:00:00Z"), // reactivated in January, lost in February
  orders("e", "2026-02-01T00:00:00Z"), // exactly at the boundary: February's, not January's
  orders("f", "2025-12-02T00:00:00Z"), // exactly 30 days before 1 Jan: active then, lost in January
  orders("g", "2025-12-01T23:59:59.999Z"), // a millisecond too early: never active in the series
  { customerId: "h", events: [{ type: "visit", occurredAt: at("2026-01-05T10:00:00Z") }] },
  orders("i", "2026-02-28T10:00:00Z"), // new in February
  orders("j", "2026-01-31T00:00:00Z"), // new in January, still active at 1 March
];
const options = { firstPeriodStart: at("2026-01-01T00:00:00Z"), periods: 2, active: ordered30 };

describe("retentionSeries", () => {
  it("counts per month who was active at the start and end, and who came and went", () => {
    expect(retentionSeries(customers, options)).toEqual([
      {
        periodStart: at("2026-01-01T00:00:00Z"),
        periodEnd: at("2026-02-01T00:00:00Z"),
        atStart: 3, // a, b, f
        acquired: 3, // c, j new; d reactivated
        newCustomers: 2,
        reactivated: 1,
        lost: 2, // b, f
        atEnd: 4, // a, c, d, j
        retention: 33.3,
        churn: 66.7,
      },
      {
        periodStart: at("2026-02-01T00:00:00Z"),
        periodEnd: at("2026-03-01T00:00:00Z"),
        atStart: 4,
        acquired: 2, // e, i
        newCustomers: 2,
        reactivated: 0,
        lost: 2, // c, d
        atEnd: 4, // a, e, i, j
        retention: 50,
        churn: 50,
      },
    ]);
  });

  it("names the active customers at a boundary, inclusive of the window start, exclusive of the end", () => {
    expect(activeCustomersAt(customers, at("2026-01-01T00:00:00Z"), ordered30)).toEqual([
      "a",
      "b",
      "f",
    ]);
    expect(activeCustomersAt(customers, at("2026-02-01T00:00:00Z"), ordered30)).toEqual([
      "a",
      "c",
      "d",
      "j",
    ]);
    expect(activeCustomersAt(customers, at("2026-03-01T00:00:00Z"), ordered30)).toEqual([
      "a",
      "e",
      "i",
      "j",
    ]);
  });

  it("counts every event type when told so", () => {
    const [january, february] = retentionSeries(customers, {
      ...options,
      active: { withinDays: 30, eventTypes: "any" },
    });
    // h only visited, on 5 January: now new in January and lost in February.
    expect(january).toMatchObject({ acquired: 4, newCustomers: 3, atEnd: 5 });
    expect(february).toMatchObject({ atStart: 5, lost: 3 });
  });

  it("reproduces the DOMAIN.md worked example: 1000 at the start, 200 new, 100 lost is 90%", () => {
    const stay = (i: number) => orders(`stay${i}`, "2025-12-20T00:00:00Z", "2026-01-20T00:00:00Z");
    const leave = (i: number) => orders(`leave${i}`, "2025-12-20T00:00:00Z");
    const join = (i: number) => orders(`join${i}`, "2026-01-20T00:00:00Z");
    const all = [
      ...Array.from({ length: 900 }, (_, i) => stay(i)),
      ...Array.from({ length: 100 }, (_, i) => leave(i)),
      ...Array.from({ length: 200 }, (_, i) => join(i)),
    ];
    expect(retentionSeries(all, { ...options, periods: 1 })[0]).toMatchObject({
      atStart: 1000,
      acquired: 200,
      lost: 100,
      atEnd: 1100,
      retention: 90,
      churn: 10,
    });
  });

  it("has no rates for a period that starts without active customers", () => {
    const [first] = retentionSeries([orders("x", "2026-01-15T00:00:00Z")], options);
    expect(first).toMatchObject({
      atStart: 0,
      acquired: 1,
      atEnd: 1,
      retention: null,
      churn: null,
    });
  });

  it("supports quarters and merges activity listed twice for one customer", () => {
    const data = [
      orders("a", "2026-03-20T00:00:00Z"),
      orders("a", "2026-06-20T00:00:00Z"),
      orders("b", "2025-06-01T00:00:00Z", "2026-06-25T00:00:00Z"),
    ];
    const rows = retentionSeries(data, {
      firstPeriodStart: at("2026-01-01T00:00:00Z"),
      periods: 2,
      periodMonths: 3,
      active: ordered30,
    });
    expect(rows.map((r) => [r.periodStart.toISOString(), r.atStart, r.acquired, r.atEnd])).toEqual([
      ["2026-01-01T00:00:00.000Z", 0, 1, 1],
      ["2026-04-01T00:00:00.000Z", 1, 1, 2],
    ]);
    expect(rows[1]).toMatchObject({ lost: 0, newCustomers: 0, reactivated: 1, retention: 100 });
  });

  it("refuses a first period that does not start a month and invalid definitions", () => {
    expect(() =>
      retentionSeries([], { ...options, firstPeriodStart: at("2026-01-02T00:00:00Z") }),
    ).toThrow(RangeError);
    expect(() =>
      retentionSeries([], { ...options, firstPeriodStart: at("2026-01-01T01:00:00Z") }),
    ).toThrow(RangeError);
    expect(() => retentionSeries([], { ...options, periods: 0 })).toThrow(RangeError);
    expect(() =>
      retentionSeries([], { ...options, active: { withinDays: 0, eventTypes: "any" } }),
    ).toThrow(RangeError);
    expect(() =>
      retentionSeries([], { ...options, active: { withinDays: 30, eventTypes: [] } }),
    ).toThrow(RangeError);
  });

  it("keeps its identities on any activity: chained snapshots, balanced counts, rates from counts", () => {
    const start = Date.UTC(2025, 10, 1);
    const customerArb = fc.array(
      fc.record({
        type: fc.constantFrom("order", "visit"),
        // From two months before the series to its end, on whole hours and on exact boundaries.
        at: fc.oneof(
          fc.integer({ min: start - 60 * DAY_MS, max: start + 200 * DAY_MS }),
          fc.integer({ min: 0, max: 6 }).map((k) => Date.UTC(2025, 10 + k, 1)),
        ),
      }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(
        fc.array(customerArb, { maxLength: 25 }),
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom<ActiveCustomerDefinition["eventTypes"]>(["order"], "any"),
        (events, withinDays, eventTypes) => {
          const data: CustomerActivity[] = events.map((list, i) => ({
            customerId: `c${i}`,
            events: list.map((e) => ({ type: e.type, occurredAt: new Date(e.at) })),
          }));
          const active = { withinDays, eventTypes };
          const rows = retentionSeries(data, {
            firstPeriodStart: new Date(start),
            periods: 6,
            active,
          });
          // The definition, by brute force.
          const activeAt = (b: number) =>
            data.filter((c) =>
              c.events.some(
                (e) =>
                  (eventTypes === "any" || eventTypes.includes(e.type)) &&
                  e.occurredAt.getTime() >= b - withinDays * DAY_MS &&
                  e.occurredAt.getTime() < b,
              ),
            ).length;
          rows.forEach((row, k) => {
            expect(row.atStart).toBe(activeAt(row.periodStart.getTime()));
            expect(row.atEnd).toBe(activeAt(row.periodEnd.getTime()));
            if (k > 0) expect(row.atStart).toBe(rows[k - 1]!.atEnd);
            expect(row.atEnd).toBe(row.atStart + row.acquired - row.lost);
            expect(row.newCustomers + row.reactivated).toBe(row.acquired);
            expect(row.retention).toBe(retentionRate(row));
            if (row.retention !== null && row.churn !== null)
              expect(Math.abs(row.retention + row.churn - 100)).toBeLessThanOrEqual(0.1 + 1e-9);
          });
        },
      ),
    );
  });
});
