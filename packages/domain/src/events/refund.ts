import type { InputProblem } from "./event-types";

export interface RefundCheck {
  /** What the customer paid for the order (net of discount). */
  orderNetMinor: number;
  /** Sum of refunds already recorded against the order. */
  alreadyRefundedMinor: number;
  /** Requested refund; absent means "refund whatever is left". */
  requestedMinor?: number | null;
}

export type RefundDecision =
  | { ok: true; amountMinor: number; full: boolean }
  | { ok: false; problem: InputProblem };

/** A refund is positive and never takes back more than was paid and not yet refunded. */
export function decideRefund({
  orderNetMinor,
  alreadyRefundedMinor,
  requestedMinor,
}: RefundCheck): RefundDecision {
  const remaining = orderNetMinor - alreadyRefundedMinor;
  const amount = requestedMinor ?? remaining;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    return {
      ok: false,
      problem: {
        path: "amountMinor",
        message:
          remaining <= 0
            ? "the order is already fully refunded"
            : "must be a positive integer amount in minor units",
      },
    };
  }
  if (amount > remaining) {
    return {
      ok: false,
      problem: {
        path: "amountMinor",
        message: `exceeds the refundable amount of the order (${remaining} minor units left)`,
      },
    };
  }
  return { ok: true, amountMinor: amount, full: amount === remaining };
}
