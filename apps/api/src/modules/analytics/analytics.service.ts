import type { EntityManager } from "typeorm";
import {
  averageClvOfTotal,
  averageOrderValue,
  averageOrderValueOfTotal,
  EVENT_TYPES,
  expectedLifespanYears,
  historicClv,
  isCurrencyCode,
  npsConfidence,
  npsFromCounts,
  pointsLiability,
  predictiveClv,
  programUnit,
  redemptionRate,
  repeatPurchaseRateOfCounts,
  type Confidence,
  type NpsResult,
  type OrderAmount,
  type ProgramType,
  type ProgramUnit,
} from "@trouw/domain";
import type { Clock } from "../../common/clock";
import { notFound } from "../../common/errors";
import { assertId } from "../../common/ids";
import type { Database } from "../../db/database";
import { SegmentEntity } from "../segments/segment.entity";
import { invalidAnalytics } from "./codes";
import {
  gridFrom,
  isoDay,
  monthIndex,
  periodGrid,
  periodOfMonth,
  periodsOf,
  type AnalyticsPeriod,
  type PeriodGrid,
} from "./periods";
import {
  DEFAULT_ACTIVE,
  retentionCounts,
  type ActiveDefinition,
  type RetentionCounts,
  type RetentionPath,
  type RetentionSource,
} from "./retention";

export interface RangeArgs {
  /** Start of the range; the first period is the one containing it. Default: 12 months before `to`. */
  from?: Date | null;
  /** End of the range (exclusive); the last period is the one containing the instant before. Default: now. */
  to?: Date | null;
  period: AnalyticsPeriod;
  /** Only customers now in this segment. */
  segmentId?: string | null;
}

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface Period {
  periodStart: Date;
  periodEnd: Date;
  complete: boolean;
}

export interface RetentionResult {
  definition: ActiveDefinition;
  source: RetentionSource;
  periods: (Period & RetentionCounts)[];
}

export interface OrderPeriod extends Period {
  orders: number;
  customers: number;
  repeatCustomers: number;
  repeatPurchaseRate: number | null;
  revenue: Money | null;
  refunded: Money | null;
  netRevenue: Money | null;
  averageOrderValue: Money | null;
}

export type NpsWithDistribution = NpsResult & { distribution: number[]; confidence: Confidence };

export type ClvInputSource = "customer" | "shop" | "given";

/** Bounds on arguments. */
export const LIMITS = {
  withinDays: 36_500,
  buckets: 50,
  segmentSizes: 50,
  valuePerPointMinor: 1_000_000,
  purchasesPerYear: 10_000,
  lifespanYears: 1_000,
} as const;

const money = (amountMinor: number, currency: string | null): Money | null =>
  currency === null ? null : { amountMinor, currency };

const NPS_SCORES = Array.from({ length: 11 }, (_, i) => i);

/** NPS with its distribution and confidence, from answers per score 0-10 (as SQL counts them). */
export function npsOfDistribution(distribution: number[]): NpsWithDistribution {
  const sum = (from: number, to: number) =>
    distribution.slice(from, to + 1).reduce((a, b) => a + b, 0);
  const counts = { promoters: sum(9, 10), passives: sum(7, 8), detractors: sum(0, 6) };
  return { ...npsFromCounts(counts), distribution, confidence: npsConfidence(counts) };
}

/** The step analytics_clv_bucket rounds a CLV down to: 1 below 1000, then 10^(digits - 3). */
export const clvStep = (v: number) => (v < 1000 ? 1 : 10 ** (String(v).length - 3));

/**
 * Whether CLVs rounded down to three significant digits (analytics_clv_bucket) fall into the
 * same of `buckets` buckets of `width` as the exact values do: yes when the width is a multiple
 * of the rounding step of every value below the last bucket. (The last bucket's lower bound is
 * then a multiple of the step there too, so nothing rounds down out of it.)
 */
export function clvBucketsExact(width: number, buckets: number): boolean {
  const last = (buckets - 1) * width;
  return last === 0 || width % clvStep(last - 1) === 0;
}

/** A "nice" bucket width (1, 2 or 5 × 10^n) so that `buckets` buckets reach at least `upper`. */
export function niceWidth(upper: number, buckets: number): number {
  const raw = Math.max(1, Math.ceil(upper / buckets));
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= raw) return step * magnitude;
  return 10 * magnitude;
}

