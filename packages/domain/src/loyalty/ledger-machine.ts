import { inactivityExpiresAt, lotExpiresAt, lotsDueForExpiry } from "./expiry";
import { applyConsumption, consumeFifo, type LedgerIntent, type Lot } from "./ledger";
import type { Expiry, RefundPolicy } from "./program";
import { refundReversal } from "./refunds";

/**
 * An in-memory reference ledger for one customer in one program: the oracle that property
 * tests (and the API's tests) compare a real ledger with. Every operation returns a new
 * machine and the entries it appended; nothing is mutated.
 *
 * Bookkeeping: spendable points live in lots (one per credit). A burn or a negative
 * adjustment consumes lots FIFO (soonest expiry first); a refund reversal takes the order's
 * own lots first. When "allow_negative" lets the balance go below zero the missing points
 * are a `debt` that later credits repay before opening a new lot, so at all times
 * `sum(lots.remaining) − debt = balance`.
 */

export interface LedgerEntry extends LedgerIntent {
  at: Date;
  orderId: string | null;
}

export interface PendingLot {
  id: string;
  orderId: string | null;
  unlockAt: Date;
  /** From the pending intent; computed at unlock when absent. */
  expiresAt: Date | null | undefined;
  amount: number;
}

export interface MachineOrder {
  netMinor: number;
  earned: number;
  refundedMinor: number;
  /** Points due back so far: reversed plus written-off shortfall. */
  reversed: number;
  lotIds: string[];
}

export interface LedgerMachine {
  readonly expiry: Expiry;
  readonly policy: RefundPolicy;
  readonly balance: number;
  readonly pending: number;
  readonly debt: number;
  readonly lots: readonly Lot[];
  readonly pendingLots: readonly PendingLot[];
  readonly entries: readonly LedgerEntry[];
  readonly orders: Readonly<Record<string, MachineOrder>>;
  /** Last earn or burn, for inactivity expiry. */
  readonly lastActivityAt: Date | null;
  readonly seq: number;
}

export type LedgerOp =
  | { op: "order"; at: Date; orderId: string; netMinor: number; intents: readonly LedgerIntent[] }
  | { op: "unlock"; now: Date }
  | { op: "burn"; at: Date; amount: number; reason: string }
  | { op: "expire"; now: Date }
  | { op: "adjust"; at: Date; amount: number; reason: string }
  | { op: "refund"; at: Date; orderId: string; refundMinor: number };

export interface LedgerOpResult {
  machine: LedgerMachine;
  entries: LedgerEntry[];
  /** Why the operation was refused (the machine is then unchanged). */
  refused: string | null;
  /** Refunds under "clamp": points that could not be taken back. */
  shortfall: number;
}

export function createLedgerMachine(args: { expiry: Expiry; policy: RefundPolicy }): LedgerMachine {
  return {
    expiry: args.expiry,
    policy: args.policy,
    balance: 0,
    pending: 0,
    debt: 0,
    lots: [],
    pendingLots: [],
    entries: [],
    orders: {},
    lastActivityAt: null,
    seq: 0,
  };
}

interface Draft extends LedgerMachine {
  balance: number;
  pending: number;
  debt: number;
  lots: Lot[];
  pendingLots: PendingLot[];
  entries: LedgerEntry[];
  orders: Record<string, MachineOrder>;
  lastActivityAt: Date | null;
  seq: number;
}

function draftOf(m: LedgerMachine): Draft {
  const orders: Record<string, MachineOrder> = {};
  for (const [id, o] of Object.entries(m.orders)) orders[id] = { ...o, lotIds: [...o.lotIds] };
  return {
    ...m,
    lots: m.lots.map((l) => ({ ...l })),
    pendingLots: m.pendingLots.map((p) => ({ ...p })),
    entries: [...m.entries],
    orders,
  };
}

