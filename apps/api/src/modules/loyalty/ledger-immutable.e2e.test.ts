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

const sql = <T = unknown>(text: string, params: unknown[] = []) =>
  t.db.transaction((em) => em.query<T>(text, params));

describe("the ledger is append-only in the database", () => {
  it("refuses UPDATE and DELETE of a ledger entry, whoever sends them", async () => {
    const p = await f.program("Immutable", pointsConfig());
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 12_300 }]);
    const [entry] = await sql<{ id: string; amount: string }[]>(
      `SELECT id, amount FROM ledger_entries WHERE program_id = $1 AND customer_id = $2`,
      [p, c],
    );
    expect(Number(entry!.amount)).toBe(123);

    await expect(
      sql(`UPDATE ledger_entries SET amount = 100000 WHERE id = $1`, [entry!.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql(`UPDATE ledger_entries SET reason = 'edited' WHERE program_id = $1`, [p]),
    ).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM ledger_entries WHERE id = $1`, [entry!.id])).rejects.toThrow(
      /append-only/,
    );

    const after = await sql<{ amount: string; reason: string }[]>(
      `SELECT amount, reason FROM ledger_entries WHERE program_id = $1 AND customer_id = $2`,
      [p, c],
    );
    expect(after).toHaveLength(1);
    expect(Number(after[0]!.amount)).toBe(123);
    expect(after[0]!.reason).not.toBe("edited");
    // Corrections still work: they are new entries.
    const adjusted = await t.gql(
      `mutation($i: AdjustBalanceInput!) { adjustBalance(input: $i) { amount } }`,
      { i: { customerId: c, programId: p, amount: -23, reason: "Goodwill correction" } },
      t.admin,
    );
    expect(adjusted.errors ?? []).toEqual([]);
    expect((await f.account(c, p))?.balance).toBe(100);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });
});
