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
  valuesConfig: {
    DISCOUNT_AMOUNT: { description: "A fixed amount off." },
    DISCOUNT_PERCENT: { description: "A percentage off." },
    EXPERIENCE: { description: "An experience, e.g. an event or extra support." },
    FREE_SHIPPING: { description: "Free shipping." },
    GIFT: { description: "A gift." },
    SPECIAL_MENTION: { description: "A special mention, e.g. in a newsletter." },
  },
});

export const TierBasisEnum = { POINTS_EARNED: "points_earned", SPEND: "spend" } as const;
registerEnumType(TierBasisEnum, {
  name: "TierBasis",
  description: "What a tiered program's qualification counts.",
  valuesConfig: {
    POINTS_EARNED: { description: "Points earned in the qualification window." },
    SPEND: { description: "Spend in the qualification window." },
  },
});

export const CampaignStackingEnum = { STACKABLE: "stackable", EXCLUSIVE: "exclusive" } as const;
registerEnumType(CampaignStackingEnum, {
  name: "CampaignStacking",
  description:
    "Stackable campaigns add up; an exclusive one applies alone when it beats all stackable ones together.",
  valuesConfig: {
    EXCLUSIVE: {
      description:
        "Applies alone: the best exclusive campaign, and only when worth more than the stackable ones together.",
    },
    STACKABLE: { description: "Adds to the other stackable campaigns running at the same time." },
  },
});

@ObjectType({
  description: "A loyalty program: one of seven families, configured by its `config`.",
})
export class LoyaltyProgram {
  @Field(() => ID, { description: "The program's id." })
  id: string;

  @Field({ description: "Name." })
  name: string;

  @Field(() => String, { description: "Description for admins and customers.", nullable: true })
  description: string | null;

  @Field(() => ProgramTypeEnum, { description: "The program's family." })
  type: ProgramType;

  @Field(() => ProgramStatusEnum, { description: "Only active programs earn and redeem." })
  status: ProgramStatus;

  @Field({ description: "Orders in other currencies earn nothing in this program." })
  currency: string;

  @Field(() => ProgramUnitEnum, { description: "What balances count." })
  unit: ProgramUnit;

  @Field(() => Date, {
    description: "The program earns from this moment on; null: since activation.",
    nullable: true,
  })
  validFrom: Date | null;

  @Field(() => Date, {
    description: "The program stops earning at this moment; null: no end.",
    nullable: true,
  })
  validUntil: Date | null;

  @Field(() => GraphQLJSONObject, {
    description: "Type-specific configuration (see the admin's program form or the README).",
  })
  config: object;

  @Field(() => Int, { description: "Incremented by every saved change." })
  version: number;

  @Field({ description: "When the program was created." })
  createdAt: Date;

  @Field({ description: "When the program last changed." })
  updatedAt: Date;
}

@ObjectType({ description: "A page of loyalty programs." })
export class LoyaltyProgramConnection extends Connection(LoyaltyProgram, "LoyaltyProgram") {}

@InputType({ description: "A loyalty program: name, currency and its configuration." })
export class LoyaltyProgramInput {
  @Field({ description: "Name." })
  name: string;

  @Field(() => String, { description: "Description for admins and customers.", nullable: true })
  description?: string | null;

  @Field({ description: "ISO 4217 currency code." })
  currency: string;

  @Field(() => Date, {
    description: "Earn from this moment on; null: since activation.",
    nullable: true,
  })
  validFrom?: Date | null;

  @Field(() => Date, { description: "Stop earning at this moment; null: no end.", nullable: true })
  validUntil?: Date | null;

  @Field(() => GraphQLJSONObject, {
    description: "Type-specific configuration; `type` selects the program family.",
  })
  config: object;
}

@ObjectType({ description: "A customer's tier in a tiered program and the way to the next." })
export class TierStatus {
  @Field({ description: "The current tier's code." })
  code: string;

  @Field({ description: "The current tier's name." })
  name: string;

  @Field(() => [String], { description: "The tier's perks." })
  perks: string[];

  @Field(() => Float, { description: "Multiplier on points earned in this tier." })
  earnMultiplier: number;

  @Field(() => String, { description: "The next tier's code, if any.", nullable: true })
  nextCode: string | null;

  @Field(() => String, { description: "The next tier's name, if any.", nullable: true })
  nextName: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Points (or spend) still needed for the next tier.",
  })
  remainingToNext: number | null;

  @Field(() => Float, { description: "Progress to the next tier, in percent.", nullable: true })
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

  @Field(() => TierOverride, {
    description: "A manual override, if one is in force.",
    nullable: true,
  })
  override: TierOverride | null;
}

@ObjectType({ description: "A manual tier hold with an end date and a reason." })
export class TierOverride {
  @Field({ description: "The tier set." })
  tierCode: string;