/** Credits spendable points: repays debt first, the rest opens a lot. Returns the lot id. */
function credit(d: Draft, amount: number, earnedAt: Date, expiresAt: Date | null): string | null {
  const repay = Math.min(d.debt, amount);
  d.debt -= repay;
  d.balance += amount;
  if (amount - repay <= 0) return null;
  const id = `lot-${(d.seq += 1)}`;
  d.lots.push({ id, earnedAt, expiresAt, remaining: amount - repay });
  return id;
}

/** Debits spendable points from the preferred lots, then FIFO; what lots cannot cover is debt. */
function debit(d: Draft, amount: number, preferLotIds: readonly string[] = []): void {
  const preferred = d.lots.filter((l) => preferLotIds.includes(l.id));
  const first = consumeFifo(preferred, amount);
  const rest = consumeFifo(
    d.lots.filter((l) => !preferLotIds.includes(l.id)),
    first.shortfall,
  );
  d.lots = applyConsumption(d.lots, [...first.consumed, ...rest.consumed]);
  d.debt += rest.shortfall;
  d.balance -= amount;
}

function entry(d: Draft, at: Date, orderId: string | null, intent: LedgerIntent): LedgerEntry {
  const e: LedgerEntry = { ...intent, at, orderId };
  d.entries.push(e);
  return e;
}

const refuse = (machine: LedgerMachine, refused: string): LedgerOpResult => ({
  machine,
  entries: [],
  refused,
  shortfall: 0,
});

