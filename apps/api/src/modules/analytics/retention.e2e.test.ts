import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_TYPES, retentionSeries, type CustomerActivity } from "@trouw/domain";
import { startTestServer, TEST_NOW, type TestServer } from "../../test-support/server";
import {
  activityOf,
  analyticsFixtures,
  RETENTION_QUERY,
  type FixtureEvent,
  type RetentionAnswer,
} from "./analytics-fixtures";

let t: TestServer;
let f: ReturnType<typeof analyticsFixtures>;
/** Every customer's events so far: the oracle's input. */
const all: { customerId: string; event: FixtureEvent }[] = [];
const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await startTestServer();
  f = analyticsFixtures(t);
  // Track more windows than the default 90 days, so the property test reaches the rollup
  // with several windows (and the events path with the others).
  await t.db.transaction((em) =>
    em.query(`INSERT INTO analytics_activity_windows (days) VALUES (1), (30), (365)`),
  );
});
afterAll(async () => {
  await t?.stop();
});

async function retention(variables: Record<string, unknown>) {
  return (await f.query<RetentionAnswer>(RETENTION_QUERY, variables)).retention;
}

/** The domain's retentionSeries over the same customers, shaped like the API's answer. */
function oracle(
  customers: CustomerActivity[],
  opts: {
    first: string;
    periods: number;
    months: number;
    withinDays: number;
    types: readonly string[];
  },
) {
  return retentionSeries(customers, {
    firstPeriodStart: at(opts.first),
    periods: opts.periods,
    periodMonths: opts.months,
    active: { withinDays: opts.withinDays, eventTypes: opts.types },
  }).map((p) => ({
    periodStart: p.periodStart.toISOString(),
    periodEnd: p.periodEnd.toISOString(),
    complete: p.periodEnd <= TEST_NOW,
    atStart: p.atStart,
    acquired: p.acquired,
    newCustomers: p.newCustomers,
    reactivated: p.reactivated,
    lost: p.lost,
    atEnd: p.atEnd,
    retentionRate: p.retention,
    churnRate: p.churn,
  }));
}

