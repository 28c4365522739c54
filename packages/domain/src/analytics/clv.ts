import { assertOrderAmount, type OrderAmount } from "./orders";
import { divideHalfUp, exactSum, multiplyHalfUp } from "./rounding";

/*
 * Customer lifetime value (CLV) in integer minor units of one currency. Historic CLV is what
 * a customer has actually been worth; predictive CLV is an estimate from explicit inputs, so
 * the admin can show how it was reached.
 */

/** Net revenue to date: the sum over the customer's orders of net amount minus refunds. */
export function historicClv(orders: readonly OrderAmount[]): number {
  orders.forEach(assertOrderAmount);
  const total = exactSum(orders.map((o) => o.netMinor - (o.refundedMinor ?? 0)));
  if (total > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError("total exceeds the safe integer range");
  return Number(total);
}

export interface PredictiveClvInput {
  /** Average order value in minor units (see averageOrderValue). */
  averageOrderValueMinor: number;
  /** Orders per customer per year, e.g. 2.5. */
  purchasesPerYear: number;
  /** How many years a customer keeps buying, e.g. from expectedLifespanYears. */
  expectedLifespanYears: number;
}

/**
 * AOV × purchases per year × expected lifespan in years, rounded half up to a whole minor
 * unit. The factors are taken as the decimals they are written as (2.5, 3.3), so the product is
 * exact before that one rounding.
 */
export function predictiveClv({
  averageOrderValueMinor,
  purchasesPerYear,
  expectedLifespanYears,
}: PredictiveClvInput): number {
  if (!Number.isSafeInteger(averageOrderValueMinor) || averageOrderValueMinor < 0)
    throw new RangeError("averageOrderValueMinor must be a non-negative integer amount");
  for (const [name, v] of [
    ["purchasesPerYear", purchasesPerYear],
    ["expectedLifespanYears", expectedLifespanYears],
  ] as const)
    if (!Number.isFinite(v) || v < 0)
      throw new RangeError(`${name} must be a finite, non-negative number`);
  return multiplyHalfUp(averageOrderValueMinor, purchasesPerYear, expectedLifespanYears);
}

/**
 * The usual estimate of how long a customer stays: 1 / annual churn (20% churn a year is 5
 * years). Null at 0% churn, where the estimate has no end.
 */
export function expectedLifespanYears(annualChurnPercent: number): number | null {
  if (!Number.isFinite(annualChurnPercent) || annualChurnPercent < 0 || annualChurnPercent > 100)
    throw new RangeError("annualChurnPercent must be from 0 to 100");
  return annualChurnPercent === 0 ? null : 100 / annualChurnPercent;
}

/** Mean of per-customer CLVs, rounded half up to a whole minor unit; null for no customers. */
export function averageClv(clvsMinor: readonly number[]): number | null {
  if (clvsMinor.length === 0) return null;
  if (clvsMinor.some((v) => !Number.isSafeInteger(v) || v < 0))
    throw new RangeError("every CLV must be a non-negative integer amount in minor units");
  return averageClvOfTotal(exactSum(clvsMinor), clvsMinor.length);
}

/**
 * averageClv from totals SQL can sum: the CLVs of `customers` customers add up to
 * `totalMinor`; the mean is rounded the same way. Null for no customers.
 */
export function averageClvOfTotal(totalMinor: number | bigint, customers: number): number | null {
  if (!Number.isSafeInteger(customers) || customers < 0)
    throw new RangeError("customers must be a non-negative whole number");
  if (typeof totalMinor === "number" && !Number.isSafeInteger(totalMinor))
    throw new RangeError("totalMinor must be a whole amount in minor units");
  const total = BigInt(totalMinor);
  if (total < 0n) throw new RangeError("totalMinor must not be negative");
  return customers === 0 ? null : divideHalfUp(total, customers);
}
