import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@trouw/config";
import { queryPrepared } from "../../db/database";
import { Ledger } from "./ledger";
import { startTestServer, type TestServer } from "../../test-support/server";
import { loyaltyFixtures, pointsConfig } from "../../test-support/loyalty-fixtures";

const onPostgres = Boolean(loadConfig(process.env, "/nonexistent/.env").DATABASE_URL);
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
    // START TRANSACTION; the order with its key's claim, customer lookup, facts fold, dirty
    // mark and account locks; the ledger post; COMMIT.
    expect(withOne).toBe(4);
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

  it("claims the key in the order's own statement: concurrent duplicates earn once, and all answer with the one order", async () => {
    const program = await f.program("Claimed club", pointsConfig(), true, "SEK");
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 1_000 }], { currency: "SEK" }); // enrols
    const before = (await f.account(c, program))!.balance;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.gql<{ recordOrder: { id: string } }>(
          `mutation($i: RecordOrderInput!, $k: String) { recordOrder(input: $i, idempotencyKey: $k) { id } }`,
          {
            i: {
              customerId: c,
              orderId: "claimed-once",
              currency: "SEK",
              lines: [{ productId: "p", quantity: 1, amountMinor: 2_000 }],
            },
            k: "claimed-key",
          },
          t.writeKey,
        ),
      ),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(new Set(results.map((r) => r.data!.recordOrder.id)).size).toBe(1);
    const [{ n }] = await t.db.read((em) =>
      em.query<[{ n: number }]>(
        `SELECT count(*)::int AS n FROM events WHERE order_ref = 'claimed-once'`,
      ),
    );
    expect(n).toBe(1);
    expect((await f.account(c, program))!.balance).toBe(before + 20);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("keeps no claim of an order refused for an unknown customer: the same key works once the customer exists", async () => {
    const externalId = `late-${Date.now()}`;
    const send = () =>
      t.gql<{ recordOrder: { id: string } }>(
        `mutation($i: RecordOrderInput!, $k: String) { recordOrder(input: $i, idempotencyKey: $k) { id } }`,
        {
          i: {
            customerExternalId: externalId,
            orderId: `late-order-${externalId}`,
            currency: "EUR",
            lines: [{ productId: "p", quantity: 1, amountMinor: 900 }],
          },
          k: `late-key-${externalId}`,
        },
        t.writeKey,
      );
    const refused = await send();
    expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const [{ n }] = await t.db.read((em) =>
      em.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [
        `late-key-${externalId}`,
      ]),
    );
    expect(n).toBe(0);
    await f.customer({ externalId });
    const accepted = await send();
    expect(accepted.errors ?? []).toEqual([]);
    expect((await send()).data!.recordOrder.id).toBe(accepted.data!.recordOrder.id);
  });

  // PGlite runs one transaction at a time: no lock order to get wrong there.
  it.runIf(onPostgres)(
    "locks an order's accounts only after its customer's facts row, as a refund does, so the two never deadlock",
    async () => {
      const program = await f.program("Lock order club", pointsConfig(), true, "HUF");
      const c = await f.customer();
      await f.order(c, [{ amountMinor: 1_000 }], { currency: "HUF" }); // enrols
      const before = (await f.account(c, program))!.balance;
      // A refund's transaction, between its event (facts row folded) and its accounts lock.
      const refund = t.db.dataSource.createQueryRunner();
      await refund.connect();
      await refund.startTransaction();
      let order: Promise<string> | undefined;
      try {
        await refund.query(
          `UPDATE customer_facts SET order_count = order_count WHERE customer_id = $1`,
          [c],
        );
        order = f.order(c, [{ amountMinor: 3_000 }], { currency: "HUF" });
        await expect
          .poll(
            async () => {
              const [{ n }] = await t.db.read((em) =>
                em.query<[{ n: number }]>(
                  `SELECT count(*)::int AS n FROM pg_stat_activity
                   WHERE datname = current_database() AND wait_event_type = 'Lock'`,
                ),
              );
              return n;
            },
            { timeout: 10_000 },
          )
          .toBe(1);
        // The order waits on the facts row and holds no account: the refund can lock them.
        const locked = await refund.query(
          `SELECT program_id FROM loyalty_accounts WHERE customer_id = $1 FOR UPDATE NOWAIT`,
          [c],
        );
        expect(locked).toHaveLength(1);
      } finally {
        await refund.commitTransaction();
        await refund.release();
      }
      await order;
      expect((await f.account(c, program))!.balance).toBe(before + 30);
    },
  );

  let orders = 0;
  /** Statements of one order of `amountMinor` in `currency` (one currency per test keeps programs apart). */
  async function statementsIn(
    customerId: string,
    currency: string,
    amountMinor: number,
    occurredAt = t.clock.now(),
  ): Promise<number> {
    const res = await t.gql<{ recordOrder: { id: string } }>(
      `mutation($i: RecordOrderInput!) { recordOrder(input: $i) { id } }`,
      {
        i: {
          customerId,
          orderId: `stmt-${currency}-${++orders}`,
          currency,
          occurredAt: occurredAt.toISOString(),
          lines: [{ productId: "p", quantity: 1, amountMinor }],
        },
      },
      t.writeKey,
    );
    expect(res.errors ?? []).toEqual([]);
    return res.extensions!.queryCount!;
  }

  it("consumes a full punch card's lots in one statement: a card of 8 completes for what a card of 3 costs", async () => {
    const completion = async (currency: string, punches: number) => {
      const program = await f.program(
        `Card ${punches}`,
        {
          type: "punch_card",
          punchesRequired: punches,
          rewardDescription: "Free coffee",
        },
        true,
        currency,
      );
      const c = await f.customer();
      let before = 0;
      for (let i = 1; i < punches; i++) before = await statementsIn(c, currency, 500);
      const completing = await statementsIn(c, currency, 500);
      const lots = await t.db.read((em) =>
        em.query<{ remaining: string }[]>(
          `SELECT remaining FROM ledger_lots WHERE program_id = $1 AND customer_id = $2`,
          [program, c],
        ),
      );
      expect(lots).toHaveLength(punches);
      expect(lots.every((l) => Number(l.remaining) === 0)).toBe(true);
      expect((await f.account(c, program))!.completedCards).toBe(1);
      return completing - before;
    };
    const eight = await completion("NOK", 8);
    expect(eight).toBe(await completion("DKK", 3));
    // The burn: its lots chosen, then entry + lots + balance; the reward: redemption + card
    // count + outbox.
    expect(eight).toBe(3);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("takes a redemption from the oldest lots first, several lots in one statement", async () => {
    const program = await f.program("FIFO", pointsConfig(), true, "CHF");
    const c = await f.customer();
    const start = t.clock.now();
    // Lots of 10, 20 and 30 points, earned a day apart.
    for (const [day, amountMinor] of [
      [3, 1_000],
      [2, 2_000],
      [1, 3_000],
    ] as const)
      await statementsIn(c, "CHF", amountMinor, new Date(start.getTime() - day * 86_400_000));
    const reward = await f.reward(program, { cost: 25 });
    const res = await f.redeem(c, reward);
    expect(res.errors ?? []).toEqual([]);
    const lots = await t.db.read((em) =>
      em.query<{ remaining: string }[]>(
        `SELECT remaining FROM ledger_lots WHERE program_id = $1 AND customer_id = $2 ORDER BY earned_at`,
        [program, c],
      ),
    );
    expect(lots.map((l) => Number(l.remaining))).toEqual([0, 5, 30]);
    expect((await f.account(c, program))!.balance).toBe(35);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("checks a tier upgrade within the credits' statement, counting only the qualification window", async () => {
    const tiered = await f.program(
      "Tier fold",
      {
        type: "tiered",
        earning: { rate: { points: 1, perMinor: 100 } },
        tiers: [
          { code: "bronze", name: "Bronze", threshold: 0 },
          { code: "silver", name: "Silver", threshold: 100 },
          { code: "gold", name: "Gold", threshold: 500 },
        ],
        qualification: { basis: "points_earned", window: { kind: "calendar_year" } },
        downgradePolicy: "drop_one",
      },
      true,
      "PLN",
    );
    await f.program("Points alone", pointsConfig(), true, "CZK");
    const a = await f.customer();
    const b = await f.customer();
    await statementsIn(a, "PLN", 100); // enrol
    await statementsIn(b, "CZK", 100);
    // An order to a tier below the top costs what one to a points program costs.
    expect(await statementsIn(a, "PLN", 100)).toBe(await statementsIn(b, "CZK", 100));

    const c = await f.customer();
    const tier = async () => (await f.account(c, tiered))!.tier!;
    // 600 points earned last year (a late order) do not count this year.
    await statementsIn(c, "PLN", 60_000, new Date("2025-12-31T12:00:00Z"));
    expect(await tier()).toMatchObject({ code: "bronze", qualifyingValue: 0 });
    await statementsIn(c, "PLN", 9_900);
    expect(await tier()).toMatchObject({ code: "bronze", qualifyingValue: 99 });
    await statementsIn(c, "PLN", 100);
    expect(await tier()).toMatchObject({ code: "silver", qualifyingValue: 100 });
    await statementsIn(c, "PLN", 40_000);
    expect(await tier()).toMatchObject({ code: "gold", qualifyingValue: 500 });
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("prepares the hot-path statements on PostgreSQL, once per connection; PGlite runs them as text", async () => {
    const sql = `SELECT $1::int + 1 AS n`;
    const prepared = await t.db.transaction(async (em) => {
      const first = await queryPrepared<{ n: number }[]>(em, sql, [1]);
      const again = await queryPrepared<{ n: number }[]>(em, sql, [2]);
      expect([first[0]!.n, again[0]!.n]).toEqual([2, 3]);
      return em.query<{ name: string; statement: string }[]>(
        `SELECT name, statement FROM pg_prepared_statements WHERE statement = $1`,
        [sql],
      );
    });
    if (t.db.isPglite) expect(prepared).toEqual([]);
    else
      expect(prepared).toEqual([
        { name: expect.stringMatching(/^trouw_[0-9a-f]{24}$/), statement: sql },
      ]);
  });

  it.runIf(onPostgres)(
    "keeps one cached plan for the credits' statement on PostgreSQL rather than planning it for every order",
    async () => {
      const programs = [
        await f.program("Plan cache A", pointsConfig(), true, "CZK"),
        await f.program("Plan cache B", pointsConfig(), true, "CZK"),
      ];
      const c = await f.customer();
      await f.order(c, [{ amountMinor: 1_000 }], { currency: "CZK" }); // enrols in both
      const ledger = new Ledger(t.db, t.clock);
      // One transaction is one pooled connection, which holds its own prepared statements.
      const [plans, balances] = await t.db.transaction(async (em) => {
        for (let i = 0; i < 12; i++) {
          const accounts = await ledger.lockAccounts(em, programs, c);
          await ledger.postMany(
            em,
            programs.map((p) => ({
              account: accounts.get(p)!,
              entry: {
                kind: "earn",
                amount: 1,
                reason: "Plan cache",
                actor: "system",
                occurredAt: t.clock.now(),
              },
            })),
          );
        }
        const stats = await em.query<{ generic_plans: number; custom_plans: number }[]>(
          `SELECT generic_plans::int, custom_plans::int FROM pg_prepared_statements
           WHERE statement LIKE 'WITH input AS (%INSERT INTO ledger_entries%'`,
        );
        const accounts = await ledger.lockAccounts(em, programs, c);
        return [stats, programs.map((p) => accounts.get(p)!.balance)] as const;
      });
      expect(plans).toHaveLength(1);
      // PostgreSQL tries five custom plans, then keeps the generic one if it costs no more.
      expect(plans[0]!.custom_plans).toBeLessThanOrEqual(5);
      expect(plans[0]!.generic_plans).toBeGreaterThanOrEqual(7);
      expect(balances).toEqual([10 + 12, 10 + 12]);
    },
  );

  it("writes an order, its customer lookup, facts fold and dirty mark in one statement, by id or external id", async () => {
    const c = await f.customer();
    const [{ external_id: externalId }] = (await t.db.read((em) =>
      em.query(`SELECT external_id FROM customers WHERE id = $1`, [c]),
    )) as [{ external_id: string }];
    const statements = async (ref: Record<string, string>) => {
      const res = await t.gql<{ recordOrder: { id: string } }>(
        `mutation($i: RecordOrderInput!) { recordOrder(input: $i) { id } }`,
        {
          i: {
            ...ref,
            orderId: `one-statement-${++orders}`,
            currency: "GBP", // no program earns in it
            lines: [{ productId: "p", category: "hats", quantity: 1, amountMinor: 700 }],
          },
        },
        t.writeKey,
      );
      expect(res.errors ?? []).toEqual([]);
      return res.extensions!.queryCount!;
    };
    // START TRANSACTION, the order, COMMIT.
    expect(await statements({ customerId: c })).toBe(3);
    expect(await statements({ customerExternalId: externalId })).toBe(3);
    const [facts] = await t.db.read((em) =>
      em.query<{ order_count: number; order_amount_sum: string; order_categories: string[] }[]>(
        `SELECT order_count, order_amount_sum, order_categories FROM customer_facts WHERE customer_id = $1`,
        [c],
      ),
    );
    expect(facts).toMatchObject({ order_count: 2, order_categories: ["hats"] });
    expect(Number(facts!.order_amount_sum)).toBe(1_400);
    const dirty = await t.db.read((em) =>
      em.query(`SELECT 1 FROM segment_dirty_customers WHERE customer_id = $1`, [c]),
    );
    expect(dirty).toHaveLength(1);
  });
});
