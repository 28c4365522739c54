import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";
import { loyaltyFixtures, pointsConfig } from "../../test-support/loyalty-fixtures";

let t: TestServer;
let f: ReturnType<typeof loyaltyFixtures>;
beforeAll(async () => {
  t = await startTestServer();
  f = loyaltyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});

/** The SQL statements one repeat order costs (extensions.queryCount), with an idempotency key. */
async function statementsOfOrder(customerId: string, orderId: string): Promise<number> {
  const res = await t.gql<{ recordOrder: { id: string } }>(
    `mutation($i: RecordOrderInput!, $k: String) { recordOrder(input: $i, idempotencyKey: $k) { id } }`,
    {
      i: {
        customerId,
        orderId,
        currency: "EUR",
        occurredAt: t.clock.now().toISOString(),
        lines: [{ productId: "p", category: "shoes", quantity: 1, amountMinor: 5_000 }],
      },
      k: `key-${orderId}`,
    },
    t.writeKey,
  );
  expect(res.errors ?? []).toEqual([]);
  return res.extensions!.queryCount!;
}

describe("order ingest", () => {
  it("credits every program an order earns in with one ledger statement: three programs cost what one does", async () => {
    const first = await f.program("Statements A", pointsConfig());
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 1_000 }]); // enrols
    const withOne = await statementsOfOrder(c, "one-program");

    const others = [
      await f.program("Statements B", pointsConfig()),
      await f.program("Statements C", {
        ...pointsConfig(),
        earning: { rate: { points: 3, perMinor: 100 } },
      }),
    ];
    await f.order(c, [{ amountMinor: 1_000 }]); // enrols in B and C
    const withThree = await statementsOfOrder(c, "three-programs");

    expect(withThree).toBe(withOne);
    // ...and each program got exactly its own points from that order, projections = ledger.
    const balances = await Promise.all(
      [first, ...others].map(async (p) => (await f.account(c, p))!.balance),
    );
    expect(balances).toEqual([10 + 50 + 10 + 50, 10 + 50, 30 + 150]);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("replays a repeated order key without a second credit in any program", async () => {
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 1_000 }]);
    await statementsOfOrder(c, "replayed");
    const before = await t.count("ledger_entries");
    await statementsOfOrder(c, "replayed");
    expect(await t.count("ledger_entries")).toBe(before);
  });
});
