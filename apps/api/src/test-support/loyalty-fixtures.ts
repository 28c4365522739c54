import { beforeEach, expect } from "vitest";
import { TEST_NOW, type Credentials, type TestServer } from "./server";

/** Small factories for the loyalty e2e tests: programs, customers, orders, status. */
export function loyaltyFixtures(t: TestServer) {
  let customers = 0;
  let orders = 0;

  async function program(name: string, config: object, activate = true, currency = "EUR") {
    const res = await t.gql<{ createLoyaltyProgram: { id: string; version: number } }>(
      `mutation($i: LoyaltyProgramInput!) { createLoyaltyProgram(input: $i) { id version status } }`,
      { i: { name, currency, config } },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    const id = res.data!.createLoyaltyProgram.id;
    if (activate) {
      const on = await t.gql(
        `mutation($id: ID!) { setLoyaltyProgramStatus(id: $id, status: ACTIVE) { status } }`,
        { id },
        t.admin,
      );
      expect(on.errors ?? []).toEqual([]);
    }
    return id;
  }

  async function customer(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await t.gql<{ createCustomer: { id: string } }>(
      `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`,
      { i: { externalId: `loyal-${++customers}`, name: `Loyal ${customers}`, ...extra } },
      t.writeKey,
    );
    expect(res.errors ?? []).toEqual([]);
    return res.data!.createCustomer.id;
  }

  async function order(
    customerId: string,
    lines: { amountMinor: number; category?: string; discountMinor?: number }[],
    opts: { orderId?: string; key?: string; currency?: string; occurredAt?: Date } = {},
  ) {
    const orderId = opts.orderId ?? `ord-${++orders}`;
    const res = await t.gql<{ recordOrder: { id: string } }>(
      `mutation($i: RecordOrderInput!, $k: String) { recordOrder(input: $i, idempotencyKey: $k) { id } }`,
      {
        i: {
          customerId,
          orderId,
          currency: opts.currency ?? "EUR",
          occurredAt: (opts.occurredAt ?? t.clock.now()).toISOString(),
          lines: lines.map((l, i) => ({ productId: `p${i}`, quantity: 1, ...l })),
        },
        k: opts.key ?? null,
      },
      t.writeKey,
    );
    expect(res.errors ?? []).toEqual([]);
    return orderId;
  }

  async function refund(orderId: string, amountMinor?: number) {
    const res = await t.gql(
      `mutation($i: RecordRefundInput!) { recordRefund(input: $i) { id } }`,
      { i: { orderId, amountMinor: amountMinor ?? null } },
      t.writeKey,
    );
    expect(res.errors ?? []).toEqual([]);
  }

  type Account = {
    balance: number;
    pending: number;
    lifetimeEarned: number;
    status: string;
    completedCards: number;
    punchesRequired: number | null;
    creditAvailable: number | null;
    membershipState: string | null;
    reachedThresholds: string[];
    expiringSoon: { amount: number; firstExpiresAt: string | null } | null;
    tier: {
      code: string;
      nextCode: string | null;
      remainingToNext: number | null;
      qualifyingValue: number;
      basis: string;
      override: { tierCode: string; until: string } | null;
    } | null;
    program: { id: string };
  };

  async function account(customerId: string, programId: string): Promise<Account | undefined> {
    const res = await t.gql<{ loyaltyStatus: Account[] }>(
      `query($c: ID!) { loyaltyStatus(customerId: $c) {
         balance pending lifetimeEarned status completedCards punchesRequired creditAvailable membershipState reachedThresholds
         expiringSoon { amount firstExpiresAt }
         tier { code nextCode remainingToNext qualifyingValue basis override { tierCode until } }
         program { id } } }`,
      { c: customerId },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    return res.data!.loyaltyStatus.find((a) => a.program.id === programId);
  }

  async function ledger(customerId: string, programId?: string) {
    const res = await t.gql<{
      ledgerEntries: {
        totalCount: number;
        edges: {
          node: {
            kind: string;
            amount: number;
            pendingDelta: number;
            reason: string;
            actor: string;
            details: Record<string, unknown>;
          };
        }[];
      };
    }>(
      `query($c: ID, $p: ID) { ledgerEntries(customerId: $c, programId: $p, first: 200) {
         totalCount edges { node { kind amount pendingDelta reason actor details } } } }`,
      { c: customerId, p: programId ?? null },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    return res.data!.ledgerEntries;
  }

  async function reward(programId: string, input: Record<string, unknown>) {
    const res = await t.gql<{ createReward: { id: string } }>(
      `mutation($p: ID!, $i: RewardInput!) { createReward(programId: $p, input: $i) { id } }`,
      { p: programId, i: { kind: "GIFT", name: "Tote bag", ...input } },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    return res.data!.createReward.id;
  }

  function redeem(
    customerId: string,
    rewardId: string,
    key?: string,
    as: Credentials = t.writeKey,
  ) {
    return t.gql<{ redeemReward: { id: string; code: string; cost: number; status: string } }>(
      `mutation($i: RedeemRewardInput!, $k: String) { redeemReward(input: $i, idempotencyKey: $k) { id code cost status } }`,
      { i: { customerId, rewardId }, k: key ?? null },
      as,
    );
  }

  async function maintenance() {
    const res = await t.gql<{ runLoyaltyMaintenance: Record<string, number> }>(
      `mutation { runLoyaltyMaintenance { unlocked expired expiringNotices tiersEvaluated tiersChanged anniversaries birthdays } }`,
      {},
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    return res.data!.runLoyaltyMaintenance;
  }

  async function ledgerIsConsistent() {
    const res = await t.gql<{ ledgerCheck: { ok: boolean; mismatches: unknown[] } }>(
      `query { ledgerCheck { ok mismatches { programId customerId balance ledgerBalance pending ledgerPending lots } } }`,
      {},
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    expect(res.data!.ledgerCheck.mismatches).toEqual([]);
    return res.data!.ledgerCheck.ok;
  }

  async function outbox(topic: string, customerId: string) {
    const rows = await t.db.read((em) =>
      em.query<{ payload: Record<string, unknown> }[]>(
        `SELECT payload FROM outbox WHERE topic = $1 AND customer_id = $2 ORDER BY id`,
        [topic, customerId],
      ),
    );
    return rows.map((r) => r.payload);
  }

  return {
    program,
    customer,
    order,
    refund,
    account,
    ledger,
    reward,
    redeem,
    maintenance,
    ledgerIsConsistent,
    outbox,
  };
}

export const DAY_MS = 86_400_000;

/**
 * For suites whose tests each need only their own programs active (an order earns in every
 * active program): `program` creates an active program that is archived before the next test,
 * which also starts at TEST_NOW; `travel` moves the test clock (to a time, or by milliseconds)
 * and signs the admin in again, as the session would have expired.
 */
export function programsPerTest(
  server: () => TestServer,
  fixtures: () => ReturnType<typeof loyaltyFixtures>,
) {
  const active: string[] = [];
  async function travel(to: Date | string | number) {
    const t = server();
    if (typeof to === "number") t.clock.advance(to);
    else t.clock.set(typeof to === "string" ? new Date(to) : to);
    t.admin = await t.login("root@test.trouw", "correct horse");
  }
  async function program(name: string, config: object) {
    const id = await fixtures().program(name, config);
    active.push(id);
    return id;
  }
  beforeEach(async () => {
    const t = server();
    for (const id of active.splice(0)) {
      const res = await t.gql(
        `mutation($id: ID!) { setLoyaltyProgramStatus(id: $id, status: ARCHIVED) { id } }`,
        { id },
        t.admin,
      );
      expect(res.errors ?? []).toEqual([]);
    }
    await travel(TEST_NOW);
  });
  return { travel, program };
}

/** 1 point per euro, floor, with optional extras. */
export const pointsConfig = (extra: Record<string, unknown> = {}) => ({
  type: "points",
  earning: { rate: { points: 1, perMinor: 100 }, ...extra },
});
