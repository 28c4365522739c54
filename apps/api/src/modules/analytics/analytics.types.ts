import { GraphQLSafeInt } from "graphql-scalars";
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import type { EventType, ProgramType, ProgramUnit } from "@trouw/domain";
import {
  enumOf,
  EventTypeEnum,
  ProgramTypeEnum,
  ProgramUnitEnum,
} from "../../common/graphql-types";
import { NpsScore } from "../surveys/surveys.types";
import type { ClvInputSource } from "./analytics.service";
import { ANALYTICS_PERIODS, type AnalyticsPeriod } from "./periods";
import type { RetentionSource } from "./retention";

export const AnalyticsPeriodEnum = enumOf(
  ANALYTICS_PERIODS,
  "AnalyticsPeriod",
  "Periods of an analytics series: UTC calendar months or quarters (January, April, July, October).",
  { MONTH: "Calendar months (UTC).", QUARTER: "Calendar quarters (UTC)." },
);
export const RetentionSourceEnum = enumOf(
  ["rollup", "events"] as const satisfies readonly RetentionSource[],
  "RetentionSource",
  "Where retention was computed from: the per-customer activity rollup (order-based definitions over a tracked window, 90 days) or the events themselves (any other definition; slower on large data).",
  { EVENTS: "Computed from the events table.", ROLLUP: "Read from the maintained rollups." },
);
export const ClvInputSourceEnum = enumOf(
  ["customer", "shop", "given"] as const satisfies readonly ClvInputSource[],
  "ClvInputSource",
  "Where a predictive CLV input came from: the customer's own orders, the shop's churn, or the caller.",
  {
    CUSTOMER: "Taken from the customer's own order history.",
    GIVEN: "Given in the request.",
    SHOP: "Shop-wide averages.",
  },
);

@ObjectType({
  description:
    "A sum of money that can exceed 32 bits: integer minor units and an ISO 4217 currency.",
})
export class MoneyTotal {
  @Field(() => GraphQLSafeInt, { description: "Amount in minor units (cents)." })
  amountMinor: number;

  @Field({ description: "ISO 4217 currency code." })
  currency: string;
}

@ArgsType()
export class AnalyticsRangeArgs {
  @Field(() => Date, {
    nullable: true,
    description:
      "Start of the range; the first period is the one containing it. Default: 12 months before `to`.",
  })
  from?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      "End of the range, exclusive; the last period is the one containing the instant before it. Default: now.",
  })
  to?: Date | null;

  @Field(() => AnalyticsPeriodEnum, { defaultValue: "month", description: "Months or quarters." })
  period: AnalyticsPeriod;

  @Field(() => ID, { nullable: true, description: "Only customers now in this saved segment." })
  segmentId?: string | null;
}

@InputType({ description: "What makes a customer active at an instant B." })
export class ActiveCustomerDefinitionInput {
  @Field(() => Int, {
    defaultValue: 90,
    description:
      "A qualifying event in [B - withinDays × 24 h, B) makes the customer active at B (1-36500).",
  })
  withinDays: number;

  @Field(() => [EventTypeEnum], {
    defaultValue: ["order"],
    description: "Event types that qualify; list them all to count any event.",
  })
  eventTypes: EventType[];
}

@ObjectType({ description: "The active customer definition a retention series used." })
export class ActiveCustomerDefinition {
  @Field(() => Int, { description: "Look-back window in days." })
  withinDays: number;

  @Field(() => [EventTypeEnum], { description: "Event types that qualify." })
  eventTypes: EventType[];
}

@ObjectType({
  description:
    "Customer retention in one period [periodStart, periodEnd): customers active at its start and end and who came and went between (DOMAIN.md section 8).",
})
export class RetentionPeriod {
  @Field({ description: "Start of the period." })
  periodStart: Date;

  @Field({ description: "End of the period (exclusive): the next period's start." })
  periodEnd: Date;

  @Field({ description: "Whether the period has ended; a running one counts events so far." })
  complete: boolean;

  @Field(() => Int, { description: "Customers active at periodStart." })
  atStart: number;

  @Field(() => Int, { description: "Customers active at periodEnd but not at periodStart." })
  acquired: number;

  @Field(() => Int, {
    description: "Acquired customers whose first qualifying event falls in this period.",
  })
  newCustomers: number;

  @Field(() => Int, {
    description: "Acquired customers with earlier qualifying events who had lapsed at periodStart.",
  })
  reactivated: number;

  @Field(() => Int, { description: "Customers active at periodStart but not at periodEnd." })
  lost: number;

  @Field(() => Int, {
    description:
      "Customers active at periodEnd (= atStart + acquired - lost; the next period's atStart).",
  })
  atEnd: number;

  @Field(() => Float, {
    nullable: true,
    description: "(atEnd - acquired) / atStart × 100, one decimal; null when atStart is 0.",
  })
  retentionRate: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "lost / atStart × 100, one decimal; null when atStart is 0.",
  })
  churnRate: number | null;
}

@ObjectType({ description: "Retention and churn per period." })
export class RetentionSeries {
  @Field(() => ActiveCustomerDefinition, { description: "The definition of active used." })
  definition: ActiveCustomerDefinition;

