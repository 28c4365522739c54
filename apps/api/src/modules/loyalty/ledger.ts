import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { consumeFifo, type LedgerKind } from "@trouw/domain";
import type { Clock } from "../../common/clock";
import type { Database } from "../../db/database";
import { returnedRows } from "../../db/rows";
import { conflict } from "../../common/errors";
import { toAccount, toLedgerEntry, type AccountRow, type LedgerEntryRow } from "./rows";

export interface PostEntry {
  kind: LedgerKind;
  /** Signed change of the spendable balance. */
  amount: number;
  /** Signed change of the pending balance. */
  pendingDelta?: number;
  reason: string;
  actor: string;
  occurredAt: Date;
  sourceEventId?: string | null;
  campaignId?: string | null;
  redemptionId?: string | null;
  details?: Record<string, unknown>;
  unlockAt?: Date | null;
  expiresAt?: Date | null;
  /** Take pending points from this order's lots first (a refund reversing its own points). */
  preferLotsOf?: string | null;
  /** Refuse (CONFLICT / INSUFFICIENT_BALANCE) if the balance would go below zero. */
  requireCover?: boolean;
  /** Unlock or expire exactly this lot rather than the oldest ones. */
  lotEntryId?: string | null;
}

const ACCOUNT_COLUMNS = "*";

type AccountParam =
  | "program"
  | "customer"
  | "amount"
  | "pending"
  | "occurred"
  | "now"
  | "earned"
  | "activity"
  | "cover";

/**
 * Moves the projections by an entry's amounts. With `cover`, a debit that would take the balance
 * below zero updates nothing: the overdraw guard.
 */
const accountUpdate = (p: Record<AccountParam, number>) =>
  `UPDATE loyalty_accounts SET balance = balance + $${p.amount}, pending = pending + $${p.pending},
     lifetime_earned = lifetime_earned + $${p.earned},
     last_activity_at = CASE WHEN $${p.activity}::boolean THEN greatest(last_activity_at, $${p.occurred}::timestamptz) ELSE last_activity_at END,
     updated_at = $${p.now}
   WHERE program_id = $${p.program} AND customer_id = $${p.customer} AND (NOT $${p.cover}::boolean OR balance + $${p.amount} >= 0)
   RETURNING balance`;

/**
 * The only writer of ledger entries. Each post appends one immutable entry, moves the account's
 * projections by the same amounts and keeps the FIFO lots in step, all in the caller's
 * transaction, so balance = sum(amount) and pending = sum(pending_delta) always hold.
 */
export class Ledger {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async lockAccount(
    em: EntityManager,
    programId: string,
    customerId: string,
  ): Promise<AccountRow | null> {
    const [row] = await em.query<Record<string, unknown>[]>(
      `SELECT ${ACCOUNT_COLUMNS} FROM loyalty_accounts WHERE program_id = $1 AND customer_id = $2${this.db.forUpdate}`,
      [programId, customerId],
    );
    return row ? toAccount(row) : null;
  }

  /** The customer's accounts in these programs, locked, in one statement (program order). */
  async lockAccounts(
    em: EntityManager,
    programIds: string[],
    customerId: string,
  ): Promise<Map<string, AccountRow>> {
    const rows = await em.query<Record<string, unknown>[]>(
      `SELECT ${ACCOUNT_COLUMNS} FROM loyalty_accounts WHERE customer_id = $1 AND program_id = ANY($2::uuid[])
       ORDER BY program_id${this.db.forUpdate}`,
      [customerId, programIds],
    );
    return new Map(rows.map((r) => [r.program_id as string, toAccount(r)]));
  }

  /**
   * Opens accounts in several programs at once; returns those this call created (locked, as
   * new rows are). An account another transaction created first is not returned.
   */
  async createAccounts(
    em: EntityManager,
    accounts: { programId: string; tierCode: string | null }[],
    customerId: string,
    at: Date,
  ): Promise<Map<string, AccountRow>> {
    const rows = await em.query<Record<string, unknown>[]>(
      `INSERT INTO loyalty_accounts (program_id, customer_id, tier_code, tier_since, enrolled_at, updated_at)
       SELECT a.program_id, $3, a.tier_code, CASE WHEN a.tier_code IS NULL THEN NULL ELSE $4::timestamptz END, $4, $4
       FROM unnest($1::uuid[], $2::text[]) AS a(program_id, tier_code)
       ON CONFLICT (program_id, customer_id) DO NOTHING RETURNING *`,
      [accounts.map((a) => a.programId), accounts.map((a) => a.tierCode), customerId, at],
    );
    return new Map(rows.map((r) => [r.program_id as string, toAccount(r)]));
  }

