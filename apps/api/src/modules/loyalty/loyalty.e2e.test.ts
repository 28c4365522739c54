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

describe("programs", () => {
  it("creates a program as a draft, rejects bad configuration by path, and guards status changes", async () => {
    const bad = await t.gql(
      `mutation($i: LoyaltyProgramInput!) { createLoyaltyProgram(input: $i) { id } }`,
      {
        i: {
          name: "Bad",
          currency: "EURO",
          config: { type: "points", earning: { rate: { points: -1, perMinor: 100 } } },
        },
      },
      t.admin,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const paths = bad.errors?.[0]?.extensions?.problems?.map((p) => p.path);
    expect(paths).toContain("currency");
    expect(paths).toContain("config.earning.rate.points");
    expect(await t.count("loyalty_programs")).toBe(0);

    const id = await f.program("Points", pointsConfig(), false);
    const stale = await t.gql(
      `mutation($id: ID!, $i: LoyaltyProgramInput!) { updateLoyaltyProgram(id: $id, input: $i, expectedVersion: 7) { id } }`,
      { id, i: { name: "Points 2", currency: "EUR", config: pointsConfig() } },
      t.admin,
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((stale.errors?.[0]?.extensions as { reason?: string }).reason).toBe("VERSION_CONFLICT");

    const typeChange = await t.gql(
      `mutation($id: ID!, $i: LoyaltyProgramInput!) { updateLoyaltyProgram(id: $id, input: $i) { id } }`,
      {
        id,
        i: { name: "Points", currency: "EUR", config: { type: "cashback", rateBasisPoints: 100 } },
      },
      t.admin,
    );
    expect(typeChange.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const archive = await t.gql<{ setLoyaltyProgramStatus: { status: string } }>(
      `mutation($id: ID!) { setLoyaltyProgramStatus(id: $id, status: ARCHIVED) { status } }`,
      { id },
      t.admin,
    );
    expect(archive.data?.setLoyaltyProgramStatus.status).toBe("ARCHIVED");
    const revive = await t.gql(
      `mutation($id: ID!) { setLoyaltyProgramStatus(id: $id, status: ACTIVE) { status } }`,
      { id },
      t.admin,
    );
    expect(revive.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((revive.errors?.[0]?.extensions as { reason?: string }).reason).toBe(
      "INVALID_TRANSITION",
    );

    const analyst = await t.createUser("analyst");
    const denied = await t.gql(
      `mutation($i: LoyaltyProgramInput!) { createLoyaltyProgram(input: $i) { id } }`,
      { i: { name: "Nope", currency: "EUR", config: pointsConfig() } },
      analyst,
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("lists programs with filters, paging and member counts", async () => {
    const a = await f.program("Alpha club", pointsConfig());
    await f.program("Beta card", {
      type: "punch_card",
      punchesRequired: 5,
      rewardDescription: "Free coffee",
    });
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 1000 }]);
    const res = await t.gql<{
      loyaltyPrograms: {
        totalCount: number;
        edges: { node: { id: string; name: string; memberCount: number; unit: string } }[];
      };
    }>(
      `query { loyaltyPrograms(status: ACTIVE, type: POINTS, first: 10) { totalCount edges { node { id name memberCount unit } } } }`,
      {},
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    const alpha = res.data!.loyaltyPrograms.edges.find((e) => e.node.id === a)!.node;
    expect(alpha.memberCount).toBe(1);
    expect(alpha.unit).toBe("POINTS");
    expect(res.data!.loyaltyPrograms.edges.every((e) => e.node.name !== "Beta card")).toBe(true);
    // Leave the catalogue clean for the next tests: only programs they create are active.
    for (const { node } of (
      await t.gql<{ loyaltyPrograms: { edges: { node: { id: string } }[] } }>(
        `query { loyaltyPrograms(status: ACTIVE) { edges { node { id } } } }`,
        {},
        t.admin,
      )
    ).data!.loyaltyPrograms.edges)
      await t.gql(
        `mutation($id: ID!) { setLoyaltyProgramStatus(id: $id, status: ARCHIVED) { id } }`,
        { id: node.id },
        t.admin,
      );
  });
});

describe("earning from orders", () => {
  let program: string;
  beforeAll(async () => {
    program = await f.program(
      "Points with shoes x2",
      pointsConfig({ categoryMultipliers: { shoes: 2 }, bonuses: { signup: 25 } }),
    );
  });
  afterAll(async () => {
    await t.gql(
      `mutation($id: ID!) { setLoyaltyProgramStatus(id: $id, status: ARCHIVED) { id } }`,
      { id: program },
      t.admin,
    );
  });

  it("auto-enrols on the first order, credits the signup bonus and earns per line with multipliers", async () => {
    const c = await f.customer();
    // 42.50 of socks (42 pts at 1x after flooring the total) + 30.00 of shoes at 2x (60 pts).
    await f.order(c, [{ amountMinor: 4250 }, { amountMinor: 3000, category: "shoes" }]);
    const acc = await f.account(c, program);
    expect(acc?.status).toBe("enrolled");
    expect(acc?.balance).toBe(25 + 102);
    const ledger = await f.ledger(c, program);
    expect(ledger.edges.map((e) => [e.node.kind, e.node.amount])).toEqual([
      ["EARN", 102],
      ["EARN", 25],
    ]);
    expect(ledger.edges[0]!.node.actor).toBe("system");
    expect((ledger.edges[0]!.node.details.explanation as string[]).length).toBeGreaterThan(0);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("never credits twice when an order is replayed with the same idempotency key", async () => {
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 5000 }], { orderId: "replayed", key: "order-replayed" });
    await f.order(c, [{ amountMinor: 5000 }], { orderId: "replayed", key: "order-replayed" });
    const acc = await f.account(c, program);
    expect(acc?.balance).toBe(25 + 50);
    expect((await f.ledger(c, program)).totalCount).toBe(2);
  });

  it("earns nothing for orders in another currency", async () => {
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 5000 }], { currency: "USD" });
    // No enrolment either: a USD order does not make a EUR program's member.
    expect(await f.account(c, program)).toBeUndefined();
  });

  it("reverses points proportionally on partial refunds, exactly on the full refund", async () => {
    const c = await f.customer();
    const o = await f.order(c, [{ amountMinor: 10_000 }]); // 100 pts
    await f.refund(o, 3_333); // 33.33% → floor(33.33) = 33 pts
    expect((await f.account(c, program))?.balance).toBe(25 + 100 - 33);
    await f.refund(o); // the rest: the whole 100 is reversed in total
    const acc = await f.account(c, program);
    expect(acc?.balance).toBe(25);
    expect(acc?.lifetimeEarned).toBe(25);
    const reversals = (await f.ledger(c, program)).edges.filter((e) => e.node.kind === "REVERSE");
    expect(reversals.map((e) => e.node.amount).sort((a, b) => a - b)).toEqual([-67, -33]);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("clamps a refund at zero and records the shortfall when the points were already spent", async () => {
    const c = await f.customer();
    const reward = await f.reward(program, { cost: 100 });
    const o = await f.order(c, [{ amountMinor: 10_000 }]);
    expect((await f.redeem(c, reward)).errors).toBeUndefined();
    expect((await f.account(c, program))?.balance).toBe(25);
    await f.refund(o);
    expect((await f.account(c, program))?.balance).toBe(0);
    const reversal = (await f.ledger(c, program)).edges.find((e) => e.node.kind === "REVERSE")!;
    expect(reversal.node.amount).toBe(-25);
    expect(reversal.node.details.shortfall).toBe(75);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });
});

describe("redemptions", () => {
  let program: string;
  beforeAll(async () => {
    program = await f.program("Redeem club", pointsConfig());
  });

  it("lets exactly 10 of 50 parallel redemptions through a balance sufficient for 10", async () => {
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 100_000 }]); // 1000 points
    const reward = await f.reward(program, { cost: 100, name: "Coffee" });
    const attempts = await Promise.all(
      Array.from({ length: 50 }, (_, i) => f.redeem(c, reward, `parallel-${i}`)),
    );
    const ok = attempts.filter((a) => !a.errors);
    const refused = attempts.filter((a) => a.errors);
    expect(ok).toHaveLength(10);
    expect(refused.every((a) => a.errors![0]!.extensions?.code === "CONFLICT")).toBe(true);
    expect(
      refused.every(
        (a) => (a.errors![0]!.extensions as { reason?: string }).reason === "INSUFFICIENT_BALANCE",
      ),
    ).toBe(true);
    expect(new Set(ok.map((a) => a.data!.redeemReward.code)).size).toBe(10);
    expect((await f.account(c, program))?.balance).toBe(0);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });

  it("replays a redemption with the same key without spending twice", async () => {
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 30_000 }]);
    const reward = await f.reward(program, { cost: 100 });
    const first = await f.redeem(c, reward, "same-key");
    const again = await f.redeem(c, reward, "same-key");
    expect(again.data?.redeemReward.code).toBe(first.data?.redeemReward.code);
    expect((await f.account(c, program))?.balance).toBe(200);
  });

  it("enforces stock and per-customer limits, and cancelling restores both balance and stock", async () => {
    const a = await f.customer();
    const b = await f.customer();
    await f.order(a, [{ amountMinor: 100_000 }]);
    await f.order(b, [{ amountMinor: 100_000 }]);
    const reward = await f.reward(program, { cost: 10, stock: 2, perCustomerLimit: 1 });
    const first = await f.redeem(a, reward);
    expect(first.errors ?? []).toEqual([]);
    const limit = await f.redeem(a, reward);
    expect((limit.errors?.[0]?.extensions as { reason?: string }).reason).toBe("LIMIT_REACHED");
    expect((await f.redeem(b, reward)).errors).toBeUndefined();
    const c = await f.customer();
    await f.order(c, [{ amountMinor: 100_000 }]);
    const out = await f.redeem(c, reward);
    expect((out.errors?.[0]?.extensions as { reason?: string }).reason).toBe("OUT_OF_STOCK");

    const cancel = await t.gql<{ cancelRedemption: { status: string } }>(
      `mutation($id: ID!) { cancelRedemption(id: $id, reason: "Customer changed their mind") { status } }`,
      { id: first.data!.redeemReward.id },
      t.writeKey,
    );
    expect(cancel.data?.cancelRedemption.status).toBe("cancelled");
    expect((await f.account(a, program))?.balance).toBe(1000);
    expect((await f.redeem(c, reward)).errors).toBeUndefined();
    const twice = await t.gql(
      `mutation($id: ID!) { cancelRedemption(id: $id, reason: "again") { status } }`,
      { id: first.data!.redeemReward.id },
      t.writeKey,
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await f.ledgerIsConsistent()).toBe(true);
    expect((await f.outbox("loyalty.reward_redeemed", a)).length).toBe(1);
  });

  it("refuses redemptions for non-members and unknown rewards with clear codes", async () => {
    const c = await f.customer();
    const reward = await f.reward(program, { cost: 10 });
    const res = await f.redeem(c, reward);
    expect((res.errors?.[0]?.extensions as { reason?: string }).reason).toBe("NOT_ENROLLED");
    const unknown = await f.redeem(c, "00000000-0000-4000-8000-000000000000");
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const malformed = await f.redeem(c, "not-an-id");
    expect(malformed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("manual adjustments", () => {
  it("requires a reason, is admin-only, records the actor and never overdraws", async () => {
    const program = await f.program("Adjustable", pointsConfig());
    const c = await f.customer();
    const adjust = (amount: number, reason: string, as = t.admin) =>
      t.gql<{ adjustBalance: { amount: number; actor: string; reason: string } }>(
        `mutation($i: AdjustBalanceInput!) { adjustBalance(input: $i) { amount actor reason } }`,
        { i: { customerId: c, programId: program, amount, reason } },
        as,
      );
    const noReason = await adjust(50, "  ");
    expect(noReason.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(noReason.errors?.[0]?.extensions?.problems?.[0]?.path).toBe("reason");
    const support = await t.createUser("support");
    expect((await adjust(50, "goodwill", support)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await adjust(50, "goodwill", t.writeKey)).errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    const ok = await adjust(50, "Goodwill after a late delivery");
    expect(ok.data?.adjustBalance.actor).toMatch(/^user:/);
    const overdraw = await adjust(-51, "correction");
    expect((overdraw.errors?.[0]?.extensions as { reason?: string }).reason).toBe(
      "INSUFFICIENT_BALANCE",
    );
    expect((await f.account(c, program))?.balance).toBe(50);
    expect(await f.ledgerIsConsistent()).toBe(true);
  });
});

describe("earning simulator", () => {
  it("explains what a draft configuration would earn without writing anything", async () => {
    const before = await t.count("ledger_entries");
    const res = await t.gql<{
      simulateEarning: { unit: string; earned: number; pending: number; explanation: string[] };
    }>(
      `query($c: JSONObject!, $o: SimulatedOrderInput!) { simulateEarning(config: $c, order: $o) { unit earned pending explanation } }`,
      {
        c: pointsConfig({ categoryMultipliers: { books: 3 }, pendingDays: 14 }),
        o: {
          currency: "EUR",
          lines: [{ productId: "b", category: "books", quantity: 1, amountMinor: 2000 }],
        },
      },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    expect(res.data!.simulateEarning).toMatchObject({ unit: "POINTS", earned: 0, pending: 60 });
    expect(res.data!.simulateEarning.explanation.length).toBeGreaterThan(0);
    expect(await t.count("ledger_entries")).toBe(before);
    const bad = await t.gql(
      `query($c: JSONObject!, $o: SimulatedOrderInput!) { simulateEarning(config: $c, order: $o) { earned } }`,
      { c: { type: "points" }, o: { currency: "EUR", lines: [] } },
      t.admin,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("reads", () => {
  it("lists programs with their rewards and campaigns in a bounded number of queries", async () => {
    const count = async () => {
      const res = await t.gql<{ loyaltyPrograms: { edges: unknown[] } }>(
        `query { loyaltyPrograms(first: 50) { edges { node { id memberCount rewards(includeArchived: true) { id } campaigns { id } } } } }`,
        {},
        t.admin,
      );
      expect(res.errors ?? []).toEqual([]);
      return {
        programs: res.data!.loyaltyPrograms.edges.length,
        queries: res.extensions!.queryCount!,
      };
    };
    const before = await count();
    for (let i = 0; i < 3; i++) {
      const id = await f.program(`Bounded ${i}`, pointsConfig());
      await f.reward(id, { cost: 10 });
    }
    const after = await count();
    expect(after.programs).toBe(before.programs + 3);
    expect(after.queries).toBe(before.queries);
  });
});

describe("refund policy allow_negative", () => {
  it("takes the whole reversal into a negative balance, which later earnings pay off first", async () => {
    const program = await f.program("Negative allowed", {
      ...pointsConfig(),
      refundPolicy: "allow_negative",
    });
    const c = await f.customer();
    const reward = await f.reward(program, { cost: 80 });
    const o = await f.order(c, [{ amountMinor: 10_000 }]);
    expect((await f.redeem(c, reward)).errors ?? []).toEqual([]);
    await f.refund(o);
    expect((await f.account(c, program))?.balance).toBe(-80);
    expect((await f.redeem(c, reward)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    await f.order(c, [{ amountMinor: 10_000 }]);
    expect((await f.account(c, program))?.balance).toBe(20);
    expect(await f.ledgerIsConsistent()).toBe(true);
    await t.gql(
      `mutation($id: ID!) { setLoyaltyProgramStatus(id: $id, status: ARCHIVED) { id } }`,
      { id: program },
      t.admin,
    );
  });
});

describe("ledger and redemption lists", () => {
  it("pages newest first in both directions without gaps or repeats", async () => {
    const program = await f.program("Paged ledger", pointsConfig());
    const c = await f.customer();
    const reward = await f.reward(program, { cost: 1 });
    for (let i = 1; i <= 5; i++) await f.order(c, [{ amountMinor: i * 100 }]);
    for (let i = 0; i < 3; i++) expect((await f.redeem(c, reward)).errors ?? []).toEqual([]);
    type P = {
      totalCount: number;
      pageInfo: {
        endCursor: string;
        startCursor: string;
        hasNextPage: boolean;
        hasPreviousPage: boolean;
      };
      edges: { node: { id: string } }[];
    };
    const ledger = async (args: string) =>
      (
        await t.gql<{ ledgerEntries: P }>(
          `query($c: ID!, $p: ID!) { ledgerEntries(customerId: $c, programId: $p, ${args}) { totalCount pageInfo { endCursor startCursor hasNextPage hasPreviousPage } edges { node { id } } } }`,
          { c, p: program },
          t.admin,
        )
      ).data!.ledgerEntries;
    const all = await ledger("first: 50");
    expect(all.totalCount).toBe(8);
    const ids = all.edges.map((e) => e.node.id);
    const seen: string[] = [];
    let page = await ledger("first: 3");
    seen.push(...page.edges.map((e) => e.node.id));
    while (page.pageInfo.hasNextPage) {
      page = await ledger(`first: 3, after: "${page.pageInfo.endCursor}"`);
      seen.push(...page.edges.map((e) => e.node.id));
    }
    expect(seen).toEqual(ids);
    const back = await ledger(`last: 2, before: "${page.pageInfo.startCursor}"`);
    expect(back.edges.map((e) => e.node.id)).toEqual(ids.slice(4, 6));

    const redemptions = async (args: string) =>
      (
        await t.gql<{ redemptions: P }>(
          `query($c: ID!) { redemptions(customerId: $c, ${args}) { totalCount pageInfo { endCursor startCursor hasNextPage hasPreviousPage } edges { node { id } } } }`,
          { c },
          t.admin,
        )
      ).data!.redemptions;
    const r1 = await redemptions("first: 2");
    const r2 = await redemptions(`first: 2, after: "${r1.pageInfo.endCursor}"`);
    expect(r1.totalCount).toBe(3);
    expect(new Set([...r1.edges, ...r2.edges].map((e) => e.node.id)).size).toBe(3);
    expect(r2.pageInfo.hasNextPage).toBe(false);
  });
});
