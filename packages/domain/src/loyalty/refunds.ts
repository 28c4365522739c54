import type { RefundPolicy } from "./program";

export interface RefundReversalArgs {
  /** Everything credited for the order (base, tier and campaign points, pending or not). */
  earnedForOrder: number;
  orderNetMinor: number;
  /** Refunds of this order recorded before this one. */
  refundedBeforeMinor: number;
  refundMinor: number;
  /**
   * Points already due back from earlier refunds of this order: what was reversed plus what
   * was written off as shortfall. A clamped shortfall is forgiven, never collected later.
   */
  reversedBefore: number;
  /** Points of this order that are still pending. */
  pendingLeft: number;
  balance: number;
  policy: RefundPolicy;
}

export interface RefundReversal {
  fromPending: number;
  fromBalance: number;
  shortfall: number;
  explanation: string;
}

/** floor(a × b / c) exactly, even when a × b exceeds 2^53. */
function mulDivFloor(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * Proportional reversal without drift: the points due back after this refund are
 * `floor(earned × refundedSoFar / net)` in total, and this refund takes the difference to
 * what was due before. Rounding errors never accumulate over several partial refunds, and
 * refunding the whole order takes back exactly what it earned.
 *
 * Pending points of the order go first (they were never spendable), then the balance.
 * "clamp" never takes the balance below zero and reports the rest as shortfall;
 * "allow_negative" takes it all.
 */
export function refundReversal(args: RefundReversalArgs): RefundReversal {
  const { earnedForOrder, orderNetMinor, refundedBeforeMinor, refundMinor, policy } = args;
  const refundedSoFar = refundedBeforeMinor + Math.max(0, refundMinor);
  const full = orderNetMinor <= 0 || refundedSoFar >= orderNetMinor;
  const due = full ? earnedForOrder : mulDivFloor(earnedForOrder, refundedSoFar, orderNetMinor);
  const reverse = Math.max(0, due - args.reversedBefore);
  const fromPending = Math.min(reverse, Math.max(0, args.pendingLeft));
  const rest = reverse - fromPending;
  const fromBalance = policy === "clamp" ? Math.min(rest, Math.max(0, args.balance)) : rest;
  const shortfall = rest - fromBalance;

  const share = full ? "the whole order" : `${refundedSoFar} of ${orderNetMinor} (minor units)`;
  const parts = [
    `Refunded ${share}: ${due} of ${earnedForOrder} earned are due back, ${args.reversedBefore} already were`,
  ];
  if (reverse === 0) parts.push("nothing more to reverse");
  else {
    parts.push(`reverses ${reverse} (${fromPending} from pending, ${fromBalance} from balance)`);
    if (shortfall > 0)
      parts.push(`${shortfall} could not be taken back without a negative balance (clamped)`);
    else if (policy === "allow_negative" && fromBalance > args.balance)
      parts.push(`the balance goes negative (${args.balance - fromBalance})`);
  }
  return { fromPending, fromBalance, shortfall, explanation: parts.join("; ") };
}
