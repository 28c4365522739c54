import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";
import { runLedgerCheck } from "./ledger-check";
import { loyaltyFixtures, pointsConfig } from "../../test-support/loyalty-fixtures";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

describe("ledger check command", () => {
  it("passes when balances equal their ledgers and names the account whose projection drifted", async () => {
    const f = loyaltyFixtures(t);
    const program = await f.program("Checked", pointsConfig());
    const a = await f.customer();
    const b = await f.customer();
    await f.order(a, [{ amountMinor: 5_000 }]);
    await f.order(b, [{ amountMinor: 7_000 }]);
    const lines: string[] = [];
    expect(await runLedgerCheck(t.app.services.loyalty, (l) => lines.push(l))).toBe(0);

    // Simulate a projection written outside the ledger.
    await t.db.transaction((em) =>
      em.query(
        `UPDATE loyalty_accounts SET balance = balance + 5 WHERE program_id = $1 AND customer_id = $2`,
        [program, b],
      ),
    );
    lines.length = 0;
    expect(await runLedgerCheck(t.app.services.loyalty, (l) => lines.push(l))).toBe(1);
    expect(lines.filter((l) => l.startsWith("MISMATCH"))).toHaveLength(1);
    expect(lines[0]).toContain(b);
    expect(lines[0]).toContain("balance 75 vs ledger 70");
  });
});
