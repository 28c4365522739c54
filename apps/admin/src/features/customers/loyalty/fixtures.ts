import type { LoyaltyAccountFieldsFragment } from "@/graphql/generated/graphql";
import type { LedgerItem } from "./use-customer-ledger";
import type { RedemptionItem } from "./use-customer-redemptions";

/** Small factories for a customer's loyalty data; override only what a test is about. */
export function tieredAccount(
  overrides: Partial<LoyaltyAccountFieldsFragment> = {},
): LoyaltyAccountFieldsFragment {
  return {
    customerId: "c1",
    status: "enrolled",
    unit: "POINTS",
    balance: 1250,
    pending: 120,
    lifetimeEarned: 2400,
    completedCards: 0,
    punchesRequired: null,
    creditAvailable: null,
    membershipState: null,
    membershipPeriodEnd: null,
    reachedThresholds: [],
    enrolledAt: "2025-01-10T10:00:00.000Z",
    lastActivityAt: "2025-03-01T10:00:00.000Z",
    expiringSoon: { amount: 200, firstExpiresAt: "2025-04-01T00:00:00.000Z" },
    tier: {
      code: "silver",
      name: "Silver",
      earnMultiplier: 1.25,
      perks: ["Free shipping"],
      nextCode: "gold",
      nextName: "Gold",
      qualifyingValue: 400,
      remainingToNext: 600,
      percentToNext: 40,
      override: null,
    },
    program: {
      id: "p1",
      name: "Trouw Club",
      type: "TIERED",
      status: "ACTIVE",
      currency: "EUR",
      config: {
        type: "tiered",
        tiers: [
          { code: "silver", name: "Silver" },
          { code: "gold", name: "Gold" },
        ],
        qualification: { basis: "points_earned" },
      },
    },
    ...overrides,
  };
}

export function punchAccount(): LoyaltyAccountFieldsFragment {
  return tieredAccount({
    unit: "PUNCHES",
    balance: 3,
    pending: 0,
    punchesRequired: 10,
    completedCards: 2,
    expiringSoon: null,
    tier: null,
    program: {
      id: "p2",
      name: "Sock card",
      type: "PUNCH_CARD",
      status: "ACTIVE",
      currency: "EUR",
      config: { type: "punch_card" },
    },
  });
}

export function cashbackAccount(): LoyaltyAccountFieldsFragment {
  return tieredAccount({
    unit: "CREDIT",
    balance: 1234,
    pending: 0,
    creditAvailable: 1234,
    expiringSoon: null,
    tier: null,
    program: {
      id: "p3",
      name: "Cash back",
      type: "CASHBACK",
      status: "ACTIVE",
      currency: "EUR",
      config: { type: "cashback" },
    },
  });
}

export function ledgerEntry(overrides: Partial<LedgerItem> = {}): LedgerItem {
  return {
    id: "l1",
    programId: "p1",
    kind: "EARN",
    amount: 120,
    pendingDelta: 0,
    reason: "Order ORD-1",
    actor: "system",
    occurredAt: "2025-03-01T10:00:00.000Z",
    createdAt: "2025-03-01T10:00:00.000Z",
    ...overrides,
  };
}

export function redemption(overrides: Partial<RedemptionItem> = {}): RedemptionItem {
  return {
    id: "rd1",
    programId: "p1",
    rewardId: "r1",
    code: "TRW-ABCD-1234",
    description: "€5 off",
    cost: 500,
    source: "redeem",
    status: "issued",
    createdAt: "2025-03-02T10:00:00.000Z",
    cancelledAt: null,
    cancelReason: null,
    ...overrides,
  };
}

export function connection<T>(nodes: T[], hasNextPage = false) {
  return {
    totalCount: nodes.length + (hasNextPage ? 10 : 0),
    pageInfo: { hasNextPage, endCursor: nodes.length ? "end" : null },
    edges: nodes.map((node, i) => ({ cursor: `c${i}`, node })),
  };
}