  @Field({ description: "When the override ends." })
  until: Date;

  @Field({ description: "Why the tier was set by hand." })
  reason: string;
}

@ObjectType({ description: "Points that will expire soon." })
export class ExpiringPoints {
  @Field(() => Int, { description: "How many points expire within the notice window." })
  amount: number;

  @Field(() => Date, { description: "When the first of them expire.", nullable: true })
  firstExpiresAt: Date | null;
}

@ObjectType({ description: "A customer's standing in one program." })
export class LoyaltyAccount {
  @Field(() => LoyaltyProgram, { description: "The program." })
  program: LoyaltyProgram;

  @Field(() => ID, { description: "The customer." })
  customerId: string;

  @Field({ description: "enrolled or left." })
  status: string;

  @Field(() => ProgramUnitEnum, { description: "What the balance counts." })
  unit: ProgramUnit;

  @Field(() => Int, { description: "Spendable balance in the program's unit." })
  balance: number;

  @Field(() => Int, { description: "Earned but still in the return window." })
  pending: number;

  @Field(() => Int, { description: "Everything earned, net of refunds." })
  lifetimeEarned: number;

  @Field(() => TierStatus, {
    description: "Current tier and progress (tiered programs).",
    nullable: true,
  })
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

  @Field(() => Date, {
    description: "End of the paid membership period (paid memberships).",
    nullable: true,
  })
  membershipPeriodEnd: Date | null;

  @Field(() => ExpiringPoints, { description: "Points about to expire, if any.", nullable: true })
  expiringSoon: ExpiringPoints | null;

  @Field(() => [String], { description: "Spend programs: threshold codes reached." })
  reachedThresholds: string[];

  @Field({ description: "When the customer joined the program." })
  enrolledAt: Date;

  @Field(() => Date, { description: "The last time the account earned or spent.", nullable: true })
  lastActivityAt: Date | null;
}

@ObjectType({ description: "One immutable change of a balance, with its reason and who made it." })
export class LedgerEntry {
  @Field(() => ID, { description: "The entry's id." })
  id: string;

  @Field(() => ID, { description: "The program." })
  programId: string;

  @Field(() => ID, { description: "The customer." })
  customerId: string;

  @Field(() => LedgerKindEnum, { description: "What the entry does." })
  kind: LedgerKind;

  @Field(() => Int, { description: "Change of the spendable balance." })
  amount: number;

  @Field(() => Int, { description: "Change of the pending balance." })
  pendingDelta: number;

  @Field({ description: "Why the entry was written." })
  reason: string;

  @Field({ description: "Who: `system`, `user:<id>` or `key:<id>`." })
  actor: string;

  @Field(() => ID, {
    description: "The customer event that caused the entry, if any.",
    nullable: true,
  })
  sourceEventId: string | null;

  @Field(() => ID, {
    description: "The campaign that added to this entry, if any.",
    nullable: true,
  })
  campaignId: string | null;

  @Field(() => ID, {
    description: "The redemption this entry pays for or returns, if any.",
    nullable: true,
  })
  redemptionId: string | null;

  @Field(() => GraphQLJSONObject, {
    description: "Machine-readable details of how the amount was computed.",
  })
  details: Record<string, unknown>;

  @Field({ description: "When the underlying business event happened." })
  occurredAt: Date;

  @Field({ description: "When the entry was written." })
  createdAt: Date;
}

@ObjectType({ description: "A page of ledger entries." })
export class LedgerEntryConnection extends Connection(LedgerEntry, "LedgerEntry") {}

@ObjectType({ description: "Something a customer can get for points, credit or punches." })
export class Reward {
  @Field(() => ID, { description: "The reward's id." })
  id: string;

  @Field(() => ID, { description: "The program." })
  programId: string;

  @Field(() => RewardKindEnum, { description: "What the customer gets." })
  kind: string;

  @Field({ description: "Name." })
  name: string;

  @Field(() => String, { description: "Description for customers.", nullable: true })
  description: string | null;

  @Field(() => Int, { description: "Cost in the program's unit." })
  cost: number;

  @Field(() => Int, { nullable: true, description: "Amount discounts: value in minor units." })
  valueMinor: number | null;

  @Field(() => Int, { nullable: true, description: "Percent discounts: 1-100." })
  percent: number | null;

  @Field(() => Int, { nullable: true, description: "Left in stock; null is unlimited." })
  stock: number | null;

  @Field(() => Int, {
    description: "How often one customer may redeem it; null: no limit.",
    nullable: true,
  })
  perCustomerLimit: number | null;

  @Field(() => Date, {
    description: "Redeemable from this moment on; null: always.",
    nullable: true,
  })
  validFrom: Date | null;

  @Field(() => Date, { description: "Redeemable until this moment; null: always.", nullable: true })
  validUntil: Date | null;