describe("retention", () => {
  it("reproduces the DOMAIN.md worked example: 1000 at the start, 200 acquired, 100 lost is 90% retention and 10% churn", async () => {
    // Active = an order in the last 90 days. At 1 January: 900 who stay and 100 who leave
    // (ordered 15 October). In January: 200 first-time buyers and the 900 order again.
    const [stay, leave, join] = [
      await f.customersWith(900),
      await f.customersWith(100),
      await f.customersWith(200),
    ];
    const rows = [
      ...stay.flatMap((customerId) => [
        { customerId, event: { type: "order" as const, at: at("2025-10-15T12:00:00Z") } },
        { customerId, event: { type: "order" as const, at: at("2026-01-20T12:00:00Z") } },
      ]),
      ...leave.map((customerId) => ({
        customerId,
        event: { type: "order" as const, at: at("2025-10-15T12:00:00Z") },
      })),
      ...join.map((customerId) => ({
        customerId,
        event: { type: "order" as const, at: at("2026-01-20T12:00:00Z") },
      })),
    ];
    await f.insertEvents(rows);
    all.push(...rows);

    const january = {
      from: "2026-01-01T00:00:00Z",
      to: "2026-02-01T00:00:00Z",
      p: "MONTH",
    };
    const expected = {
      periodStart: "2026-01-01T00:00:00.000Z",
      periodEnd: "2026-02-01T00:00:00.000Z",
      complete: true,
      atStart: 1000,
      acquired: 200,
      newCustomers: 200,
      reactivated: 0,
      lost: 100,
      atEnd: 1100,
      retentionRate: 90,
      churnRate: 10,
    };
    const fromRollup = await retention(january);
    expect(fromRollup.source).toBe("ROLLUP");
    expect(fromRollup.definition).toEqual({ withinDays: 90, eventTypes: ["ORDER"] });
    expect(fromRollup.periods).toEqual([expected]);
    // The same definition read from events (visits count too, but nobody visited).
    const fromEvents = await retention({
      ...january,
      d: { withinDays: 90, eventTypes: ["ORDER", "VISIT"] },
    });
    expect(fromEvents.source).toBe("EVENTS");
    expect(fromEvents.periods).toEqual([expected]);
  });

  it("equals the domain's retentionSeries on random activity, from the rollup and from events, by month and quarter", async () => {
    const first = Date.UTC(2025, 8, 1);
    const boundaries = Array.from({ length: 11 }, (_, k) => Date.UTC(2025, 8 + k, 1));
    const windows = [1, 7, 30, 31, 90, 365];
    const time = fc.oneof(
      // Anywhere from September 2025 to now, to the millisecond.
      fc.integer({ min: first, max: TEST_NOW.getTime() }),
      // Exactly on a month start, or exactly N days (or a millisecond less) before one.
      fc.constantFrom(...boundaries),
      fc
        .tuple(fc.constantFrom(...boundaries), fc.constantFrom(...windows), fc.constantFrom(0, 1))
        .map(([b, n, ms]) => b - n * DAY - ms),
    );
    const customerArb = fc.array(
      fc.record({ type: fc.constantFrom<"order" | "visit">("order", "order", "visit"), at: time }),
      { minLength: 1, maxLength: 6 },
    );
    const definitionArb = fc.record({
      withinDays: fc.constantFrom(...windows, 45, 120),
      types: fc.constantFrom(["order"], ["order", "visit"], [...EVENT_TYPES]),
    });
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerArb, { minLength: 1, maxLength: 8 }),
        definitionArb,
        fc.constantFrom("api", "bulk"),
        async (customers, definition, via) => {
          const ids = await f.customersWith(customers.length);
          const rows = customers.flatMap((events, i) =>
            events.map((e) => ({
              customerId: ids[i]!,
              event: { type: e.type, at: new Date(Math.min(e.at, TEST_NOW.getTime())) },
            })),
          );
          if (via === "api") await f.recordEvents(rows);
          else await f.insertEvents(rows);
          all.push(...rows);
          const activity = activityOf(all);
          for (const grid of [
            {
              first: "2025-10-01T00:00:00.000Z",
              to: "2026-06-01T00:00:00Z",
              periods: 8,
              months: 1,
              p: "MONTH",
            },
            {
              first: "2025-10-01T00:00:00.000Z",
              to: "2026-06-15T00:00:00Z",
              periods: 3,
              months: 3,
              p: "QUARTER",
            },
          ]) {
            for (const d of [
              { withinDays: 90, types: ["order"] },
              { withinDays: definition.withinDays, types: ["order"] },
              definition,
            ]) {
              const answer = await retention({
                from: grid.first,
                to: grid.to,
                p: grid.p,
                d: { withinDays: d.withinDays, eventTypes: d.types.map((x) => x.toUpperCase()) },
              });
              seen.add(answer.source);
              const expected = oracle(activity, {
                ...grid,
                withinDays: d.withinDays,
                types: d.types,
              });
              expect(answer.periods).toEqual(expected);
              // The per-customer rollup (what a segment reads) agrees as well.
              if (answer.source === "ROLLUP") {
                const customers = await t.app.services.analytics.retention({
                  from: new Date(grid.first),
                  to: new Date(grid.to),
                  period: grid.months === 1 ? "month" : "quarter",
                  active: { withinDays: d.withinDays, eventTypes: [...d.types] },
                  path: "customers",
                });
                expect(
                  customers.periods.map((p) => ({
                    ...p,
                    periodStart: p.periodStart.toISOString(),
                    periodEnd: p.periodEnd.toISOString(),
                  })),
                ).toEqual(expected);
              }
            }
          }
        },
      ),
      { seed: 20261123, numRuns: 8 },
    );
    expect([...seen].sort()).toEqual(["EVENTS", "ROLLUP"]);
  });

  it("counts only the members of a segment when asked, on both paths", async () => {
    const ids = await f.customersWith(6, (i) => (i % 2 === 0 ? ["retention-seg"] : []));
    const rows = ids.flatMap((customerId, i) => [
      {
        customerId,
        event: { type: "order" as const, at: at(`2026-0${1 + (i % 4)}-10T08:00:00Z`) },
      },
      { customerId, event: { type: "visit" as const, at: at("2026-04-28T08:00:00Z") } },
    ]);
    await f.insertEvents(rows);
    all.push(...rows);
    const segmentId = await f.segment("Retention members", "retention-seg");
    const members = activityOf(all).filter((c) => ids.indexOf(c.customerId) % 2 === 0);
    for (const d of [
      { withinDays: 90, types: ["order"] },
      { withinDays: 60, types: ["order", "visit"] },
    ]) {
      const answer = await retention({
        from: "2026-01-01T00:00:00Z",
        to: "2026-06-01T00:00:00Z",
        p: "MONTH",
        seg: segmentId,
        d: { withinDays: d.withinDays, eventTypes: d.types.map((x) => x.toUpperCase()) },
      });
      expect(answer.periods).toEqual(
        oracle(members, {
          first: "2026-01-01T00:00:00.000Z",
          periods: 5,
          months: 1,
          withinDays: d.withinDays,
          types: d.types,
        }),
      );
      expect(answer.periods.some((p) => p.atEnd > 0)).toBe(true);
    }
  });

  it("leaves a customer's activity rows untouched by an order inside windows already active, rewrites those an order changes", async () => {
    const [c] = await f.customersWith(1);
    /** Each tracked window's row version (xmin changes whenever the row is rewritten). */
    const versions = () =>
      t.db.read((em) =>
        em.query<{ days: number; v: string }[]>(
          `SELECT window_days AS days, xmin::text AS v FROM analytics_customer_activity
           WHERE customer_id = $1 ORDER BY window_days`,
          [c],
        ),
      );
    const order = async (iso: string) => {
      await f.recordEvents([{ customerId: c!, event: { type: "order", at: at(iso) } }]);
      all.push({ customerId: c!, event: { type: "order", at: at(iso) } });
      return versions();
    };
    const changed = (a: { days: number; v: string }[], b: { days: number; v: string }[]) =>
      a.filter((row, i) => row.v !== b[i]!.v).map((row) => row.days);

    const first = await order("2026-03-10T10:00:00Z");
    expect(first.map((r) => r.days)).toEqual([1, 30, 90, 365]);
    // Two days later: every month it would mark is marked, its first order is earlier.
    const repeat = await order("2026-03-12T10:00:00Z");
    expect(changed(first, repeat)).toEqual([]);
    // Later in spring the 30, 90 and 365-day windows reach months not yet marked: the fold
    // runs, for all the customer's windows at once.
    const later = await order("2026-05-20T10:00:00Z");
    expect(changed(repeat, later)).toEqual([1, 30, 90, 365]);
    expect(changed(later, await order("2026-05-21T10:00:00Z"))).toEqual([]);
    // An earlier first order changes every window's row.
    const earlier = await order("2026-02-01T10:00:00Z");
    expect(changed(later, earlier)).toEqual([1, 30, 90, 365]);
    // What the rollups then answer is checked against a rebuild below.
  });

  it("keeps the rollups equal to a rebuild from the events they were folded from", async () => {
    const snapshot = () =>
      t.db.read(async (em) => ({
        bits: await em.query(
          `SELECT window_days, customer_id::text, i, a.words[i]::text AS word FROM analytics_customer_activity a,
             generate_series(array_lower(a.words, 1), array_upper(a.words, 1)) AS i
           WHERE coalesce(a.words[i], 0) <> 0 ORDER BY 1, 2, 3`,
        ),
        firsts: await em.query(
          `SELECT window_days, customer_id::text, first_at FROM analytics_customer_activity ORDER BY 1, 2`,
        ),
        periods: await em.query(
          `SELECT customer_id::text, months, period_start::text, currency, orders, net_minor::text, refunded_minor::text
           FROM analytics_customer_periods ORDER BY 1, 2, 3, 4`,
        ),
        totals: await em.query(
          `SELECT months, period_start::text, currency, sum(orders)::text AS o, sum(net_minor)::text AS n,
             sum(refunded_minor)::text AS r, sum(customers)::text AS c, sum(repeat_customers)::text AS rc
           FROM (SELECT * FROM analytics_period_totals UNION ALL SELECT * FROM analytics_period_deltas) x
           GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        ),
        clv: await em.query(
          `SELECT customer_id::text, currency, orders, net_minor::text, refunded_minor::text FROM analytics_customer_totals ORDER BY 1, 2`,
        ),
      }));
    const folded = await snapshot();
    expect(folded.bits.length).toBeGreaterThan(1000);
    await t.db.transaction((em) => em.query(`SELECT analytics_rebuild_events()`));
    expect(await snapshot()).toEqual(folded);
  });

  it("refuses an empty range, too many periods and a bad definition with BAD_USER_INPUT", async () => {
    const codes = async (variables: Record<string, unknown>) => {
      const res = await t.gql(RETENTION_QUERY, variables, t.admin);
      const e = res.errors?.[0]?.extensions as { code?: string; problems?: { code: string }[] };
      return [e?.code, ...(e?.problems ?? []).map((p) => p.code)];
    };
    expect(await codes({ from: "2026-02-01T00:00:00Z", to: "2026-02-01T00:00:00Z" })).toEqual([
      "BAD_USER_INPUT",
      "INVALID_RANGE",
    ]);
    expect(await codes({ from: "2000-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" })).toEqual([
      "BAD_USER_INPUT",
      "TOO_MANY_PERIODS",
    ]);
    expect(await codes({ d: { withinDays: 0, eventTypes: [] } })).toEqual([
      "BAD_USER_INPUT",
      "OUT_OF_RANGE",
      "EMPTY",
    ]);
    expect(await codes({ seg: "not-an-id" })).toEqual(["BAD_USER_INPUT", "INVALID_ID"]);
    expect(await codes({ seg: "00000000-0000-4000-8000-000000000000" })).toEqual(["NOT_FOUND"]);
  });
});
