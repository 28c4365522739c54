import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, TEST_NOW, type TestServer } from "../../test-support/server";
import { DAY_MS, loyaltyFixtures, pointsConfig } from "../../test-support/loyalty-fixtures";

let t: TestServer;
let f: ReturnType<typeof loyaltyFixtures>;
beforeAll(async () => {
  t = await startTestServer();
  f = loyaltyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});

type Op =
  | { op: "order"; amountMinor: number }
  | { op: "refund"; which: number; share: number }
  | { op: "redeem"; cost: number }
  | { op: "cancel" }
  | { op: "adjust"; amount: number }
  | { op: "wait"; days: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("order" as const),
      amountMinor: fc.integer({ min: 1, max: 40_000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("refund" as const),
      which: fc.nat(5),
      share: fc.integer({ min: 1, max: 100 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("redeem" as const),
      cost: fc.constantFrom(10, 50, 120, 400),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: "cancel" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("adjust" as const),
      amount: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("wait" as const),
      days: fc.constantFrom(1, 8, 40, 200),
    }),
  },
);

describe("ledger invariants over the API", () => {
  it("random earn / refund / redeem / cancel / adjust / expire sequences keep every balance equal to its ledger and never overdraw", async () => {
    const program = await f.program(
      "Invariant points",
      pointsConfig({ pendingDays: 7, expiry: { kind: "fixed", months: 6 } }),
    );
    const rewards = new Map<number, string>();
    for (const cost of [10, 50, 120, 400]) rewards.set(cost, await f.reward(program, { cost }));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 14 }), async (ops) => {
        t.clock.set(new Date(TEST_NOW.getTime() + run++ * 1000 * DAY_MS));
        t.admin = await t.login("root@test.trouw", "correct horse");
        const c = await f.customer();
        const orders: { id: string; left: number }[] = [];
        const redemptions: string[] = [];
        for (const o of ops) {
          if (o.op === "order") {
            orders.push({
              id: await f.order(c, [{ amountMinor: o.amountMinor }]),
              left: o.amountMinor,
            });
          } else if (o.op === "refund" && orders.length) {
            const order = orders[o.which % orders.length]!;
            const amount = Math.max(1, Math.floor((order.left * o.share) / 100));
            if (order.left >= amount) {
              await f.refund(order.id, amount);
              order.left -= amount;
            }
          } else if (o.op === "redeem") {
            const res = await f.redeem(c, rewards.get(o.cost)!);
            if (res.errors)
              expect((res.errors[0]!.extensions as { reason?: string }).reason).toMatch(
                /INSUFFICIENT_BALANCE|NOT_ENROLLED/,
              );
            else redemptions.push(res.data!.redeemReward.id);
          } else if (o.op === "cancel" && redemptions.length) {
            const res = await t.gql(
              `mutation($id: ID!) { cancelRedemption(id: $id, reason: "property test") { id } }`,
              { id: redemptions.pop() },
              t.writeKey,
            );
            expect(res.errors ?? []).toEqual([]);
          } else if (o.op === "adjust") {
            const res = await t.gql(
              `mutation($i: AdjustBalanceInput!) { adjustBalance(input: $i) { id } }`,
              {
                i: { customerId: c, programId: program, amount: o.amount, reason: "property test" },
              },
              t.admin,
            );
            if (res.errors)
              expect((res.errors[0]!.extensions as { reason?: string }).reason).toBe(
                "INSUFFICIENT_BALANCE",
              );
          } else if (o.op === "wait") {
            t.clock.advance(o.days * DAY_MS);
            t.admin = await t.login("root@test.trouw", "correct horse");
            await f.maintenance();
          }
          const acc = await f.account(c, program);
          if (acc) {
            expect(acc.balance).toBeGreaterThanOrEqual(0);
            expect(acc.pending).toBeGreaterThanOrEqual(0);
          }
        }
        expect(await f.ledgerIsConsistent()).toBe(true);
      }),
      { seed: 20261123, numRuns: 12, endOnFailure: true },
    );
  }, 120_000); // a few hundred API calls: slow when the machine is busy
});