/**
 * Retention, order, CLV, loyalty and NPS measures for the dashboard. SQL counts and sums (from
 * the rollups of migration 1764900000000-Analytics where they answer exactly, from the source
 * tables otherwise); the domain turns counts into rates and money into averages.
 */
export class AnalyticsService {
  /** When deltas were last folded into totals (process time); reads never depend on it. */
  private lastCompaction = -Infinity;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Reads in a transaction without JIT: the planner overestimates the set-returning parts of
   * these queries and would spend longer compiling them than running them.
   */
  private read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (em) => {
      await em.query(`SET LOCAL jit = off`);
      return work(em);
    });
  }

  /** The periods of a range; throws BAD_USER_INPUT for an empty or overlong range. */
  grid(args: RangeArgs): PeriodGrid {
    return periodGrid({ ...args, now: this.clock.now() });
  }

  /** Normalises the segment argument and checks that the segment exists (NOT_FOUND). */
  async segment(segmentId: string | null | undefined): Promise<string | null> {
    if (!segmentId) return null;
    const id = this.id(segmentId, "segmentId");
    const [found] = await this.read((em) =>
      em.query<unknown[]>(`SELECT 1 FROM segments WHERE id = $1`, [id]),
    );
    if (!found) throw notFound(`Segment ${segmentId}`);
    return id;
  }

  private id(value: string, path: string): string {
    try {
      return assertId(value, path);
    } catch {
      throw invalidAnalytics("Invalid id", [
        { path, code: "INVALID_ID", message: "is not a valid id" },
      ]);
    }
  }

  /**
   * Folds the shop-wide delta rows into their totals, at most once a second unless forced.
   * Readers sum totals and deltas in one statement, so this only keeps the deltas few.
   */
  async compact(force = false): Promise<void> {
    const now = performance.now();
    if (!force && now - this.lastCompaction < 1000) return;
    this.lastCompaction = now;
    await this.db.transaction((em) => em.query(`SELECT analytics_compact()`));
  }

  private currency(value: string | null | undefined): string | null {
    if (value == null) return null;
    if (!isCurrencyCode(value))
      throw invalidAnalytics("Invalid currency", [
        { path: "currency", code: "INVALID_CURRENCY", message: "must be an ISO 4217 code" },
      ]);
    return value;
  }

  /**
   * Customers at the start and end of each period, acquired (new or reactivated) and lost,
   * with retention and churn: the domain's retentionSeries, computed in SQL.
   */
  async retention(
    args: RangeArgs & { active?: Partial<ActiveDefinition> | null; path?: RetentionPath },
  ): Promise<RetentionResult> {
    const grid = this.grid(args);
    const definition = this.definition(args.active);
    const segmentId = await this.segment(args.segmentId);
    const { source, periods } = await this.read((em) =>
      retentionCounts(em, grid, definition, segmentId, args.path),
    );
    const shape = periodsOf(grid, this.clock.now());
    return { definition, source, periods: periods.map((p, k) => ({ ...shape[k]!, ...p })) };
  }

  private definition(active: Partial<ActiveDefinition> | null | undefined): ActiveDefinition {
    const withinDays = active?.withinDays ?? DEFAULT_ACTIVE.withinDays;
    const eventTypes = [...new Set(active?.eventTypes ?? DEFAULT_ACTIVE.eventTypes)].sort();
    const problems = [];
    if (!Number.isInteger(withinDays) || withinDays < 1 || withinDays > LIMITS.withinDays)
      problems.push({
        path: "activeDefinition.withinDays",
        code: "OUT_OF_RANGE" as const,
        message: `must be a whole number from 1 to ${LIMITS.withinDays}`,
      });
    if (eventTypes.length === 0)
      problems.push({
        path: "activeDefinition.eventTypes",
        code: "EMPTY" as const,
        message: `must name at least one event type (all of them: ${EVENT_TYPES.join(", ")})`,
      });
    if (problems.length) throw invalidAnalytics("Invalid active customer definition", problems);
    return { withinDays, eventTypes };
  }

  /**
   * Orders, revenue (net of discounts, before refunds), refunds (in the period they were
   * made), AOV and repeat purchase rate per period, in one currency: `currency`, or the one
   * with the most orders in the range.
   */
  async orderMetrics(args: RangeArgs & { currency?: string | null }): Promise<{
    currency: string | null;
    currencies: string[];
    periods: OrderPeriod[];
  }> {
    const grid = this.grid(args);
    const wanted = this.currency(args.currency);
    const segmentId = await this.segment(args.segmentId);
    if (!segmentId) await this.compact();
    const params: unknown[] = [
      grid.months,
      isoDay(grid.boundaries[0]!),
      isoDay(grid.boundaries.at(-1)!),
    ];
    const sql = segmentId
      ? `SELECT p.period_start::text AS start, trim(p.currency) AS currency, sum(p.orders)::bigint AS orders,
           sum(p.net_minor)::bigint AS net, sum(p.refunded_minor)::bigint AS refunded,
           count(*) FILTER (WHERE p.orders >= 1)::bigint AS customers,
           count(*) FILTER (WHERE p.orders >= 2)::bigint AS repeaters
         FROM segment_members m JOIN analytics_customer_periods p ON p.customer_id = m.customer_id
         WHERE m.segment_id = $${params.push(segmentId)}
           AND p.months = $1 AND p.period_start >= $2::date AND p.period_start < $3::date
         GROUP BY 1, 2`
      : `SELECT period_start::text AS start, trim(currency) AS currency, sum(orders)::bigint AS orders,
           sum(net_minor)::bigint AS net, sum(refunded_minor)::bigint AS refunded,
           sum(customers)::bigint AS customers, sum(repeat_customers)::bigint AS repeaters
         FROM (SELECT * FROM analytics_period_totals
               WHERE months = $1 AND period_start >= $2::date AND period_start < $3::date
               UNION ALL SELECT * FROM analytics_period_deltas
               WHERE months = $1 AND period_start >= $2::date AND period_start < $3::date) AS t
         GROUP BY 1, 2`;
    const rows = await this.read((em) =>
      em.query<
        Record<
          "start" | "currency" | "orders" | "net" | "refunded" | "customers" | "repeaters",
          string
        >[]
      >(sql, params),
    );
    const ordersBy = new Map<string, number>();
    for (const r of rows)
      ordersBy.set(r.currency, (ordersBy.get(r.currency) ?? 0) + Number(r.orders));
    const currencies = [...ordersBy.keys()].sort();
    const currency =
      wanted ??
      currencies.reduce<string | null>(
        (best, c) => (best === null || ordersBy.get(c)! > ordersBy.get(best)! ? c : best),
        null,
      );
    const byPeriod = new Map(
      rows.filter((r) => r.currency === currency).map((r) => [periodOfMonth(grid, r.start), r]),
    );
    const periods = periodsOf(grid, this.clock.now()).map((shape, k): OrderPeriod => {
      const r = byPeriod.get(k);
      const orders = Number(r?.orders ?? 0);
      const net = BigInt(r?.net ?? 0);
      const refunded = BigInt(r?.refunded ?? 0);
      const repeat = repeatPurchaseRateOfCounts({
        customers: Number(r?.customers ?? 0),
        repeatCustomers: Number(r?.repeaters ?? 0),
      });
      const aov = averageOrderValueOfTotal(net, orders);
      return {
        ...shape,
        orders,
        customers: repeat.customers,
        repeatCustomers: repeat.repeatCustomers,
        repeatPurchaseRate: repeat.rate,
        revenue: money(Number(net), currency),
        refunded: money(Number(refunded), currency),
        netRevenue: money(Number(net - refunded), currency),
        averageOrderValue: aov === null ? null : money(aov, currency),
      };
    });
    return { currency, currencies, periods };
  }

  /**
   * A customer's historic CLV (net paid minus refunds) and a predictive estimate, AOV ×
   * purchases per year × expected lifespan, with every input shown and where it came from:
   * the customer's own orders (AOV; orders in the last 365 days), the shop (lifespan = 1 /
   * annual churn over the last twelve full months, default active definition), or the caller.
   */
  async customerLifetimeValue(args: {
    customerId: string;
    currency?: string | null;
    purchasesPerYear?: number | null;
    expectedLifespanYears?: number | null;
  }) {
    const customerId = this.id(args.customerId, "customerId");
    const wanted = this.currency(args.currency);
    const problems = [];
    for (const [path, value, max] of [
      ["purchasesPerYear", args.purchasesPerYear, LIMITS.purchasesPerYear],
      ["expectedLifespanYears", args.expectedLifespanYears, LIMITS.lifespanYears],
    ] as const)
      if (value != null && !(Number.isFinite(value) && value >= 0 && value <= max))
        problems.push({ path, code: "OUT_OF_RANGE" as const, message: `must be from 0 to ${max}` });
    if (problems.length) throw invalidAnalytics("Invalid CLV inputs", problems);
    const now = this.clock.now();
    return this.read(async (em) => {
      const [customer] = await em.query<unknown[]>(`SELECT 1 FROM customers WHERE id = $1`, [
        customerId,
      ]);
      if (!customer) throw notFound(`Customer ${args.customerId}`);
      const orders = await em.query<
        { net: string; refunded: string; currency: string; occurred_at: Date }[]
      >(
        `SELECT o.amount_minor AS net, coalesce(r.refunded, 0) AS refunded, trim(o.currency) AS currency, o.occurred_at
         FROM events o
         LEFT JOIN (SELECT order_ref, sum(amount_minor) AS refunded FROM events
                    WHERE customer_id = $1 AND type = 'refund' GROUP BY order_ref) r ON r.order_ref = o.order_ref
         WHERE o.customer_id = $1 AND o.type = 'order' AND o.amount_minor IS NOT NULL
         ORDER BY o.occurred_at`,
        [customerId],
      );
      const currency = wanted ?? orders.at(-1)?.currency ?? null;
      const mine = orders.filter((o) => o.currency === currency);
      const amounts: OrderAmount[] = mine.map((o) => ({
        netMinor: Number(o.net),
        refundedMinor: Math.min(Number(o.refunded), Number(o.net)),
      }));
      const yearAgo = now.getTime() - 365 * 86_400_000;
      const aov = averageOrderValue(amounts);
      const purchasesPerYear =
        args.purchasesPerYear ??
        mine.filter((o) => {
          const t = new Date(o.occurred_at).getTime();
          return t >= yearAgo && t < now.getTime();
        }).length;
      let annualChurnRate: number | null = null;
      let lifespan = args.expectedLifespanYears ?? null;
      if (lifespan === null) {
        // The last twelve full calendar months as one period.
        const start = gridFrom(
          new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1)),
          12,
          1,
        );
        const { periods } = await retentionCounts(em, start, DEFAULT_ACTIVE, null);
        annualChurnRate = periods[0]!.churnRate;
        lifespan = annualChurnRate === null ? null : expectedLifespanYears(annualChurnRate);
      }
      const predictive =
        aov === null || lifespan === null
          ? null
          : predictiveClv({
              averageOrderValueMinor: aov,
              purchasesPerYear,
              expectedLifespanYears: lifespan,
            });
      return {
        customerId,
        currency,
        orders: mine.length,
        historic: money(historicClv(amounts), currency),
        predictive: predictive === null ? null : money(predictive, currency),
        inputs: {
          averageOrderValue: aov === null ? null : money(aov, currency),
          purchasesPerYear,
          purchasesPerYearSource: (args.purchasesPerYear != null
            ? "given"
            : "customer") as ClvInputSource,
          expectedLifespanYears: lifespan,
          expectedLifespanSource: (args.expectedLifespanYears != null
            ? "given"
            : "shop") as ClvInputSource,
          annualChurnRate,
        },
      };
    });
  }

  /**
   * Historic CLV over the customers with at least one order in `currency` (default: the
   * currency most customers bought in): their number, total and average, and a histogram of
   * `buckets` equal buckets from 0 (the last one open-ended). The bucket width is `bucketWidthMinor`,
   * or a round number that makes the buckets reach three times the average.
   */
  async clvSummary(args: {
    segmentId?: string | null;
    currency?: string | null;
    buckets?: number | null;
    bucketWidthMinor?: number | null;
  }) {
    const buckets = args.buckets ?? 10;
    const problems = [];
    if (!Number.isInteger(buckets) || buckets < 1 || buckets > LIMITS.buckets)
      problems.push({
        path: "buckets",
        code: "OUT_OF_RANGE" as const,
        message: `must be from 1 to ${LIMITS.buckets}`,
      });
    if (
      args.bucketWidthMinor != null &&
      !(Number.isSafeInteger(args.bucketWidthMinor) && args.bucketWidthMinor >= 1)
    )
      problems.push({
        path: "bucketWidthMinor",
        code: "OUT_OF_RANGE" as const,
        message: "must be a whole amount of at least 1",
      });
    if (problems.length) throw invalidAnalytics("Invalid CLV summary", problems);
    let currency = this.currency(args.currency);
    const segmentId = await this.segment(args.segmentId);
    if (!segmentId) await this.compact();
    return this.read(async (em) => {
      // Customers and their CLVs added up per currency and CLV rounded to three significant
      // digits: from the shop-wide counts, or from the members' lifetime totals.
      const params: unknown[] = [];
      const members = segmentId
        ? `t.customer_id IN (SELECT customer_id FROM segment_members WHERE segment_id = $${params.push(segmentId)})`
        : "";
      const fine = await em.query<
        { currency: string; bucket: string; customers: string; total: string }[]
      >(
        segmentId
          ? `SELECT trim(t.currency) AS currency, analytics_clv_bucket(t.net_minor - t.refunded_minor) AS bucket,
               count(*)::bigint AS customers, sum(t.net_minor - t.refunded_minor)::bigint AS total
             FROM analytics_customer_totals t WHERE t.orders > 0 AND ${members} GROUP BY 1, 2`
          : `SELECT trim(currency) AS currency, bucket, sum(customers)::bigint AS customers, sum(sum_minor)::bigint AS total
             FROM (SELECT * FROM analytics_clv_buckets UNION ALL SELECT * FROM analytics_clv_deltas) AS b
             GROUP BY 1, 2 HAVING sum(customers) <> 0`,
        params,
      );
      const byCurrency = new Map<string, { customers: number; total: bigint }>();
      for (const r of fine) {
        const c = byCurrency.get(r.currency) ?? { customers: 0, total: 0n };
        c.customers += Number(r.customers);
        c.total += BigInt(r.total);
        byCurrency.set(r.currency, c);
      }
      const currencies = [...byCurrency.keys()].sort();
      currency ??= currencies.reduce<string | null>(
        (best, c) =>
          best === null || byCurrency.get(c)!.customers > byCurrency.get(best)!.customers
            ? c
            : best,
        null,
      );
      const mine = currency === null ? undefined : byCurrency.get(currency);
      const customers = mine?.customers ?? 0;
      const total = mine?.total ?? 0n;
      const average = averageClvOfTotal(total, customers);
      const width = args.bucketWidthMinor ?? niceWidth(3 * (average ?? 0), buckets);
      const counts = new Map<number, number>();
      const add = (bucket: number, n: number) => counts.set(bucket, (counts.get(bucket) ?? 0) + n);
      if (clvBucketsExact(width, buckets)) {
        // The rounded CLVs fall into the same buckets as the exact ones.
        for (const r of fine)
          if (r.currency === currency)
            add(Math.min(Math.floor(Number(r.bucket) / width), buckets - 1), Number(r.customers));
      } else if (customers > 0) {
        const rows = await em.query<{ bucket: number; n: string }[]>(
          `SELECT least((t.net_minor - t.refunded_minor) / $${params.push(width)}::bigint, $${params.push(buckets - 1)}::bigint)::int AS bucket,
             count(*)::bigint AS n
           FROM analytics_customer_totals t
           WHERE t.orders > 0 AND t.currency = $${params.push(currency)} ${members ? `AND ${members}` : ""}
           GROUP BY 1`,
          params,
        );
        for (const r of rows) add(Number(r.bucket), Number(r.n));
      }
      return {
        currency,
        currencies,
        customers,
        totalHistoric: money(Number(total), currency),
        averageHistoric: average === null ? null : money(average, currency),
        bucketWidthMinor: width,
        buckets: Array.from({ length: buckets }, (_, b) => ({
          fromMinor: b * width,
          toMinor: b === buckets - 1 ? null : (b + 1) * width,
          customers: counts.get(b) ?? 0,
        })),
      };
    });
  }

  /**
   * Points awarded, redeemed, expired, adjusted and taken back per period, redemption rate, and
   * what is outstanding at each period end and now, valued at `valuePerPointMinor` (store
   * credit at face value). Without a program: every points-unit program (points, tiered,
   * referral). Outstanding is the sum of balances; balances below zero lower it.
   */
  async loyaltyMetrics(args: {
    programId?: string | null;
    from?: Date | null;
    to?: Date | null;
    period: AnalyticsPeriod;
    valuePerPointMinor?: number | null;
  }) {
    const grid = this.grid(args);
    const value = args.valuePerPointMinor ?? 1;
    if (!(Number.isFinite(value) && value >= 0 && value <= LIMITS.valuePerPointMinor))
      throw invalidAnalytics("Invalid value per point", [
        {
          path: "valuePerPointMinor",
          code: "OUT_OF_RANGE",
          message: `must be from 0 to ${LIMITS.valuePerPointMinor}`,
        },
      ]);
    const programId = args.programId ? this.id(args.programId, "programId") : null;
    await this.compact();
    return this.read(async (em) => {
      const all = await em.query<
        { id: string; name: string; type: ProgramType; currency: string }[]
      >(
        `SELECT id, name, type, trim(currency) AS currency FROM loyalty_programs
         WHERE $1::uuid IS NULL OR id = $1 ORDER BY created_at, name, id`,
        [programId],
      );
      if (programId && all.length === 0) throw notFound(`Loyalty program ${args.programId}`);
      const programs = programId ? all : all.filter((p) => programUnit(p.type) === "points");
      const unit: ProgramUnit = programs[0] ? programUnit(programs[0].type) : "points";
      const rows = await em.query<
        { program_id: string; month: string; kind: string; amount: string; pending: string }[]
      >(
        `SELECT program_id, month::text AS month, kind, sum(amount)::bigint AS amount, sum(pending_delta)::bigint AS pending
         FROM (SELECT program_id, month, kind, amount, pending_delta FROM analytics_ledger_months WHERE program_id = ANY($1::uuid[])
               UNION ALL SELECT program_id, month, kind, amount, pending_delta FROM analytics_ledger_deltas WHERE program_id = ANY($1::uuid[])) AS l
         GROUP BY 1, 2, 3`,
        [programs.map((p) => p.id)],
      );
      const valueOf = (type: ProgramType, outstanding: number): number | null => {
        const u = programUnit(type);
        if (u === "credit") return Math.max(0, outstanding);
        if (u !== "points") return null;
        return pointsLiability({
          outstandingPoints: Math.max(0, outstanding),
          valuePerPointMinor: value,
        });
      };
      const perProgram = programs.map((p) => {
        const mine = rows.filter((r) => r.program_id === p.id);
        const outstanding = mine.reduce((s, r) => s + Number(r.amount), 0);
        const pending = mine.reduce((s, r) => s + Number(r.pending), 0);
        const liability = valueOf(p.type, outstanding);
        return {
          programId: p.id,
          name: p.name,
          type: p.type,
          unit: programUnit(p.type),
          currency: p.currency,
          outstanding,
          pending,
          liability: liability === null ? null : { amountMinor: liability, currency: p.currency },
        };
      });
      const liability = new Map<string, number>();
      for (const p of perProgram)
        if (p.liability)
          liability.set(p.currency, (liability.get(p.currency) ?? 0) + p.liability.amountMinor);

      // Per period, over all selected programs (one unit).
      const start = monthIndex(grid.boundaries[0]!);
      const sums = Array.from({ length: grid.periods }, () => ({
        earned: 0,
        burned: 0,
        expired: 0,
        adjusted: 0,
        reversed: 0,
      }));
      const before = Array.from({ length: grid.periods + 1 }, () => 0);
      for (const r of rows) {
        const amount = Number(r.amount);
        const pending = Number(r.pending);
        const m = monthIndex(new Date(`${r.month}T00:00:00Z`));
        // Outstanding at boundary b: everything in months before it.
        for (let b = 0; b <= grid.periods; b++)
          if (m < start + b * grid.months) before[b]! += amount;
        const k = periodOfMonth(grid, r.month);
        if (k < 0) continue;
        const s = sums[k]!;
        if (r.kind === "earn") s.earned += amount;
        else if (r.kind === "pending") s.earned += pending;
        else if (r.kind === "burn") s.burned -= amount;
        else if (r.kind === "expire") s.expired -= amount;
        else if (r.kind === "adjust") s.adjusted += amount;
        else if (r.kind === "reverse") s.reversed -= amount + pending;
      }
      const currencies = [...new Set(programs.map((p) => p.currency))];
      const shared = currencies.length === 1 ? currencies[0]! : null;
      const periods = periodsOf(grid, this.clock.now()).map((shape, k) => {
        const s = sums[k]!;
        const outstandingAtEnd = before[k + 1]!;
        const atEnd =
          shared === null || programs.length === 0
            ? null
            : valueOf(programs[0]!.type, outstandingAtEnd);
        return {
          ...shape,
          ...s,
          redemptionRate: redemptionRate({
            earned: Math.max(0, s.earned),
            burned: Math.max(0, s.burned),
          }),
          outstandingAtEnd,
          liabilityAtEnd: atEnd === null ? null : { amountMinor: atEnd, currency: shared! },
        };
      });
      return {
        valuePerPointMinor: value,
        unit,
        programs: perProgram,
        liability: [...liability].map(([currency, amountMinor]) => ({ amountMinor, currency })),
        periods,
      };
    });
  }

  /** NPS per period over every NPS answer of every survey, and over the whole range. */
  async npsTrend(args: RangeArgs): Promise<{
    overall: NpsWithDistribution;
    periods: (Period & { nps: NpsWithDistribution })[];
  }> {
    const grid = this.grid(args);
    const segmentId = await this.segment(args.segmentId);
    if (!segmentId) await this.compact();
    const first = grid.boundaries[0]!;
    const end = grid.boundaries.at(-1)!;
    const rows = await this.read((em) =>
      segmentId
        ? em.query<{ month: string; score: number; n: string }[]>(
            `SELECT (date_trunc('month', r.submitted_at AT TIME ZONE 'UTC'))::date::text AS month, r.nps_score AS score, count(*)::bigint AS n
             FROM survey_responses r
             WHERE r.nps_score IS NOT NULL AND r.submitted_at >= $1 AND r.submitted_at < $2
               AND r.customer_id IN (SELECT customer_id FROM segment_members WHERE segment_id = $3)
             GROUP BY 1, 2`,
            [first, end, segmentId],
          )
        : em.query<{ month: string; score: number; n: string }[]>(
            `SELECT month::text AS month, score, sum(responses)::bigint AS n
             FROM (SELECT month, score, responses FROM analytics_nps_months WHERE month >= $1::date AND month < $2::date
                   UNION ALL SELECT month, score, responses FROM analytics_nps_deltas WHERE month >= $1::date AND month < $2::date) AS t
             GROUP BY 1, 2`,
            [isoDay(first), isoDay(end)],
          ),
    );
    const distributions = Array.from({ length: grid.periods }, () => NPS_SCORES.map(() => 0));
    for (const r of rows) {
      const k = periodOfMonth(grid, r.month);
      if (k >= 0) distributions[k]![Number(r.score)]! += Number(r.n);
    }
    const overall = NPS_SCORES.map((s) => distributions.reduce((a, d) => a + d[s]!, 0));
    return {
      overall: npsOfDistribution(overall),
      periods: periodsOf(grid, this.clock.now()).map((shape, k) => ({
        ...shape,
        nps: npsOfDistribution(distributions[k]!),
      })),
    };
  }

  /** The largest saved segments by members after their latest refresh. */
  async segmentSizes(limit = 10): Promise<SegmentEntity[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.segmentSizes)
      throw invalidAnalytics("Invalid limit", [
        {
          path: "limit",
          code: "OUT_OF_RANGE",
          message: `must be from 1 to ${LIMITS.segmentSizes}`,
        },
      ]);
    return this.read((em) =>
      em.find(SegmentEntity, { order: { memberCount: "DESC", name: "ASC" }, take: limit }),
    );
  }
}
