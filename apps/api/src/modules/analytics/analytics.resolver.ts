import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Context } from "../../context";
import { Segment } from "../segments/segments.types";
import {
  ActiveCustomerDefinitionInput,
  AnalyticsRangeArgs,
  ClvSummary,
  CustomerLifetimeValue,
  Dashboard,
  LoyaltyMetrics,
  NpsTrend,
  OrderMetrics,
  RetentionSeries,
  AnalyticsPeriodEnum,
} from "./analytics.types";
import type { AnalyticsPeriod } from "./periods";

const CURRENCY = "Figures in this ISO 4217 currency; default: the one with the most orders.";
const VALUE_PER_POINT =
  "What one point is worth when redeemed, in minor units (may be a fraction: 0.5 is half a cent).";

@ArgsType()
class RetentionArgs extends AnalyticsRangeArgs {
  @Field(() => ActiveCustomerDefinitionInput, {
    nullable: true,
    description: "What makes a customer active; default: an order in the last 90 days.",
  })
  activeDefinition?: ActiveCustomerDefinitionInput | null;
}

@ArgsType()
class OrderMetricsArgs extends AnalyticsRangeArgs {
  @Field(() => String, { nullable: true, description: CURRENCY })
  currency?: string | null;
}

@ArgsType()
class ClvSummaryArgs {
  @Field(() => ID, { nullable: true, description: "Only customers now in this saved segment." })
  segmentId?: string | null;

  @Field(() => String, { nullable: true, description: CURRENCY })
  currency?: string | null;

  @Field(() => Int, { nullable: true, description: "Histogram buckets, 1-50 (default 10)." })
  buckets?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Bucket width in minor units; default: a round width reaching 3 × the average.",
  })
  bucketWidthMinor?: number | null;
}

@ArgsType()
class LoyaltyMetricsArgs {
  @Field(() => ID, {
    nullable: true,
    description: "One program; default: every points program (points, tiered, referral).",
  })
  programId?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "Start of the range (default: 12 months before to).",
  })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "End of the range, exclusive (default: now)." })
  to?: Date | null;

  @Field(() => AnalyticsPeriodEnum, { defaultValue: "month", description: "Months or quarters." })
  period: AnalyticsPeriod;

  @Field(() => Float, { defaultValue: 1, description: VALUE_PER_POINT })
  valuePerPointMinor: number;
}

@ArgsType()
class CustomerLifetimeValueArgs {
  @Field(() => ID, { description: "The customer." })
  customerId: string;

  @Field(() => String, {
    nullable: true,
    description: "Currency of the figures; default: that of the customer's latest order.",
  })
  currency?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "Orders per year to assume; default: the customer's orders in the last 365 days.",
  })
  purchasesPerYear?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Expected lifespan in years to assume; default: 1 / the shop's annual churn.",
  })
  expectedLifespanYears?: number | null;
}

const SEGMENT_SIZES_LIMIT = {
  defaultValue: 10,
  description: "How many segments (1-50).",
} as const;

@Resolver()
export class AnalyticsResolver {
  @Authorized("customers:read")
  @Query(() => RetentionSeries, {
    description:
      "Retention and churn per calendar period (DOMAIN.md section 8): customers active at each period's start and end, acquired (new or reactivated) and lost.",
  })
  retention(@Args() args: RetentionArgs, @Ctx() ctx: Context) {
    return ctx.services.analytics.retention({ ...args, active: args.activeDefinition });
  }

  @Authorized("customers:read")
  @Query(() => OrderMetrics, {
    description: "Orders, revenue, refunds, AOV and repeat purchase rate per calendar period.",
  })
  orderMetrics(@Args() args: OrderMetricsArgs, @Ctx() ctx: Context) {
    return ctx.services.analytics.orderMetrics(args);
  }

  @Authorized("customers:read")
  @Query(() => CustomerLifetimeValue, {
    description:
      "A customer's historic CLV and a predictive CLV with its inputs; NOT_FOUND for an unknown customer.",
  })
  customerLifetimeValue(@Args() args: CustomerLifetimeValueArgs, @Ctx() ctx: Context) {
    return ctx.services.analytics.customerLifetimeValue(args);
  }

  @Authorized("customers:read")
  @Query(() => ClvSummary, {
    description: "Average historic CLV and its distribution over the customers who bought.",
  })
  clvSummary(@Args() args: ClvSummaryArgs, @Ctx() ctx: Context) {
    return ctx.services.analytics.clvSummary(args);
  }

