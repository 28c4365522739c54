import type {
  LedgerKind,
  MembershipStatus,
  ProgramConfig,
  ProgramStatus,
  ProgramType,
  TierOverride,
} from "@trouw/domain";

/**
 * The loyalty tables are read and written with SQL rather than entities: the ledger lives on
 * conditional updates and FIFO lot queries, and these mappers are their one typed view.
 */
export interface ProgramRow {
  id: string;
  name: string;
  description: string | null;
  type: ProgramType;
  status: ProgramStatus;
  currency: string;
  validFrom: Date | null;
  validUntil: Date | null;
  config: ProgramConfig;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

type Raw = Record<string, unknown>;
const date = (v: unknown) => (v == null ? null : new Date(v as string));
const num = (v: unknown) => Number(v);

export const toProgram = (r: Raw): ProgramRow => ({
  id: r.id as string,
  name: r.name as string,
  description: (r.description as string | null) ?? null,
  type: r.type as ProgramType,
  status: r.status as ProgramStatus,
  currency: (r.currency as string).trim(),
  validFrom: date(r.valid_from),
  validUntil: date(r.valid_until),
  config: r.config as ProgramConfig,
  version: num(r.version),
  createdBy: r.created_by as string,
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
});

export interface AccountRow {
  programId: string;
  customerId: string;
  status: "enrolled" | "left";
  balance: number;
  pending: number;
  lifetimeEarned: number;
  tierCode: string | null;
  tierSince: Date | null;
  tierOverride: TierOverride | null;
  membership: MembershipStatus | null;
  reachedThresholds: string[];
  completedCards: number;
  enrolledAt: Date;
  leftAt: Date | null;
  lastActivityAt: Date | null;
  /** When a downgrade is next considered; null until first looked at. */
  tierReviewAt: Date | null;
}

export const toAccount = (r: Raw): AccountRow => {
  const override = r.tier_override as { tierCode: string; until: string; reason: string } | null;
  const membership = r.membership as {
    state: MembershipStatus["state"];
    periodEnd: string | null;
    autoRenew: boolean;
    since: string | null;
  } | null;
  return {
    programId: r.program_id as string,
    customerId: r.customer_id as string,
    status: r.status as AccountRow["status"],
    balance: num(r.balance),
    pending: num(r.pending),
    lifetimeEarned: num(r.lifetime_earned),
    tierCode: (r.tier_code as string | null) ?? null,
    tierSince: date(r.tier_since),
    tierOverride: override ? { ...override, until: new Date(override.until) } : null,
    membership: membership
      ? { ...membership, periodEnd: date(membership.periodEnd), since: date(membership.since) }
      : null,
    reachedThresholds: (r.reached_thresholds as string[] | null) ?? [],
    completedCards: num(r.completed_cards),
    enrolledAt: new Date(r.enrolled_at as string),
    leftAt: date(r.left_at),
    lastActivityAt: date(r.last_activity_at),
    tierReviewAt: date(r.tier_review_at),
  };
};

export interface LedgerEntryRow {
  id: string;
  /** Write order; the ledger's cursor. */
  seq: string;
  programId: string;
  customerId: string;
  kind: LedgerKind;
  amount: number;
  pendingDelta: number;
  reason: string;
  actor: string;
  sourceEventId: string | null;
  campaignId: string | null;
  redemptionId: string | null;
  details: Record<string, unknown>;
  occurredAt: Date;
  createdAt: Date;
}

export const toLedgerEntry = (r: Raw): LedgerEntryRow => ({
  id: r.id as string,
  seq: String(r.seq),
  programId: r.program_id as string,
  customerId: r.customer_id as string,
  kind: r.kind as LedgerKind,
  amount: num(r.amount),
  pendingDelta: num(r.pending_delta),
  reason: r.reason as string,
  actor: r.actor as string,
  sourceEventId: (r.source_event_id as string | null) ?? null,
  campaignId: (r.campaign_id as string | null) ?? null,
  redemptionId: (r.redemption_id as string | null) ?? null,
  details: (r.details as Record<string, unknown>) ?? {},
  occurredAt: new Date(r.occurred_at as string),
  createdAt: new Date(r.created_at as string),
});

export interface RewardRow {
  id: string;
  programId: string;
  kind: string;
  name: string;
  description: string | null;
  cost: number;
  valueMinor: number | null;
  percent: number | null;
  stock: number | null;
  perCustomerLimit: number | null;
  validFrom: Date | null;
  validUntil: Date | null;
  eligibility: { tierCodes: string[]; segmentIds: string[] };
  status: "active" | "archived";
  createdAt: Date;
  updatedAt: Date;
}

const numOrNull = (v: unknown) => (v == null ? null : Number(v));

export const toReward = (r: Raw): RewardRow => ({
  id: r.id as string,
  programId: r.program_id as string,
  kind: r.kind as string,
  name: r.name as string,
  description: (r.description as string | null) ?? null,
  cost: num(r.cost),
  valueMinor: numOrNull(r.value_minor),
  percent: numOrNull(r.percent),
  stock: numOrNull(r.stock),
  perCustomerLimit: numOrNull(r.per_customer_limit),
  validFrom: date(r.valid_from),
  validUntil: date(r.valid_until),
  eligibility: r.eligibility as RewardRow["eligibility"],
  status: r.status as RewardRow["status"],
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
});

export interface RedemptionRow {
  id: string;
  programId: string;
  customerId: string;
  rewardId: string | null;
  code: string;
  cost: number;
  status: "issued" | "cancelled";
  source: "redeem" | "punch_card" | "spend_threshold" | "anniversary";
  milestone: string | null;
  description: string;
  actor: string;
  createdAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
}

export const toRedemption = (r: Raw): RedemptionRow => ({
  id: r.id as string,
  programId: r.program_id as string,
  customerId: r.customer_id as string,
  rewardId: (r.reward_id as string | null) ?? null,
  code: r.code as string,
  cost: num(r.cost),
  status: r.status as RedemptionRow["status"],
  source: r.source as RedemptionRow["source"],
  milestone: (r.milestone as string | null) ?? null,
  description: r.description as string,
  actor: r.actor as string,
  createdAt: new Date(r.created_at as string),
  cancelledAt: date(r.cancelled_at),
  cancelReason: (r.cancel_reason as string | null) ?? null,
});

export interface CampaignRow {
  id: string;
  programId: string;
  name: string;
  segmentId: string | null;
  startsAt: Date;
  endsAt: Date;
  multiplier: number;
  bonusPoints: number;
  stacking: "stackable" | "exclusive";
  capPerCustomer: number | null;
  status: "active" | "archived";
  createdAt: Date;
  updatedAt: Date;
}

export const toCampaign = (r: Raw): CampaignRow => ({
  id: r.id as string,
  programId: r.program_id as string,
  name: r.name as string,
  segmentId: (r.segment_id as string | null) ?? null,
  startsAt: new Date(r.starts_at as string),
  endsAt: new Date(r.ends_at as string),
  multiplier: Number(r.multiplier),
  bonusPoints: num(r.bonus_points),
  stacking: r.stacking as CampaignRow["stacking"],
  capPerCustomer: numOrNull(r.cap_per_customer),
  status: r.status as CampaignRow["status"],
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
});
