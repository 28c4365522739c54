import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";
import {
  loyaltyFixtures,
  pointsConfig,
  programsPerTest,
} from "../../test-support/loyalty-fixtures";

// The scheduled loyalty upkeep over HTTP: tier reviews held by an override, expiry notices
// of inactivity expiry, anniversary rewards and birthday bonuses.

let t: TestServer;
let f: ReturnType<typeof loyaltyFixtures>;

beforeAll(async () => {
  t = await startTestServer();
  f = loyaltyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});
// Each test runs with only its own programs active, from the same starting day.
const { travel, program } = programsPerTest(
  () => t,
  () => f,
);

type Report = Record<
  | "unlocked"
  | "expired"
  | "expiringNotices"
  | "tiersEvaluated"
  | "tiersChanged"
  | "tiersHeld"
  | "anniversaries"
  | "birthdays",
  number
>;

/** Runs the upkeep job now, as the scheduler would. */
async function maintenance(): Promise<Report> {
  const res = await t.gql<{ runLoyaltyMaintenance: Report }>(
    `mutation { runLoyaltyMaintenance {
       unlocked expired expiringNotices tiersEvaluated tiersChanged tiersHeld anniversaries birthdays } }`,
    {},
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  return res.data!.runLoyaltyMaintenance;
}

async function redemptions(customerId: string) {
  const res = await t.gql<{
    redemptions: { edges: { node: { source: string; description: string } }[] };
  }>(
    `query($c: ID) { redemptions(customerId: $c, first: 50) { edges { node { source description } } } }`,
    { c: customerId },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  return res.data!.redemptions.edges.map((e) => e.node);
}

describe("tier review held by a manual override", () => {
  const tiered = {
    type: "tiered",
    earning: { rate: { points: 1, perMinor: 100 } },
    tiers: [
      { code: "bronze", name: "Bronze", threshold: 0 },
      { code: "silver", name: "Silver", threshold: 500 },
      { code: "gold", name: "Gold", threshold: 1000 },
    ],
    qualification: { basis: "points_earned", window: { kind: "calendar_year" } },
    downgradePolicy: "reevaluate",
  };

  it("records the blocked downgrade visibly (event, ledger, audit, count), once per review", async () => {
    const p = await program("Held tiers", tiered);
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 1_000 }]); // 10 points: bronze
    const set = await t.gql(
      `mutation($i: TierOverrideInput!) { setTierOverride(input: $i) { tier { code } } }`,
      {
        i: {
          customerId: c,
          programId: p,
          tierCode: "gold",
          until: "2027-03-01T00:00:00.000Z",
          reason: "Influencer deal",
        },
      },
      t.admin,
    );
    expect(set.errors ?? []).toEqual([]);

    // The year ends: the 10 points earned in 2026 qualify for bronze; the override holds gold.
    await travel("2027-01-01T06:00:00Z");
    const report = await maintenance();
    expect(report).toMatchObject({ tiersChanged: 0, tiersHeld: 1 });
    expect((await f.account(c, p))?.tier?.code).toBe("gold");

    const [event, ...more] = await f.outbox("loyalty.tier_held", c);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      programId: p,
      tier: "gold",
      wouldBe: "bronze",
      direction: "down",
      until: "2027-03-01T00:00:00.000Z",
    });
    expect(event!.why).toContain("held at Gold by a manual override");
    expect(await f.outbox("loyalty.tier_changed", c)).toHaveLength(1); // only the override itself

    const held = (await f.ledger(c, p)).edges.filter((e) => e.node.details.tierHeld);
    expect(held).toHaveLength(1);
    expect(held[0]!.node).toMatchObject({ kind: "ADJUST", amount: 0, actor: "system" });
    expect(held[0]!.node.reason).toBe(
      "Tier held at Gold by a manual override until 2027-03-01 (Influencer deal); without it: down to Bronze",
    );

    const log = await t.gql<{
      auditLog: { edges: { node: { action: string; after: Record<string, unknown> } }[] };
    }>(
      `query($f: AuditLogFilter) { auditLog(filter: $f, first: 10) { edges { node { action after } } } }`,
      { f: { entityType: "LOYALTY_ACCOUNT", entityId: `${p}:${c}` } },
      t.admin,
    );
    expect(log.errors ?? []).toEqual([]);
    expect(log.data!.auditLog.edges.map((e) => e.node.action)).toContain("tier_held_by_override");

    // The next review is at the next period end: running again records nothing new.
    expect(await maintenance()).toMatchObject({ tiersHeld: 0, tiersChanged: 0 });
    expect(await f.outbox("loyalty.tier_held", c)).toHaveLength(1);

    // Once the override has ended, the next review downgrades, and nothing is "held".
    await travel("2028-01-01T06:00:00Z");
    expect(await maintenance()).toMatchObject({ tiersHeld: 0, tiersChanged: 1 });
    expect((await f.account(c, p))?.tier?.code).toBe("bronze");
    expect(await f.outbox("loyalty.tier_held", c)).toHaveLength(1);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });
});