  /** Enrols (or re-enrols) the customer and returns the locked account. */
  async ensureAccount(
    em: EntityManager,
    programId: string,
    customerId: string,
    at: Date,
    tierCode: string | null = null,
  ): Promise<AccountRow> {
    await em.query(
      `INSERT INTO loyalty_accounts (program_id, customer_id, tier_code, tier_since, enrolled_at, updated_at)
       VALUES ($1, $2, $4, CASE WHEN $4::text IS NULL THEN NULL ELSE $3::timestamptz END, $3, $3)
       ON CONFLICT (program_id, customer_id) DO UPDATE SET status = 'enrolled', left_at = NULL,
         updated_at = EXCLUDED.updated_at WHERE loyalty_accounts.status = 'left'`,
      [programId, customerId, at, tierCode],
    );
    return (await this.lockAccount(em, programId, customerId))!;
  }

  async post(em: EntityManager, account: AccountRow, e: PostEntry): Promise<LedgerEntryRow> {
    const pendingDelta = e.pendingDelta ?? 0;
    const now = this.clock.now();
    const id = randomUUID();
    const earned =
      e.kind === "earn" || e.kind === "pending" || (e.kind === "reverse" && !e.redemptionId)
        ? e.amount + pendingDelta
        : 0;
    const activity = e.kind === "earn" || e.kind === "pending" || e.kind === "burn";
    const entry = [
      id,
      account.programId,
      account.customerId,
      e.kind,
      e.amount,
      pendingDelta,
      e.reason,
      e.actor,
      e.sourceEventId ?? null,
      e.campaignId ?? null,
      e.redemptionId ?? null,
      JSON.stringify(e.details ?? {}),
      e.occurredAt,
      now,
    ];
    const insertEntry = `INSERT INTO ledger_entries (id, program_id, customer_id, kind, amount, pending_delta, reason, actor,
         source_event_id, campaign_id, redemption_id, details, occurred_at, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING *`;
    const common = [...entry, earned, activity, e.requireCover === true && e.amount < 0];
    let row: Record<string, unknown>;
    let updated: boolean;
    if (e.kind !== "unlock" && e.amount >= 0 && pendingDelta >= 0 && !e.lotEntryId) {
      // Credits (the ingest hot path): entry, lot and projection in one statement.
      const pending = pendingDelta > 0;
      const remaining = pending
        ? pendingDelta
        : e.amount - Math.min(e.amount, Math.max(0, -account.balance));
      const [result] = await em.query<(Record<string, unknown> & { updated: number })[]>(
        `WITH entry AS (${insertEntry}),
         lot AS (
           INSERT INTO ledger_lots (entry_id, program_id, customer_id, source_event_id, state, earned_at, unlock_at, expires_at, remaining)
           SELECT id, program_id, customer_id, source_event_id, $18, occurred_at, $19, $20, $21::bigint FROM entry WHERE $21::bigint > 0),
         account AS (${accountUpdate({ program: 2, customer: 3, amount: 5, pending: 6, occurred: 13, now: 14, earned: 15, activity: 16, cover: 17 })})
         SELECT entry.*, (SELECT count(*)::int FROM account) AS updated FROM entry`,
        [
          ...common,
          pending ? "pending" : "available",
          pending ? (e.unlockAt ?? null) : null,
          e.expiresAt ?? null,
          remaining,
        ],
      );
      row = result!;
      updated = result!.updated > 0;
    } else {
      [row] = (await em.query<Record<string, unknown>[]>(insertEntry, entry)) as [
        Record<string, unknown>,
      ];
      await this.moveLots(em, account, id, e, pendingDelta);
      // The conditional update is the overdraw guard: no row updated means not enough balance.
      const [, program, customer, , amount, pending, , , , , , , occurred, at] = entry;
      updated =
        returnedRows(
          await em.query(
            accountUpdate({
              program: 1,
              customer: 2,
              amount: 3,
              pending: 4,
              occurred: 5,
              now: 6,
              earned: 7,
              activity: 8,
              cover: 9,
            }),
            [program, customer, amount, pending, occurred, at, ...common.slice(14)],
          ),
        ).length > 0;
    }
    if (!updated)
      throw conflict(
        `Insufficient balance: ${account.balance} available, ${-e.amount} needed`,
        "INSUFFICIENT_BALANCE",
      );
    account.balance += e.amount;
    account.pending += pendingDelta;
    account.lifetimeEarned += earned;
    if (activity && (!account.lastActivityAt || account.lastActivityAt < e.occurredAt))
      account.lastActivityAt = e.occurredAt;
    return toLedgerEntry(row);
  }