  @Field(() => [String], { description: "Only these tiers may redeem (empty: all)." })
  tierCodes: string[];

  @Field(() => [ID], { description: "Only members of these segments may redeem (empty: all)." })
  segmentIds: string[];

  @Field({ description: "Whether the reward is active or archived." })
  status: string;
}

@InputType({ description: "A reward: what it is, what it costs, and who may redeem it when." })
export class RewardInput {
  @Field(() => RewardKindEnum, { description: "What the customer gets." })
  kind: string;

  @Field({ description: "Name." })
  name: string;

  @Field(() => String, { description: "Description for customers.", nullable: true })
  description?: string | null;

  @Field(() => Int, { description: "Cost in the program's unit." })
  cost: number;

  @Field(() => Int, {
    description: "Discount amount in minor units (DISCOUNT_AMOUNT).",
    nullable: true,
  })
  valueMinor?: number | null;

  @Field(() => Int, { description: "Discount percentage (DISCOUNT_PERCENT).", nullable: true })
  percent?: number | null;

  @Field(() => Int, { description: "How many are available; null: unlimited.", nullable: true })
  stock?: number | null;

  @Field(() => Int, {
    description: "How often one customer may redeem it; null: no limit.",
    nullable: true,
  })
  perCustomerLimit?: number | null;

  @Field(() => Date, { description: "Redeemable from this moment on.", nullable: true })
  validFrom?: Date | null;

  @Field(() => Date, { description: "Redeemable until this moment.", nullable: true })
  validUntil?: Date | null;

  @Field(() => [String], {
    description: "Only customers in these tiers may redeem it.",
    nullable: true,
  })
  tierCodes?: string[] | null;

  @Field(() => [ID], {
    description: "Only members of these saved segments may redeem it.",
    nullable: true,
  })
  segmentIds?: string[] | null;
}

@ObjectType({ description: "A reward issued to a customer, with its unique code." })
export class Redemption {
  @Field(() => ID, { description: "The redemption's id." })
  id: string;

  @Field(() => ID, { description: "The program." })
  programId: string;

  @Field(() => ID, { description: "The customer." })
  customerId: string;

  @Field(() => ID, {
    description: "The reward redeemed, if any (granted rewards may have none).",
    nullable: true,
  })
  rewardId: string | null;

  @Field({ description: "The code to hand to the customer." })
  code: string;

  @Field(() => Int, { description: "What it cost, in the program's unit." })
  cost: number;

  @Field({ description: "issued or cancelled." })
  status: string;

  @Field({ description: "redeem, punch_card, spend_threshold or anniversary." })
  source: string;

  @Field({ description: "What the customer got." })
  description: string;

  @Field({ description: "When the reward was redeemed." })
  createdAt: Date;

  @Field(() => Date, { description: "When it was cancelled, if it was.", nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { description: "Why it was cancelled.", nullable: true })
  cancelReason: string | null;
}

@ObjectType({ description: "A page of redemptions." })
export class RedemptionConnection extends Connection(Redemption, "Redemption") {}

@ObjectType({ description: "Time-bound extra earning for a segment." })
export class LoyaltyCampaign {
  @Field(() => ID, { description: "The campaign's id." })
  id: string;

  @Field(() => ID, { description: "The program the campaign belongs to." })
  programId: string;

  @Field({ description: "Name shown to admins." })
  name: string;

  @Field(() => ID, { nullable: true, description: "Target segment; null targets everyone." })
  segmentId: string | null;

  @Field({ description: "When the campaign starts." })
  startsAt: Date;

  @Field({ description: "When the campaign ends (exclusive)." })
  endsAt: Date;

  @Field(() => Float, { description: "Multiplier on earned points while the campaign runs." })
  multiplier: number;

  @Field(() => Int, { description: "Extra points per qualifying order." })
  bonusPoints: number;

  @Field(() => CampaignStackingEnum, {
    description: "Whether it adds to other running campaigns or applies alone.",
  })
  stacking: "stackable" | "exclusive";

  @Field(() => Int, {
    description: "Most extra points one customer can get from the campaign.",
    nullable: true,
  })
  capPerCustomer: number | null;

  @Field({ description: "Whether the campaign is active or archived." })
  status: string;
}

@InputType({
  description:
    "A time-boxed earning campaign: a multiplier or bonus points, optionally limited to a segment.",
})
export class CampaignInput {
  @Field({ description: "Name shown to admins." })
  name: string;

  @Field(() => ID, {
    description: "Only customers in this saved segment qualify; null: everyone.",
    nullable: true,
  })
  segmentId?: string | null;

  @Field({ description: "When the campaign starts." })
  startsAt: Date;

  @Field({ description: "When the campaign ends (exclusive)." })
  endsAt: Date;