  @Field(() => RetentionSourceEnum, { description: "What the counts were computed from." })
  source: RetentionSource;

  @Field(() => [RetentionPeriod], { description: "Every period of the range, oldest first." })
  periods: RetentionPeriod[];
}

@ObjectType({ description: "Orders of one currency in one period." })
export class OrderPeriod {
  @Field({ description: "Start of the period." })
  periodStart: Date;

  @Field({ description: "End of the period (exclusive)." })
  periodEnd: Date;

  @Field({ description: "Whether the period has ended." })
  complete: boolean;

  @Field(() => Int, { description: "Orders placed in the period." })
  orders: number;

  @Field(() => Int, { description: "Customers with at least one order in the period." })
  customers: number;

  @Field(() => Int, { description: "Customers with two or more orders in the period." })
  repeatCustomers: number;

  @Field(() => Float, {
    nullable: true,
    description: "repeatCustomers / customers × 100, one decimal; null without orders.",
  })
  repeatPurchaseRate: number | null;

  @Field(() => MoneyTotal, {
    nullable: true,
    description: "Net order value (after discounts, before refunds) of the period's orders.",
  })
  revenue: MoneyTotal | null;

  @Field(() => MoneyTotal, {
    nullable: true,
    description: "Refunds made in the period (whenever their order was placed).",
  })
  refunded: MoneyTotal | null;

  @Field(() => MoneyTotal, { nullable: true, description: "revenue - refunded." })
  netRevenue: MoneyTotal | null;

  @Field(() => MoneyTotal, {
    nullable: true,
    description:
      "Average order value: revenue / orders, rounded half up to a minor unit; null without orders.",
  })
  averageOrderValue: MoneyTotal | null;
}

@ObjectType({ description: "Order measures per period, in one currency." })
export class OrderMetrics {
  @Field(() => String, {
    nullable: true,
    description:
      "The currency of the figures: as asked, or the one with the most orders in the range; null without orders.",
  })
  currency: string | null;

  @Field(() => [String], { description: "Currencies with orders in the range." })
  currencies: string[];

  @Field(() => [OrderPeriod], { description: "Every period of the range, oldest first." })
  periods: OrderPeriod[];
}

@ObjectType({ description: "The inputs of a predictive CLV and where each came from." })
export class PredictiveClvInputs {
  @Field(() => MoneyTotal, {
    nullable: true,
    description: "The customer's average order value; null without orders.",
  })
  averageOrderValue: MoneyTotal | null;

  @Field(() => Float, {
    description: "Orders per year: given, or the customer's orders in the last 365 days.",
  })
  purchasesPerYear: number;

  @Field(() => ClvInputSourceEnum, { description: "Where purchasesPerYear came from." })
  purchasesPerYearSource: ClvInputSource;

  @Field(() => Float, {
    nullable: true,
    description:
      "Years a customer keeps buying: given, or 1 / the shop's annual churn; null at 0% churn or without customers a year ago.",
  })
  expectedLifespanYears: number | null;

  @Field(() => ClvInputSourceEnum, { description: "Where expectedLifespanYears came from." })
  expectedLifespanSource: ClvInputSource;

  @Field(() => Float, {
    nullable: true,
    description:
      "Churn over the last twelve full months (default active definition: an order in 90 days), when the lifespan was derived from it.",
  })
  annualChurnRate: number | null;
}

@ObjectType({ description: "What a customer has been worth and is expected to be worth." })
export class CustomerLifetimeValue {
  @Field(() => ID, { description: "The customer." })
  customerId: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Currency of the figures: as asked, or that of the latest order; null without orders.",
  })
  currency: string | null;

  @Field(() => Int, { description: "Orders in that currency." })
  orders: number;

  @Field(() => MoneyTotal, {
    nullable: true,
    description: "Historic CLV: net paid minus refunds, to date.",
  })
  historic: MoneyTotal | null;

  @Field(() => MoneyTotal, {
    nullable: true,
    description:
      "Predictive CLV: AOV × purchases per year × expected lifespan, rounded half up; null when an input is missing.",
  })
  predictive: MoneyTotal | null;

  @Field(() => PredictiveClvInputs, { description: "The inputs of the prediction." })
  inputs: PredictiveClvInputs;
}

@ObjectType({
  description: "One bar of a CLV histogram: customers with CLV in [fromMinor, toMinor).",
})
export class ClvBucket {
  @Field(() => GraphQLSafeInt, { description: "Lower bound (inclusive), minor units." })
  fromMinor: number;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: "Upper bound (exclusive); null for the last, open-ended bucket.",
  })
  toMinor: number | null;

  @Field(() => Int, { description: "Customers in the bucket." })
  customers: number;
}

@ObjectType({
  description: "Historic CLV over the customers who bought in one currency: average and histogram.",
})
export class ClvSummary {
  @Field(() => String, {
    nullable: true,
    description: "As asked, or the currency most customers bought in; null without orders.",
  })
  currency: string | null;

  @Field(() => [String], { description: "Currencies customers bought in." })
  currencies: string[];

