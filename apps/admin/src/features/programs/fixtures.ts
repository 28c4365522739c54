import type {
  CampaignFieldsFragment,
  LoyaltyProgramFieldsFragment,
  LoyaltyProgramsQuery,
  RewardFieldsFragment,
} from "@/graphql/generated/graphql";

/** Small factories for program test data; override only what a test is about. */
export const PROGRAM_ID = "22222222-2222-4222-8222-222222222222";

export const TIERED_CONFIG = {
  type: "tiered",
  autoEnrol: true,
  refundPolicy: "clamp",
  earning: {
    rate: { points: 1, perMinor: 100 },
    categoryMultipliers: { shoes: 2 },
    rounding: "floor",
    bonuses: { signup: 50, custom: [] },
    pendingDays: 14,
    expiry: { kind: "fixed", months: 24 },
    expiringNoticeDays: 30,
  },
  tiers: [
    { code: "bronze", name: "Bronze", threshold: 0, earnMultiplier: 1, perks: [] },
    { code: "silver", name: "Silver", threshold: 100, earnMultiplier: 1.25, perks: [] },
    { code: "gold", name: "Gold", threshold: 1000, earnMultiplier: 2, perks: ["Free shipping"] },
  ],
  qualification: { basis: "points_earned", window: { kind: "rolling", months: 12 } },
  downgradePolicy: "drop_one",
};

type ListProgram = LoyaltyProgramsQuery["loyaltyPrograms"]["edges"][number]["node"];

export function listProgram(overrides: Partial<ListProgram> = {}): ListProgram {
  return {
    id: PROGRAM_ID,
    name: "Trouw Club",
    description: "Bronze, Silver and Gold.",
    type: "TIERED",
    status: "ACTIVE",
    currency: "EUR",
    unit: "POINTS",
    memberCount: 1520,
    updatedAt: "2025-03-01T10:00:00.000Z",
    ...overrides,
  };
}

export function programsPage(nodes: ListProgram[], totalCount = nodes.length) {
  return {
    data: {
      loyaltyPrograms: {
        totalCount,
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: nodes.length ? "start" : null,
          endCursor: nodes.length ? "end" : null,
        },
        edges: nodes.map((node) => ({ cursor: `cur-${node.id}`, node })),
      },
    },
  };
}

export function programDetail(
  overrides: Partial<LoyaltyProgramFieldsFragment> = {},
): LoyaltyProgramFieldsFragment {
  return {
    id: PROGRAM_ID,
    name: "Trouw Club",
    description: "Bronze, Silver and Gold.",
    type: "TIERED",
    status: "DRAFT",
    currency: "EUR",
    unit: "POINTS",
    validFrom: null,
    validUntil: null,
    config: TIERED_CONFIG,
    version: 3,
    memberCount: 0,
    createdAt: "2025-02-01T10:00:00.000Z",
    updatedAt: "2025-03-01T10:00:00.000Z",
    ...overrides,
  };
}

export function reward(overrides: Partial<RewardFieldsFragment> = {}): RewardFieldsFragment {
  return {
    id: "r1",
    programId: PROGRAM_ID,
    kind: "DISCOUNT_AMOUNT",
    name: "€5 off",
    description: null,
    cost: 500,
    valueMinor: 500,
    percent: null,
    stock: null,
    perCustomerLimit: null,
    validFrom: null,
    validUntil: null,
    tierCodes: [],
    segmentIds: [],
    status: "active",
    ...overrides,
  };
}

export function campaign(overrides: Partial<CampaignFieldsFragment> = {}): CampaignFieldsFragment {
  return {
    id: "k1",
    programId: PROGRAM_ID,
    name: "Double points in March",
    segmentId: null,
    startsAt: "2025-03-01T00:00:00.000Z",
    endsAt: "2025-04-01T00:00:00.000Z",
    multiplier: 2,
    bonusPoints: 0,
    stacking: "STACKABLE",
    capPerCustomer: null,
    status: "active",
    ...overrides,
  };
}

export const simulation = (earned = 99, pending = 0) => ({
  data: {
    simulateEarning: {
      unit: "POINTS",
      earned,
      pending,
      completedCards: 0,
      unlockedThresholds: [],
      explanation: [`€99.95 net × 1 pt per €1.00 = ${earned} pts`],
      entries: [],
    },
  },
});
