import { divideHalfUp, exactSum, percentOf } from "./rounding";

/*
 * Order-based measures. Amounts are integer minor units of one currency: group orders by
 * currency before calling these.
 */

/** One order's value: what the customer paid (after discounts) and what was refunded of it. */
export interface OrderAmount {
  /** Net of discounts, before refunds (OrderTotals.netMinor). */
  netMinor: number;
  /** Refunded so far; 0 when absent. Never more than netMinor. */
  refundedMinor?: number;
}

export function assertOrderAmount({ netMinor, refundedMinor = 0 }: OrderAmount): void {
  if (!Number.isSafeInteger(netMinor) || netMinor < 0)
    throw new RangeError("netMinor must be a non-negative integer amount in minor units");
  if (!Number.isSafeInteger(refundedMinor) || refundedMinor < 0 || refundedMinor > netMinor)
    throw new RangeError("refundedMinor must be an integer amount from 0 to netMinor");
}

export interface RepeatPurchase {
  /** Customers with 2 or more orders / customers with 1 or more × 100, one decimal; null without buyers. */
  rate: number | null;
  repeatCustomers: number;
  /** Customers with at least one order. */
  customers: number;
}

/**
 * The share of buyers who came back: given each customer's order count, customers with at
 * least 2 orders among those with at least 1. Customers with 0 orders are ignored.
 */
export function repeatPurchaseRate(orderCounts: readonly number[]): RepeatPurchase {
  let customers = 0;
  let repeatCustomers = 0;
  for (const n of orderCounts) {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError("order counts must be non-negative whole numbers");
    if (n >= 1) customers += 1;
    if (n >= 2) repeatCustomers += 1;
  }
  return repeatPurchaseRateOfCounts({ customers, repeatCustomers });
}

/**
 * repeatPurchaseRate from counts SQL can give: customers with 1 or more orders and those of
 * them with 2 or more.
 */
export function repeatPurchaseRateOfCounts({
  customers,
  repeatCustomers,
}: Omit<RepeatPurchase, "rate">): RepeatPurchase {
  for (const [name, v] of [
    ["customers", customers],
    ["repeatCustomers", repeatCustomers],
  ] as const)
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`${name} must be a non-negative whole number`);
  if (repeatCustomers > customers) throw new RangeError("repeatCustomers cannot exceed customers");
  return { rate: percentOf(repeatCustomers, customers), repeatCustomers, customers };
}

export interface AverageOrderValueOptions {
  /**
   * false (default): what customers spend per order when they order, net of discounts and
   * before refunds, as shops usually report AOV. true: refunds are taken off each order's
   * value; a fully refunded order still counts as an order, with value 0.
   */
  subtractRefunds?: boolean;
}

/** Mean order value in minor units, rounded half up to a whole minor unit; null without orders. */
export function averageOrderValue(
  orders: readonly OrderAmount[],
  { subtractRefunds = false }: AverageOrderValueOptions = {},
): number | null {
  if (orders.length === 0) return null;
  orders.forEach(assertOrderAmount);
  const total = exactSum(
    orders.map((o) => o.netMinor - (subtractRefunds ? (o.refundedMinor ?? 0) : 0)),
  );
  return averageOrderValueOfTotal(total, orders.length);
}

/**
 * averageOrderValue from totals SQL can sum: `totalMinor` over `orderCount` orders, rounded
 * the same way (half up to a whole minor unit); null without orders.
 */
export function averageOrderValueOfTotal(
  totalMinor: number | bigint,
  orderCount: number,
): number | null {
  if (!Number.isSafeInteger(orderCount) || orderCount < 0)
    throw new RangeError("orderCount must be a non-negative whole number");
  if (typeof totalMinor === "number" && !Number.isSafeInteger(totalMinor))
    throw new RangeError("totalMinor must be a whole amount in minor units");
  const total = BigInt(totalMinor);
  if (total < 0n) throw new RangeError("totalMinor must not be negative");
  return orderCount === 0 ? null : divideHalfUp(total, orderCount);
}