describe("expiring-soon notices with inactivity expiry", () => {
  it("lapses at the announced time when the month is shorter (Aug 31 + 6 months = Feb 28)", async () => {
    const p = await program(
      "Inactivity at month end",
      pointsConfig({ expiry: { kind: "inactivity", months: 6 }, expiringNoticeDays: 30 }),
    );
    const c = await f.customer();
    await travel("2026-08-31T09:00:00Z");
    await f.order(c, [{ amountMinor: 10_000 }]); // 100 pts, last activity 2026-08-31T09:00

    await travel("2027-02-01T12:00:00Z");
    expect((await maintenance()).expiringNotices).toBe(1);
    expect(await f.outbox("loyalty.points_expiring", c)).toEqual([
      { programId: p, points: 100, firstExpiresAt: "2027-02-28T09:00:00.000Z" },
    ]);
    // One minute before the announced time nothing lapses; the same day after it, all of it.
    await travel("2027-02-28T08:59:00Z");
    expect((await maintenance()).expired).toBe(0);
    expect((await f.account(c, p))?.balance).toBe(100);
    await travel("2027-02-28T12:00:00Z");
    expect((await maintenance()).expired).toBe(1);
    expect((await f.account(c, p))?.balance).toBe(0);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("announces the whole balance once before it lapses, again after activity moves the date", async () => {
    const p = await program(
      "Inactivity notices",
      pointsConfig({ expiry: { kind: "inactivity", months: 6 }, expiringNoticeDays: 30 }),
    );
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 10_000 }]); // 100 pts on 2026-06-15: lapse 2026-12-15T10:00

    // 31 days before: outside the notice window.
    await travel("2026-11-14T10:00:00Z");
    expect((await maintenance()).expiringNotices).toBe(0);
    expect((await f.account(c, p))?.expiringSoon).toEqual({ amount: 0, firstExpiresAt: null });

    await travel("2026-11-20T10:00:00Z");
    expect((await maintenance()).expiringNotices).toBe(1);
    expect(await f.outbox("loyalty.points_expiring", c)).toEqual([
      { programId: p, points: 100, firstExpiresAt: "2026-12-15T10:00:00.000Z" },
    ]);
    expect((await f.account(c, p))?.expiringSoon).toEqual({
      amount: 100,
      firstExpiresAt: "2026-12-15T10:00:00.000Z",
    });
    // Once per lapse date.
    expect((await maintenance()).expiringNotices).toBe(0);
    expect(await f.outbox("loyalty.points_expiring", c)).toHaveLength(1);

    // Activity moves the lapse to 2027-05-25T10:00: nothing expires soon any more.
    await travel("2026-11-25T10:00:00Z");
    await f.order(c, [{ amountMinor: 1_000 }]);
    expect((await f.account(c, p))?.expiringSoon).toEqual({ amount: 0, firstExpiresAt: null });
    expect((await maintenance()).expiringNotices).toBe(0);

    // The new date gets its own notice, once.
    await travel("2027-05-01T10:00:00Z");
    expect((await maintenance()).expiringNotices).toBe(1);
    expect((await f.outbox("loyalty.points_expiring", c)).at(-1)).toEqual({
      programId: p,
      points: 110,
      firstExpiresAt: "2027-05-25T10:00:00.000Z",
    });
    expect((await f.account(c, p))?.expiringSoon).toEqual({
      amount: 110,
      firstExpiresAt: "2027-05-25T10:00:00.000Z",
    });
    expect((await maintenance()).expiringNotices).toBe(0);

    // Then the balance lapses as announced.
    await travel("2027-05-25T10:00:00Z");
    expect((await maintenance()).expired).toBe(1);
    expect(await f.account(c, p)).toMatchObject({
      balance: 0,
      expiringSoon: { amount: 0, firstExpiresAt: null },
    });
    expect(await f.outbox("loyalty.points_expiring", c)).toHaveLength(2);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });
});

