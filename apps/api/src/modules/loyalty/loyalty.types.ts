import { GraphQLJSONObject } from "graphql-scalars";
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import type { LedgerKind, ProgramStatus, ProgramType, ProgramUnit } from "@trouw/domain";
import { REWARD_KINDS } from "@trouw/domain";
import {
  Connection,
  LedgerKindEnum,
  ProgramStatusEnum,
  ProgramTypeEnum,
  ProgramUnitEnum,
} from "../../common/graphql-types";
import { OrderLineInput } from "../events/events.types";

export const RewardKindEnum = Object.fromEntries(
  REWARD_KINDS.map((k) => [k.toUpperCase(), k]),
) as Record<string, string>;
registerEnumType(RewardKindEnum, {
  name: "RewardKind",
  description: "Discount (amount or percent), free shipping, gift, or a non-financial reward.",
});

export const TierBasisEnum = { POINTS_EARNED: "points_earned", SPEND: "spend" } as const;
registerEnumType(TierBasisEnum, {
  name: "TierBasis",
  description: "What a tiered program's qualification counts.",
});

export const CampaignStackingEnum = { STACKABLE: "stackable", EXCLUSIVE: "exclusive" } as const;
registerEnumType(CampaignStackingEnum, {
  name: "CampaignStacking",
  description:
    "Stackable campaigns add up; an exclusive one applies alone when it beats all stackable ones together.",
});

@ObjectType({
  description: "A loyalty program: one of seven families, configured by its `config`.",
})
export class LoyaltyProgram {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => ProgramTypeEnum)
  type: ProgramType;

  @Field(() => ProgramStatusEnum)
  status: ProgramStatus;

  @Field({ description: "Orders in other currencies earn nothing in this program." })
  currency: string;

  @Field(() => ProgramUnitEnum)
  unit: ProgramUnit;

  @Field(() => Date, { nullable: true })
  validFrom: Date | null;

  @Field(() => Date, { nullable: true })
  validUntil: Date | null;

  @Field(() => GraphQLJSONObject, {
    description: "Type-specific configuration (see the admin's program form or the README).",
  })
  config: object;

  @Field(() => Int, { description: "Incremented by every saved change." })
  version: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class LoyaltyProgramConnection extends Connection(LoyaltyProgram, "LoyaltyProgram") {}

@InputType()
export class LoyaltyProgramInput {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field({ description: "ISO 4217 currency code." })
  currency: string;

  @Field(() => Date, { nullable: true })
  validFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  validUntil?: Date | null;

  @Field(() => GraphQLJSONObject, {
    description: "Type-specific configuration; `type` selects the program family.",
  })
  config: object;
}

@ObjectType({ description: "A customer's tier in a tiered program and the way to the next." })
export class TierStatus {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field(() => [String])
  perks: string[];

  @Field(() => Float)
  earnMultiplier: number;

  @Field(() => String, { nullable: true })
  nextCode: string | null;

  @Field(() => String, { nullable: true })
  nextName: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Points (or spend) still needed for the next tier.",
  })
  remainingToNext: number | null;

  @Field(() => Float, { nullable: true })
  percentToNext: number | null;

  @Field(() => Int, {
    description:
      "Points earned (or spend) in the qualification window: never the spendable balance.",
  })
  qualifyingValue: number;

  @Field(() => TierBasisEnum, {
    description: "What qualifies: points earned, or spend in minor units of the program currency.",
  })
  basis: "points_earned" | "spend";

  @Field(() => TierOverride, { nullable: true })
  override: TierOverride | null;
}

@ObjectType({ description: "A manual tier hold with an end date and a reason." })
export class TierOverride {
  @Field()
  tierCode: string;

  @Field()
  until: Date;

  @Field()
  reason: string;
}

@ObjectType()
export class ExpiringPoints {
  @Field(() => Int)
  amount: number;

  @Field(() => Date, { nullable: true })
  firstExpiresAt: Date | null;
}

@ObjectType({ description: "A customer's standing in one program." })
export class LoyaltyAccount {
  @Field(() => LoyaltyProgram)
  program: LoyaltyProgram;

  @Field(() => ID)
  customerId: string;