  @Authorized("customers:read")
  @Query(() => LoyaltyMetrics, {
    description:
      "Points liability now and per period, points earned, burned and expired, and redemption rate.",
  })
  loyaltyMetrics(@Args() args: LoyaltyMetricsArgs, @Ctx() ctx: Context) {
    return ctx.services.analytics.loyaltyMetrics(args);
  }

  @Authorized("customers:read")
  @Query(() => NpsTrend, { description: "NPS per calendar period over all NPS answers." })
  npsTrend(@Args() args: AnalyticsRangeArgs, @Ctx() ctx: Context) {
    return ctx.services.analytics.npsTrend(args);
  }

  @Authorized("customers:read")
  @Query(() => [Segment], {
    description: "The largest saved segments by member count (size history: Segment.sizeHistory).",
  })
  segmentSizes(@Ctx() ctx: Context, @Arg("limit", () => Int, SEGMENT_SIZES_LIMIT) limit: number) {
    return ctx.services.analytics.segmentSizes(limit);
  }

  @Authorized("customers:read")
  @Query(() => Dashboard, {
    description:
      "The admin dashboard for one range, period and segment; ask for the parts you show, each is computed only then. BAD_USER_INPUT for a bad range, NOT_FOUND for an unknown segment.",
  })
  async dashboard(@Args() args: AnalyticsRangeArgs, @Ctx() ctx: Context): Promise<Dashboard> {
    const analytics = ctx.services.analytics;
    const grid = analytics.grid(args);
    return {
      from: grid.boundaries[0]!,
      to: grid.boundaries.at(-1)!,
      period: args.period,
      segmentId: await analytics.segment(args.segmentId),
    };
  }
}

/** The dashboard's parts, each resolved on demand over the dashboard's range. */
@Resolver(() => Dashboard)
export class DashboardResolver {
  @FieldResolver(() => RetentionSeries, { description: "Retention and churn per period." })
  retention(
    @Root() d: Dashboard,
    @Ctx() ctx: Context,
    @Arg("activeDefinition", () => ActiveCustomerDefinitionInput, {
      nullable: true,
      description: "What makes a customer active; default: an order in the last 90 days.",
    })
    activeDefinition?: ActiveCustomerDefinitionInput,
  ) {
    return ctx.services.analytics.retention({ ...d, active: activeDefinition });
  }

  @FieldResolver(() => OrderMetrics, { description: "Orders, revenue, AOV and repeat rate." })
  orders(
    @Root() d: Dashboard,
    @Ctx() ctx: Context,
    @Arg("currency", () => String, { nullable: true, description: CURRENCY }) currency?: string,
  ) {
    return ctx.services.analytics.orderMetrics({ ...d, currency });
  }

  @FieldResolver(() => ClvSummary, { description: "Historic CLV now (not limited to the range)." })
  clv(
    @Root() d: Dashboard,
    @Ctx() ctx: Context,
    @Arg("currency", () => String, { nullable: true, description: CURRENCY }) currency?: string,
    @Arg("buckets", () => Int, { nullable: true, description: "Histogram buckets (1-50)." })
    buckets?: number,
  ) {
    return ctx.services.analytics.clvSummary({ segmentId: d.segmentId, currency, buckets });
  }

  @FieldResolver(() => LoyaltyMetrics, {
    description: "Points liability and activity (all customers: programs are not segmented).",
  })
  loyalty(
    @Root() d: Dashboard,
    @Ctx() ctx: Context,
    @Arg("programId", () => ID, {
      nullable: true,
      description: "One program; default: all points programs.",
    })
    programId?: string,
    @Arg("valuePerPointMinor", () => Float, { defaultValue: 1, description: VALUE_PER_POINT })
    valuePerPointMinor?: number,
  ) {
    return ctx.services.analytics.loyaltyMetrics({ ...d, programId, valuePerPointMinor });
  }

  @FieldResolver(() => NpsTrend, { description: "NPS per period." })
  nps(@Root() d: Dashboard, @Ctx() ctx: Context) {
    return ctx.services.analytics.npsTrend(d);
  }

  @FieldResolver(() => [Segment], { description: "The largest saved segments." })
  segmentSizes(
    @Root() d: Dashboard,
    @Ctx() ctx: Context,
    @Arg("limit", () => Int, SEGMENT_SIZES_LIMIT) limit: number,
  ) {
    return ctx.services.analytics.segmentSizes(limit);
  }
}
