import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, TEST_NOW, type TestServer } from "../test-support/server";
import { runLedgerCheck } from "../modules/loyalty/ledger-check";
import { loadDemoDataIfEmpty } from "./load";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await loadDemoDataIfEmpty(t.db, 300, pino({ level: "silent" }), TEST_NOW, t.app.services);
});
afterAll(async () => {
  await t?.stop();
});

describe("demo loyalty data", () => {
  it("starts with three active programs, a catalog and opening balances that equal their ledgers", async () => {
    const programs = await t.gql<{
      loyaltyPrograms: {
        edges: {
          node: { name: string; type: string; memberCount: number; rewards: { id: string }[] };
        }[];
      };
    }>(
      `query { loyaltyPrograms(status: ACTIVE) { edges { node { name type memberCount rewards { id } } } } }`,
      {},
      t.admin,
    );
    expect(programs.errors).toBeUndefined();
    const nodes = programs.data!.loyaltyPrograms.edges.map((e) => e.node);
    expect(nodes.map((n) => n.type).sort()).toEqual(["POINTS", "PUNCH_CARD", "TIERED"]);
    expect(nodes.find((n) => n.type === "POINTS")!.memberCount).toBeGreaterThan(100);
    expect(nodes.reduce((s, n) => s + n.rewards.length, 0)).toBe(6);
    expect(await runLedgerCheck(t.app.services.loyalty, () => undefined)).toBe(0);
  });

  it("credits each recent order 1 point per euro paid net of refunds, and places customers in tiers by points earned", async () => {
    const rows = await t.db.read((em) =>
      em.query<{ amount: string; net: string; refunded: string }[]>(
        `SELECT l.amount, e.amount_minor AS net,
           (SELECT coalesce(sum(r.amount_minor), 0) FROM events r WHERE r.type = 'refund' AND r.order_ref = e.order_ref) AS refunded
         FROM ledger_entries l JOIN events e ON e.id = l.source_event_id
         JOIN loyalty_programs p ON p.id = l.program_id WHERE p.type = 'points' LIMIT 200`,
      ),
    );
    expect(rows.length).toBeGreaterThan(50);
    for (const r of rows)
      expect(Number(r.amount)).toBe(Math.floor((Number(r.net) - Number(r.refunded)) / 100));
    const tiers = await t.db.read((em) =>
      em.query<{ tier_code: string }[]>(
        `SELECT DISTINCT a.tier_code FROM loyalty_accounts a JOIN loyalty_programs p ON p.id = a.program_id WHERE p.type = 'tiered'`,
      ),
    );
    expect(tiers.map((r) => r.tier_code).sort()).toEqual(["bronze", "gold", "silver"]);
  });
});