  @Field(() => Int, { description: "Customers with at least one order in the currency." })
  customers: number;

  @Field(() => MoneyTotal, { nullable: true, description: "Their historic CLVs added up." })
  totalHistoric: MoneyTotal | null;

  @Field(() => MoneyTotal, {
    nullable: true,
    description: "Average historic CLV, rounded half up; null without customers.",
  })
  averageHistoric: MoneyTotal | null;

  @Field(() => GraphQLSafeInt, { description: "Width of each bucket, minor units." })
  bucketWidthMinor: number;

  @Field(() => [ClvBucket], { description: "Equal buckets from 0; the last is open-ended." })
  buckets: ClvBucket[];
}

@ObjectType({ description: "Outstanding balance and liability of one loyalty program." })
export class LoyaltyProgramMetrics {
  @Field(() => ID, { description: "The program." })
  programId: string;

  @Field({ description: "Its name." })
  name: string;

  @Field(() => ProgramTypeEnum, { description: "Its family." })
  type: ProgramType;

  @Field(() => ProgramUnitEnum, { description: "What its balances count." })
  unit: ProgramUnit;

  @Field({ description: "Its currency." })
  currency: string;

  @Field(() => GraphQLSafeInt, {
    description: "Spendable balances added up (balances below zero lower it).",
  })
  outstanding: number;

  @Field(() => GraphQLSafeInt, { description: "Points still pending (return window)." })
  pending: number;

  @Field(() => MoneyTotal, {
    nullable: true,
    description:
      "What the outstanding balance would cost if redeemed: points × value per point, store credit at face value; null for punches and spend.",
  })
  liability: MoneyTotal | null;
}

@ObjectType({ description: "Loyalty activity of the selected programs in one period." })
export class LoyaltyPeriod {
  @Field({ description: "Start of the period." })
  periodStart: Date;

  @Field({ description: "End of the period (exclusive)." })
  periodEnd: Date;

  @Field({ description: "Whether the period has ended." })
  complete: boolean;

  @Field(() => GraphQLSafeInt, {
    description: "Awarded: earned at once plus earned pending (earn and pending entries).",
  })
  earned: number;

  @Field(() => GraphQLSafeInt, { description: "Redeemed (burn entries)." })
  burned: number;

  @Field(() => GraphQLSafeInt, { description: "Expired (expire entries)." })
  expired: number;

  @Field(() => GraphQLSafeInt, { description: "Manual adjustments, net (adjust entries)." })
  adjusted: number;

  @Field(() => GraphQLSafeInt, {
    description: "Taken back on refunds, spendable and pending (reverse entries).",
  })
  reversed: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "burned / earned × 100, one decimal; can exceed 100; null when nothing was earned.",
  })
  redemptionRate: number | null;

  @Field(() => GraphQLSafeInt, { description: "Spendable balances at periodEnd, added up." })
  outstandingAtEnd: number;

  @Field(() => MoneyTotal, {
    nullable: true,
    description:
      "Liability at periodEnd; null for punches and spend, or programs in several currencies.",
  })
  liabilityAtEnd: MoneyTotal | null;
}

@ObjectType({ description: "Points liability and activity of loyalty programs." })
export class LoyaltyMetrics {
  @Field(() => Float, { description: "Value of one point in minor units, as used." })
  valuePerPointMinor: number;

  @Field(() => ProgramUnitEnum, { description: "Unit of the per-period figures." })
  unit: ProgramUnit;

  @Field(() => [LoyaltyProgramMetrics], { description: "The selected programs, now." })
  programs: LoyaltyProgramMetrics[];

  @Field(() => [MoneyTotal], { description: "Total liability now, per currency." })
  liability: MoneyTotal[];

  @Field(() => [LoyaltyPeriod], { description: "Every period of the range, oldest first." })
  periods: LoyaltyPeriod[];
}

@ObjectType({ description: "NPS of the answers given in one period." })
export class NpsTrendPeriod {
  @Field({ description: "Start of the period." })
  periodStart: Date;

  @Field({ description: "End of the period (exclusive)." })
  periodEnd: Date;

  @Field({ description: "Whether the period has ended." })
  complete: boolean;

  @Field(() => NpsScore, { description: "NPS with counts, distribution and confidence." })
  nps: NpsScore;
}

@ObjectType({ description: "NPS over every NPS answer of every survey, per period." })
export class NpsTrend {
  @Field(() => NpsScore, { description: "NPS over the whole range." })
  overall: NpsScore;

  @Field(() => [NpsTrendPeriod], { description: "Every period of the range, oldest first." })
  periods: NpsTrendPeriod[];
}

@ObjectType({
  description:
    "The admin dashboard over one range, period and segment; each field is computed only when asked for.",
})
export class Dashboard {
  @Field({ description: "Start of the first period." })
  from: Date;

  @Field({ description: "End of the last period (exclusive)." })
  to: Date;

  @Field(() => AnalyticsPeriodEnum, { description: "Months or quarters." })
  period: AnalyticsPeriod;

  @Field(() => ID, { nullable: true, description: "The segment the figures are limited to." })
  segmentId: string | null;
}