  /**
   * Lots follow the entry: earnings open a lot (net of any negative balance they pay off),
   * unlocks make a pending lot spendable, and take-aways consume the oldest lots first.
   */
  private async moveLots(
    em: EntityManager,
    account: AccountRow,
    entryId: string,
    e: PostEntry,
    pendingDelta: number,
  ): Promise<void> {
    const key = [account.programId, account.customerId];
    if (e.kind === "unlock") {
      // Unlocked points first pay off a negative balance; only the rest is spendable.
      await em.query(
        `UPDATE ledger_lots SET state = 'available', remaining = greatest(0, remaining - $2) WHERE entry_id = $1`,
        [e.lotEntryId, Math.max(0, -account.balance)],
      );
      return;
    }
    if (pendingDelta > 0) {
      await em.query(
        `INSERT INTO ledger_lots (entry_id, program_id, customer_id, source_event_id, state, earned_at, unlock_at, expires_at, remaining)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8)`,
        [
          entryId,
          ...key,
          e.sourceEventId ?? null,
          e.occurredAt,
          e.unlockAt ?? null,
          e.expiresAt ?? null,
          pendingDelta,
        ],
      );
    }
    if (pendingDelta < 0) {
      // Pending points leave from the lots of the same order first, then the oldest.
      await this.take(em, account, "pending", -pendingDelta, e.preferLotsOf ?? null);
    }
    if (e.amount > 0) {
      const spendable = e.amount - Math.min(e.amount, Math.max(0, -account.balance));
      if (spendable > 0)
        await em.query(
          `INSERT INTO ledger_lots (entry_id, program_id, customer_id, source_event_id, state, earned_at, expires_at, remaining)
           VALUES ($1, $2, $3, $4, 'available', $5, $6, $7)`,
          [entryId, ...key, e.sourceEventId ?? null, e.occurredAt, e.expiresAt ?? null, spendable],
        );
    }
    if (e.amount < 0) {
      if (e.lotEntryId) {
        await em.query(
          `UPDATE ledger_lots SET remaining = greatest(0, remaining + $2) WHERE entry_id = $1`,
          [e.lotEntryId, e.amount],
        );
      } else {
        await this.take(em, account, "available", -e.amount, null);
      }
    }
  }

  /** Takes `amount` from the account's lots: the given order's own first, then oldest first. */
  private async take(
    em: EntityManager,
    account: AccountRow,
    state: "pending" | "available",
    amount: number,
    preferSource: string | null,
  ): Promise<void> {
    const rows = await em.query<Record<string, unknown>[]>(
      `SELECT entry_id, earned_at, expires_at, remaining, source_event_id FROM ledger_lots
       WHERE program_id = $1 AND customer_id = $2 AND state = $3 AND remaining > 0`,
      [account.programId, account.customerId, state],
    );
    const lots = rows.map((r) => ({
      id: r.entry_id as string,
      earnedAt: new Date(r.earned_at as string),
      expiresAt: r.expires_at ? new Date(r.expires_at as string) : null,
      remaining: Number(r.remaining),
      source: r.source_event_id as string | null,
    }));
    const own = consumeFifo(
      lots.filter((l) => preferSource && l.source === preferSource),
      amount,
    );
    const rest = consumeFifo(
      lots.filter((l) => !preferSource || l.source !== preferSource),
      own.shortfall,
    );
    for (const c of [...own.consumed, ...rest.consumed])
      await em.query(`UPDATE ledger_lots SET remaining = remaining - $2 WHERE entry_id = $1`, [
        c.lotId,
        c.amount,
      ]);
  }
}