  @Field({ description: "enrolled or left." })
  status: string;

  @Field(() => ProgramUnitEnum)
  unit: ProgramUnit;

  @Field(() => Int, { description: "Spendable balance in the program's unit." })
  balance: number;

  @Field(() => Int, { description: "Earned but still in the return window." })
  pending: number;

  @Field(() => Int, { description: "Everything earned, net of refunds." })
  lifetimeEarned: number;

  @Field(() => TierStatus, { nullable: true })
  tier: TierStatus | null;

  @Field(() => Int, { nullable: true, description: "Punch cards: punches needed per card." })
  punchesRequired: number | null;

  @Field(() => Int, { description: "Punch cards filled so far." })
  completedCards: number;

  @Field(() => Int, {
    nullable: true,
    description: "Cashback: credit that can be spent now (0 below the minimum payout).",
  })
  creditAvailable: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Paid membership: none, active, lapsed or cancelled.",
  })
  membershipState: string | null;

  @Field(() => Date, { nullable: true })
  membershipPeriodEnd: Date | null;

  @Field(() => ExpiringPoints, { nullable: true })
  expiringSoon: ExpiringPoints | null;

  @Field(() => [String], { description: "Spend programs: threshold codes reached." })
  reachedThresholds: string[];

  @Field()
  enrolledAt: Date;

  @Field(() => Date, { nullable: true })
  lastActivityAt: Date | null;
}

@ObjectType({ description: "One immutable change of a balance, with its reason and who made it." })
export class LedgerEntry {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  programId: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => LedgerKindEnum)
  kind: LedgerKind;

  @Field(() => Int, { description: "Change of the spendable balance." })
  amount: number;

  @Field(() => Int, { description: "Change of the pending balance." })
  pendingDelta: number;

  @Field()
  reason: string;

  @Field({ description: "Who: `system`, `user:<id>` or `key:<id>`." })
  actor: string;

  @Field(() => ID, { nullable: true })
  sourceEventId: string | null;

  @Field(() => ID, { nullable: true })
  campaignId: string | null;

  @Field(() => ID, { nullable: true })
  redemptionId: string | null;

  @Field(() => GraphQLJSONObject)
  details: Record<string, unknown>;

  @Field()
  occurredAt: Date;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class LedgerEntryConnection extends Connection(LedgerEntry, "LedgerEntry") {}

@ObjectType({ description: "Something a customer can get for points, credit or punches." })
export class Reward {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  programId: string;

  @Field(() => RewardKindEnum)
  kind: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => Int, { description: "Cost in the program's unit." })
  cost: number;

  @Field(() => Int, { nullable: true, description: "Amount discounts: value in minor units." })
  valueMinor: number | null;

  @Field(() => Int, { nullable: true, description: "Percent discounts: 1-100." })
  percent: number | null;

  @Field(() => Int, { nullable: true, description: "Left in stock; null is unlimited." })
  stock: number | null;

  @Field(() => Int, { nullable: true })
  perCustomerLimit: number | null;

  @Field(() => Date, { nullable: true })
  validFrom: Date | null;

  @Field(() => Date, { nullable: true })
  validUntil: Date | null;

  @Field(() => [String], { description: "Only these tiers may redeem (empty: all)." })
  tierCodes: string[];

  @Field(() => [ID], { description: "Only members of these segments may redeem (empty: all)." })
  segmentIds: string[];

  @Field()
  status: string;
}

@InputType()
export class RewardInput {
  @Field(() => RewardKindEnum)
  kind: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int)
  cost: number;

  @Field(() => Int, { nullable: true })
  valueMinor?: number | null;

  @Field(() => Int, { nullable: true })
  percent?: number | null;

  @Field(() => Int, { nullable: true })
  stock?: number | null;

  @Field(() => Int, { nullable: true })
  perCustomerLimit?: number | null;

  @Field(() => Date, { nullable: true })
  validFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  validUntil?: Date | null;

  @Field(() => [String], { nullable: true })
  tierCodes?: string[] | null;

  @Field(() => [ID], { nullable: true })
  segmentIds?: string[] | null;
}