export function applyLedgerOp(machine: LedgerMachine, op: LedgerOp): LedgerOpResult {
  const d = draftOf(machine);
  const before = d.entries.length;
  let shortfall = 0;
  switch (op.op) {
    case "order": {
      if (machine.orders[op.orderId]) return refuse(machine, "ALREADY_RECORDED");
      const order: MachineOrder = {
        netMinor: op.netMinor,
        earned: 0,
        refundedMinor: 0,
        reversed: 0,
        lotIds: [],
      };
      for (const intent of op.intents) {
        if (intent.kind === "earn" && intent.amount > 0 && intent.pendingDelta === 0) {
          const expiresAt =
            intent.expiresAt !== undefined ? intent.expiresAt : lotExpiresAt(d.expiry, op.at);
          const lot = credit(d, intent.amount, op.at, expiresAt);
          if (lot) order.lotIds.push(lot);
          order.earned += intent.amount;
        } else if (intent.kind === "pending" && intent.amount === 0 && intent.pendingDelta > 0) {
          d.pendingLots.push({
            id: `pending-${(d.seq += 1)}`,
            orderId: op.orderId,
            unlockAt: intent.unlockAt ?? op.at,
            expiresAt: intent.expiresAt,
            amount: intent.pendingDelta,
          });
          d.pending += intent.pendingDelta;
          order.earned += intent.pendingDelta;
        } else if (intent.kind === "burn" && intent.amount < 0 && intent.pendingDelta === 0) {
          if (d.balance < -intent.amount) return refuse(machine, "INSUFFICIENT_BALANCE");
          debit(d, -intent.amount);
        } else return refuse(machine, "ORDERS_ONLY_EARN_PEND_OR_BURN");
        entry(d, op.at, op.orderId, intent);
      }
      d.orders[op.orderId] = order;
      d.lastActivityAt = op.at;
      break;
    }
    case "unlock": {
      for (const p of d.pendingLots) {
        if (p.amount <= 0 || p.unlockAt.getTime() > op.now.getTime()) continue;
        const expiresAt =
          p.expiresAt !== undefined ? p.expiresAt : lotExpiresAt(d.expiry, p.unlockAt);
        const lot = credit(d, p.amount, p.unlockAt, expiresAt);
        const order = p.orderId === null ? undefined : d.orders[p.orderId];
        if (lot && order) order.lotIds.push(lot);
        d.pending -= p.amount;
        entry(d, op.now, p.orderId, {
          kind: "unlock",
          amount: p.amount,
          pendingDelta: -p.amount,
          reason: "Return window passed",
        });
        p.amount = 0;
      }
      d.pendingLots = d.pendingLots.filter((p) => p.amount > 0);
      break;
    }
    case "burn": {
      if (!(op.amount > 0)) return refuse(machine, "AMOUNT_MUST_BE_POSITIVE");
      // The conditional update: a burn never overdraws, whatever the refund policy.
      if (d.balance < op.amount) return refuse(machine, "INSUFFICIENT_BALANCE");
      debit(d, op.amount);
      entry(d, op.at, null, {
        kind: "burn",
        amount: -op.amount,
        pendingDelta: 0,
        reason: op.reason,
      });
      d.lastActivityAt = op.at;
      break;
    }
    case "expire": {
      const lapse =
        d.lastActivityAt === null ? null : inactivityExpiresAt(d.expiry, d.lastActivityAt);
      if (lapse !== null && lapse.getTime() <= op.now.getTime() && d.balance > 0) {
        const amount = d.balance;
        debit(d, amount);
        entry(d, op.now, null, {
          kind: "expire",
          amount: -amount,
          pendingDelta: 0,
          reason: "Inactivity",
        });
        break;
      }
      for (const due of lotsDueForExpiry(d.lots, op.now)) {
        debit(d, due.amount, [due.lotId]);
        entry(d, op.now, null, {
          kind: "expire",
          amount: -due.amount,
          pendingDelta: 0,
          reason: "Expired",
        });
      }
      break;
    }
    case "adjust": {
      if (!op.reason.trim()) return refuse(machine, "REASON_REQUIRED");
      if (!Number.isSafeInteger(op.amount) || op.amount === 0)
        return refuse(machine, "AMOUNT_MUST_BE_NONZERO");
      if (op.amount > 0) credit(d, op.amount, op.at, lotExpiresAt(d.expiry, op.at));
      else {
        if (d.policy === "clamp" && d.balance < -op.amount)
          return refuse(machine, "INSUFFICIENT_BALANCE");
        debit(d, -op.amount);
      }
      entry(d, op.at, null, {
        kind: "adjust",
        amount: op.amount,
        pendingDelta: 0,
        reason: op.reason,
      });
      break;
    }
    case "refund": {
      const order = d.orders[op.orderId];
      if (!order) return refuse(machine, "UNKNOWN_ORDER");
      if (!(op.refundMinor > 0) || order.refundedMinor + op.refundMinor > order.netMinor)
        return refuse(machine, "REFUND_EXCEEDS_ORDER");
      const mine = d.pendingLots.filter((p) => p.orderId === op.orderId);
      const r = refundReversal({
        earnedForOrder: order.earned,
        orderNetMinor: order.netMinor,
        refundedBeforeMinor: order.refundedMinor,
        refundMinor: op.refundMinor,
        reversedBefore: order.reversed,
        pendingLeft: mine.reduce((s, p) => s + p.amount, 0),
        balance: d.balance,
        policy: d.policy,
      });
      let fromPending = r.fromPending;
      for (const p of mine) {
        const take = Math.min(p.amount, fromPending);
        p.amount -= take;
        fromPending -= take;
      }
      d.pendingLots = d.pendingLots.filter((p) => p.amount > 0);
      d.pending -= r.fromPending;
      if (r.fromBalance > 0) debit(d, r.fromBalance, order.lotIds);
      order.refundedMinor += op.refundMinor;
      order.reversed += r.fromPending + r.fromBalance + r.shortfall;
      shortfall = r.shortfall;
      if (r.fromPending + r.fromBalance > 0)
        entry(d, op.at, op.orderId, {
          kind: "reverse",
          amount: -r.fromBalance,
          pendingDelta: -r.fromPending,
          reason: r.explanation,
        });
      break;
    }
  }
  return { machine: d, entries: d.entries.slice(before), refused: null, shortfall };
}