describe("anniversary rewards", () => {
  const config = { ...pointsConfig(), anniversaryReward: { description: "Free shipping" } };

  it("rewards from the start of the day of joining, never days early, once a year", async () => {
    await travel("2026-01-01T00:00:00Z");
    const p = await program("Anniversaries", config);
    await travel("2026-01-31T12:00:00Z");
    const jan31 = await f.customer();
    await f.order(jan31, [{ amountMinor: 1_000 }]); // joins on Jan 31
    await travel("2026-03-31T12:00:00Z");
    const mar31 = await f.customer();
    await f.order(mar31, [{ amountMinor: 1_000 }]); // joins on Mar 31
    expect((await f.account(jan31, p))?.status).toBe("enrolled");

    // Not in the year of joining.
    await travel("2026-12-31T23:00:00Z");
    expect((await maintenance()).anniversaries).toBe(0);

    // Not on the 28th-30th of January: January has a 31st.
    for (const day of ["2027-01-28T12:00:00Z", "2027-01-30T23:59:00Z"]) {
      await travel(day);
      expect((await maintenance()).anniversaries).toBe(0);
    }
    expect(await redemptions(jan31)).toEqual([]);

    await travel("2027-01-31T00:30:00Z");
    expect((await maintenance()).anniversaries).toBe(1);
    expect(await redemptions(jan31)).toEqual([
      { source: "anniversary", description: "Free shipping" },
    ]);
    expect(await f.outbox("loyalty.reward_granted", jan31)).toHaveLength(1);
    // Idempotent: the same day, and later that year.
    expect((await maintenance()).anniversaries).toBe(0);
    await travel("2027-02-15T12:00:00Z");
    expect((await maintenance()).anniversaries).toBe(0);
    expect(await redemptions(jan31)).toHaveLength(1);

    // March 31 stays March 31.
    await travel("2027-03-30T23:59:00Z");
    expect((await maintenance()).anniversaries).toBe(0);
    expect(await redemptions(mar31)).toEqual([]);
    await travel("2027-03-31T00:01:00Z");
    expect((await maintenance()).anniversaries).toBe(1);
    expect(await redemptions(mar31)).toHaveLength(1);
    expect((await maintenance()).anniversaries).toBe(0);

    // The next year, again once each.
    await travel("2028-04-01T12:00:00Z");
    expect((await maintenance()).anniversaries).toBe(2);
    expect((await maintenance()).anniversaries).toBe(0);
  });

  it("falls on the last day of the month only when the month is shorter (Feb 29 → Feb 28)", async () => {
    await travel("2028-02-29T12:00:00Z");
    const p = await program("Leap anniversaries", config);
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 1_000 }]);
    expect(await f.account(c, p)).toBeDefined();

    await travel("2029-02-27T23:59:00Z");
    expect((await maintenance()).anniversaries).toBe(0);
    await travel("2029-02-28T00:30:00Z");
    expect((await maintenance()).anniversaries).toBe(1);
    expect((await maintenance()).anniversaries).toBe(0);
    // In a leap year it is Feb 29 again.
    await travel("2032-02-28T12:00:00Z");
    // 2030 and 2031 were missed while the job did not run; only this year's counts.
    expect((await maintenance()).anniversaries).toBe(0);
    await travel("2032-02-29T00:30:00Z");
    expect((await maintenance()).anniversaries).toBe(1);
    expect(await redemptions(c)).toHaveLength(2);
  });
});

describe("birthday bonus", () => {
  it("awards the bonus once a year, from the birthday on", async () => {
    const p = await program("Birthdays", pointsConfig({ bonuses: { birthday: 50, custom: [] } }));
    const c = await f.customer({ birthDate: "1990-06-20" });
    await f.order(c, [{ amountMinor: 10_000 }]); // 100 pts on 2026-06-15
    expect((await maintenance()).birthdays).toBe(0);

    await travel("2026-06-19T23:59:00Z");
    expect((await maintenance()).birthdays).toBe(0);
    expect((await f.account(c, p))?.balance).toBe(100);

    await travel("2026-06-20T00:30:00Z");
    expect((await maintenance()).birthdays).toBe(1);
    expect((await f.account(c, p))?.balance).toBe(150);
    const bonus = (await f.ledger(c, p)).edges.filter((e) => e.node.details.bonus === "birthday");
    expect(bonus).toHaveLength(1);
    expect(bonus[0]!.node).toMatchObject({ kind: "EARN", amount: 50 });

    // Idempotent: again that day and later that year.
    expect((await maintenance()).birthdays).toBe(0);
    await travel("2026-09-01T12:00:00Z");
    expect((await maintenance()).birthdays).toBe(0);
    expect((await f.account(c, p))?.balance).toBe(150);

    // Next year, once more.
    await travel("2027-06-20T12:00:00Z");
    expect((await maintenance()).birthdays).toBe(1);
    expect((await maintenance()).birthdays).toBe(0);
    expect((await f.account(c, p))?.balance).toBe(200);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });
});