  @Field(() => Float, { nullable: true, description: "e.g. 2 for double points." })
  multiplier?: number | null;

  @Field(() => Int, {
    description: "Extra points per qualifying order while the campaign runs.",
    nullable: true,
  })
  bonusPoints?: number | null;

  @Field(() => CampaignStackingEnum, {
    description: "Whether the campaign adds to other running campaigns or applies alone.",
    nullable: true,
  })
  stacking?: "stackable" | "exclusive" | null;

  @Field(() => Int, { nullable: true, description: "Most extra points one customer can get." })
  capPerCustomer?: number | null;
}

@InputType({ description: "An order to simulate earning for." })
export class SimulatedOrderInput {
  @Field({ description: "ISO 4217 currency." })
  currency: string;

  @Field(() => [OrderLineInput], { description: "The order lines." })
  lines: OrderLineInput[];

  @Field(() => Date, { description: "When the order happens (default: now).", nullable: true })
  occurredAt?: Date | null;
}

@ObjectType({ description: "A ledger entry an order would write." })
export class SimulatedEntry {
  @Field(() => LedgerKindEnum, { description: "What the entry does." })
  kind: LedgerKind;

  @Field(() => Int, { description: "Spendable amount." })
  amount: number;

  @Field(() => Int, { description: "Change of pending points." })
  pendingDelta: number;

  @Field({ description: "Why." })
  reason: string;

  @Field(() => ID, { description: "The campaign behind the entry, if any.", nullable: true })
  campaignId?: string | null;
}

@ObjectType({ description: "What an order would earn, and why. Nothing is written." })
export class EarningSimulation {
  @Field(() => ProgramUnitEnum, { description: "What the amounts count." })
  unit: ProgramUnit;

  @Field(() => Int, { description: "Spendable at once." })
  earned: number;

  @Field(() => Int, { description: "Spendable after the return window." })
  pending: number;

  @Field(() => [String], { description: "Step by step, how the result was reached." })
  explanation: string[];

  @Field(() => Int, { description: "Punch cards the order would complete (punch card programs)." })
  completedCards: number;

  @Field(() => [String], {
    description: "Spend thresholds the order would unlock (spend programs).",
  })
  unlockedThresholds: string[];

  @Field(() => [SimulatedEntry], { description: "The ledger entries the order would write." })
  entries: SimulatedEntry[];
}

@ObjectType({ description: "An account whose stored balances differ from its ledger." })
export class LedgerMismatch {
  @Field(() => ID, { description: "The program." })
  programId: string;

  @Field(() => ID, { description: "The customer." })
  customerId: string;

  @Field(() => Int, { description: "The stored balance." })
  balance: number;

  @Field(() => Int, { description: "The balance according to the ledger." })
  ledgerBalance: number;

  @Field(() => Int, { description: "The stored pending points." })
  pending: number;

  @Field(() => Int, { description: "Pending points according to the ledger." })
  ledgerPending: number;

  @Field(() => Int, { description: "Sum of the remaining available lots." })
  lots: number;
}

@ObjectType({ description: "Whether every balance equals the sum of its ledger." })
export class LedgerCheck {
  @Field({ description: "True when every balance equals the sum of its ledger." })
  ok: boolean;

  @Field(() => [LedgerMismatch], {
    description: "Every account whose projection differs from its ledger.",
  })
  mismatches: LedgerMismatch[];
}

@ObjectType({ description: "A regular buyer whose usual reorder interval has passed." })
export class ReorderReminder {
  @Field(() => ID, { description: "The customer's id." })
  customerId: string;

  @Field(() => Int, {
    description: "The customer's usual number of days between orders.",
    nullable: true,
  })
  intervalDays: number | null;

  @Field(() => Int, { description: "Days since the customer's last order.", nullable: true })
  daysSinceLast: number | null;

  @Field(() => Int, { description: "Days past the usual interval.", nullable: true })
  overdueDays: number | null;
}

@ObjectType({ description: "What one run of loyalty upkeep did." })
export class LoyaltyMaintenanceReport {
  @Field(() => Int, { description: "Accounts whose pending points were unlocked." })
  unlocked: number;

  @Field(() => Int, { description: "Accounts whose points expired." })
  expired: number;

  @Field(() => Int, { description: "Notices of points about to expire." })
  expiringNotices: number;

  @Field(() => Int, { description: "Accounts whose tier was reviewed." })
  tiersEvaluated: number;

  @Field(() => Int, { description: "Tier changes made." })
  tiersChanged: number;

  @Field(() => Int, {
    description:
      "Tier reviews where an active manual override held a tier the member would have left.",
  })
  tiersHeld: number;

  @Field(() => Int, { description: "Membership anniversary rewards granted." })
  anniversaries: number;

  @Field(() => Int, { description: "Birthday rewards granted." })
  birthdays: number;
}