@ObjectType({ description: "A reward issued to a customer, with its unique code." })
export class Redemption {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  programId: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => ID, { nullable: true })
  rewardId: string | null;

  @Field()
  code: string;

  @Field(() => Int)
  cost: number;

  @Field({ description: "issued or cancelled." })
  status: string;

  @Field({ description: "redeem, punch_card, spend_threshold or anniversary." })
  source: string;

  @Field()
  description: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true })
  cancelReason: string | null;
}

@ObjectType()
export class RedemptionConnection extends Connection(Redemption, "Redemption") {}

@ObjectType({ description: "Time-bound extra earning for a segment." })
export class LoyaltyCampaign {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  programId: string;

  @Field()
  name: string;

  @Field(() => ID, { nullable: true, description: "Target segment; null targets everyone." })
  segmentId: string | null;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => Float)
  multiplier: number;

  @Field(() => Int)
  bonusPoints: number;

  @Field(() => CampaignStackingEnum)
  stacking: "stackable" | "exclusive";

  @Field(() => Int, { nullable: true })
  capPerCustomer: number | null;

  @Field()
  status: string;
}

@InputType()
export class CampaignInput {
  @Field()
  name: string;

  @Field(() => ID, { nullable: true })
  segmentId?: string | null;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => Float, { nullable: true, description: "e.g. 2 for double points." })
  multiplier?: number | null;

  @Field(() => Int, { nullable: true })
  bonusPoints?: number | null;

  @Field(() => CampaignStackingEnum, { nullable: true })
  stacking?: "stackable" | "exclusive" | null;

  @Field(() => Int, { nullable: true, description: "Most extra points one customer can get." })
  capPerCustomer?: number | null;
}

@InputType()
export class SimulatedOrderInput {
  @Field()
  currency: string;

  @Field(() => [OrderLineInput])
  lines: OrderLineInput[];

  @Field(() => Date, { nullable: true })
  occurredAt?: Date | null;
}

@ObjectType()
export class SimulatedEntry {
  @Field(() => LedgerKindEnum)
  kind: LedgerKind;

  @Field(() => Int)
  amount: number;

  @Field(() => Int)
  pendingDelta: number;

  @Field()
  reason: string;

  @Field(() => ID, { nullable: true })
  campaignId?: string | null;
}

@ObjectType({ description: "What an order would earn, and why. Nothing is written." })
export class EarningSimulation {
  @Field(() => ProgramUnitEnum)
  unit: ProgramUnit;

  @Field(() => Int, { description: "Spendable at once." })
  earned: number;

  @Field(() => Int, { description: "Spendable after the return window." })
  pending: number;

  @Field(() => [String])
  explanation: string[];

  @Field(() => Int)
  completedCards: number;

  @Field(() => [String])
  unlockedThresholds: string[];

  @Field(() => [SimulatedEntry])
  entries: SimulatedEntry[];
}

@ObjectType()
export class LedgerMismatch {
  @Field(() => ID)
  programId: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => Int)
  balance: number;

  @Field(() => Int)
  ledgerBalance: number;

  @Field(() => Int)
  pending: number;

  @Field(() => Int)
  ledgerPending: number;

  @Field(() => Int)
  lots: number;
}

@ObjectType({ description: "Whether every balance equals the sum of its ledger." })
export class LedgerCheck {
  @Field()
  ok: boolean;

  @Field(() => [LedgerMismatch])
  mismatches: LedgerMismatch[];
}

@ObjectType({ description: "A regular buyer whose usual reorder interval has passed." })
export class ReorderReminder {
  @Field(() => ID)
  customerId: string;

  @Field(() => Int, { nullable: true })
  intervalDays: number | null;

  @Field(() => Int, { nullable: true })
  daysSinceLast: number | null;

  @Field(() => Int, { nullable: true })
  overdueDays: number | null;
}

@ObjectType()
export class LoyaltyMaintenanceReport {
  @Field(() => Int)
  unlocked: number;

  @Field(() => Int)
  expired: number;

  @Field(() => Int)
  expiringNotices: number;

  @Field(() => Int)
  tiersEvaluated: number;

  @Field(() => Int)
  tiersChanged: number;

  @Field(() => Int)
  anniversaries: number;

  @Field(() => Int)
  birthdays: number;
}
