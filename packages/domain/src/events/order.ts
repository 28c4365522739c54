import { isCurrencyCode } from "../money/money";
import type { InputProblem } from "./event-types";

export interface OrderLineInput {
  productId: string;
  category?: string | null;
  quantity: number;
  /** Line total before discount, in minor units. */
  amountMinor: number;
  discountMinor?: number | null;
}

export interface OrderInput {
  orderId: string;
  currency: string;
  lines: OrderLineInput[];
}

export interface OrderTotals {
  /** Sum of line amounts before discount. */
  grossMinor: number;
  discountMinor: number;
  /** What the customer paid: gross minus discount. */
  netMinor: number;
  itemCount: number;
  categories: string[];
}

export const MAX_ORDER_LINES = 500;

/**
 * The payload an order event stores: its lines and totals (and channel), the same whichever
 * way the order arrived (recorded over the API or imported from CSV).
 */
export function orderPayload(
  lines: OrderLineInput[],
  totals: OrderTotals,
  channel?: string | null,
): Record<string, unknown> {
  return {
    lines: lines.map((l) => ({
      productId: l.productId,
      category: l.category ?? null,
      quantity: l.quantity,
      amountMinor: l.amountMinor,
      discountMinor: l.discountMinor ?? 0,
    })),
    grossMinor: totals.grossMinor,
    itemCount: totals.itemCount,
    categories: totals.categories,
    ...(channel ? { channel } : {}),
  };
}

export function validateOrder(order: OrderInput): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!order.orderId.trim()) problems.push({ path: "orderId", message: "must not be empty" });
  if (!isCurrencyCode(order.currency))
    problems.push({ path: "currency", message: "must be an ISO 4217 code such as EUR" });
  if (order.lines.length === 0)
    problems.push({ path: "lines", message: "an order needs at least one line" });
  if (order.lines.length > MAX_ORDER_LINES)
    problems.push({ path: "lines", message: `at most ${MAX_ORDER_LINES} lines` });
  order.lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    if (!line.productId.trim())
      problems.push({ path: `${at}.productId`, message: "must not be empty" });
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      problems.push({ path: `${at}.quantity`, message: "must be a positive integer" });
    if (!Number.isSafeInteger(line.amountMinor) || line.amountMinor < 0)
      problems.push({
        path: `${at}.amountMinor`,
        message: "must be a non-negative integer amount in minor units",
      });
    const discount = line.discountMinor ?? 0;
    if (!Number.isSafeInteger(discount) || discount < 0)
      problems.push({
        path: `${at}.discountMinor`,
        message: "must be a non-negative integer amount in minor units",
      });
    else if (
      Number.isSafeInteger(line.amountMinor) &&
      line.amountMinor >= 0 &&
      discount > line.amountMinor
    )
      problems.push({ path: `${at}.discountMinor`, message: "cannot exceed the line amount" });
  });
  return problems;
}

export function orderTotals(order: OrderInput): OrderTotals {
  let grossMinor = 0;
  let discountMinor = 0;
  let itemCount = 0;
  const categories = new Set<string>();
  for (const line of order.lines) {
    grossMinor += line.amountMinor;
    discountMinor += line.discountMinor ?? 0;
    itemCount += line.quantity;
    if (line.category) categories.add(line.category);
  }
  return {
    grossMinor,
    discountMinor,
    netMinor: grossMinor - discountMinor,
    itemCount,
    categories: [...categories].sort(),
  };
}
