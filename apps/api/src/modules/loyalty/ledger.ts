import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { consumeFifo, type LedgerKind } from "@trouw/domain";
import type { Clock } from "../../common/clock";
import { queryPrepared, type Database } from "../../db/database";
import { returnedRows } from "../../db/rows";
import { conflict } from "../../common/errors";
import type { AppendLock } from "../events/events.service";
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

const lockAccountsSql = (customer: string, programs: string, forUpdate: string) =>
  `SELECT ${ACCOUNT_COLUMNS} FROM loyalty_accounts WHERE customer_id = ${customer} AND program_id = ANY(${programs}::uuid[])
       ORDER BY program_id${forUpdate}`;

/**
 * A customer's accounts in some programs, to be locked by the statement that appends the
 * customer's event (`EventsService.lockWith`), as `Ledger.lockAccounts` would lock them.
 */
export class AccountsLock implements AppendLock {
  rows?: Record<string, unknown>[];
  readonly params: unknown[];

  constructor(
    readonly programIds: string[],
    private readonly forUpdate: string,
  ) {
    this.params = [programIds];
  }

  sql(first: number, customer: string): string {
    return lockAccountsSql(customer, `$${first}`, this.forUpdate);
  }

  /** The locked accounts by program, once the statement has run; null before. */
  accounts(): Map<string, AccountRow> | null {
    return this.rows ? new Map(this.rows.map((r) => [r.program_id as string, toAccount(r)])) : null;
  }
}

/**
 * A tier's qualifying value (points earned in [from, to]: earn, pending and non-redemption
 * reverse entries) to compute along with a batch of credits. `value` is set when the batch
 * statement computed it: the account's entries before the batch plus the batch's own.
 */
export interface QualifyingWindow {
  account: AccountRow;
  from: Date;
  to: Date;
  value: number | null;
}

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

/** What an entry adds to the points earned (tiers qualify on them, never on the balance). */
const earnedBy = (e: PostEntry): number =>
  e.kind === "earn" || e.kind === "pending" || (e.kind === "reverse" && !e.redemptionId)
    ? e.amount + (e.pendingDelta ?? 0)
    : 0;

/** Entries that count as activity (inactivity expiry). */
const isActivity = (kind: LedgerKind): boolean =>
  kind === "earn" || kind === "pending" || kind === "burn";

/** Debits of the spendable balance from the oldest lots (a burn, a full punch card). */
const isPlainDebit = (e: PostEntry): boolean =>
  e.kind !== "unlock" && e.amount < 0 && (e.pendingDelta ?? 0) === 0 && !e.lotEntryId;

/** Credits: they open a lot and can never overdraw, so they take the one-statement path. */
const isCredit = (e: PostEntry): boolean =>
  e.kind !== "unlock" && e.amount >= 0 && (e.pendingDelta ?? 0) >= 0 && !e.lotEntryId;

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
    const rows = await queryPrepared(em, lockAccountsSql("$1", "$2", this.db.forUpdate), [
      customerId,
      programIds,
    ]);
    return new Map(rows.map((r) => [r.program_id as string, toAccount(r)]));
  }

  /** `lockAccounts` of these programs, for the statement that appends the customer's event. */
  accountsLock(programIds: string[]): AccountsLock {
    return new AccountsLock(programIds, this.db.forUpdate);
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

  /**
   * Posts several entries, possibly to several accounts, as `post` would one after another.
   * Each account's leading credits (the ingest hot path: an order earning in every program)
   * go into one statement for all accounts; whatever follows a debit or unlock on an account
   * is posted one by one after it, in order.
   */
  async postMany(
    em: EntityManager,
    items: { account: AccountRow; entry: PostEntry }[],
    /** Qualifying values to compute in the credits' statement (saves a query per tier). */
    windows: QualifyingWindow[] = [],
  ): Promise<LedgerEntryRow[]> {
    const batch: { account: AccountRow; entry: PostEntry; index: number }[] = [];
    const rest: { account: AccountRow; entry: PostEntry; index: number }[] = [];
    const stopped = new Set<AccountRow>();
    items.forEach((item, index) => {
      if (!stopped.has(item.account) && isCredit(item.entry)) batch.push({ ...item, index });
      else {
        stopped.add(item.account);
        rest.push({ ...item, index });
      }
    });
    const posted: LedgerEntryRow[] = new Array<LedgerEntryRow>(items.length);
    // A value is exact only if nothing is posted to its account after the batch.
    const computed = windows.filter((w) => !stopped.has(w.account));
    if (batch.length === 1 && !computed.length) rest.unshift(batch.pop()!);
    if (batch.length) {
      const rows = await this.postCredits(em, batch, computed);
      batch.forEach((b, i) => (posted[b.index] = rows[i]!));
    }
    for (const r of rest) posted[r.index] = await this.post(em, r.account, r.entry);
    return posted;
  }

  /** Credits to one or more accounts in one statement: entries, lots and projections. */
  private async postCredits(
    em: EntityManager,
    items: { account: AccountRow; entry: PostEntry }[],
    windows: QualifyingWindow[],
  ): Promise<LedgerEntryRow[]> {
    const now = this.clock.now();
    // What each credit leaves as a lot depends on the balance before it (paying off a debt first).
    const balances = new Map<AccountRow, number>();
    const cols = {
      id: [] as string[],
      program: [] as string[],
      customer: [] as string[],
      kind: [] as string[],
      amount: [] as number[],
      pending: [] as number[],
      reason: [] as string[],
      actor: [] as string[],
      source: [] as (string | null)[],
      campaign: [] as (string | null)[],
      redemption: [] as (string | null)[],
      details: [] as string[],
      occurred: [] as Date[],
      earned: [] as number[],
      activity: [] as boolean[],
      state: [] as string[],
      unlock: [] as (Date | null)[],
      expires: [] as (Date | null)[],
      remaining: [] as number[],
    };
    for (const { account, entry: e } of items) {
      const pendingDelta = e.pendingDelta ?? 0;
      const balance = balances.get(account) ?? account.balance;
      const pending = pendingDelta > 0;
      cols.id.push(randomUUID());
      cols.program.push(account.programId);
      cols.customer.push(account.customerId);
      cols.kind.push(e.kind);
      cols.amount.push(e.amount);
      cols.pending.push(pendingDelta);
      cols.reason.push(e.reason);
      cols.actor.push(e.actor);
      cols.source.push(e.sourceEventId ?? null);
      cols.campaign.push(e.campaignId ?? null);
      cols.redemption.push(e.redemptionId ?? null);
      cols.details.push(JSON.stringify(e.details ?? {}));
      cols.occurred.push(e.occurredAt);
      cols.earned.push(earnedBy(e));
      cols.activity.push(isActivity(e.kind));
      cols.state.push(pending ? "pending" : "available");
      cols.unlock.push(pending ? (e.unlockAt ?? null) : null);
      cols.expires.push(e.expiresAt ?? null);
      cols.remaining.push(
        pending ? pendingDelta : e.amount - Math.min(e.amount, Math.max(0, -balance)),
      );
      balances.set(account, balance + e.amount);
    }
    const accounts = new Set(items.map((i) => i.account)).size;
    // Qualifying values: the statement's snapshot predates its own inserts, so they are the
    // entries before it plus its input's.
    // The LIMITs ($25, $26: the arrays' lengths, so they cut nothing) are for the plan cache.
    // A generic plan reads each unnest of a parameter as 10 rows, a custom plan as its real
    // few, so PostgreSQL would plan this statement afresh on every order (a quarter of its
    // CPU per order). A LIMIT by parameter is read as a tenth of its input, so the generic
    // plan costs what the custom ones do and is kept, with index lookups per input row.
    const rows = await queryPrepared<
      (Record<string, unknown> & { updated: number; qualifying: Record<string, number> | null })[]
    >(
      em,
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::bigint[], $7::text[],
           $8::text[], $9::uuid[], $10::uuid[], $11::uuid[], $12::jsonb[], $13::timestamptz[], $15::bigint[],
           $16::boolean[], $17::text[], $18::timestamptz[], $19::timestamptz[], $20::bigint[])
           WITH ORDINALITY AS i(id, program_id, customer_id, kind, amount, pending_delta, reason, actor,
             source_event_id, campaign_id, redemption_id, details, occurred_at, earned, activity, state,
             unlock_at, expires_at, remaining, n)
         LIMIT $25),
       entry AS (
         INSERT INTO ledger_entries (id, program_id, customer_id, kind, amount, pending_delta, reason, actor,
           source_event_id, campaign_id, redemption_id, details, occurred_at, created_at)
         SELECT id, program_id, customer_id, kind, amount, pending_delta, reason, actor, source_event_id,
           campaign_id, redemption_id, details, occurred_at, $14 FROM input ORDER BY n RETURNING *),
       lot AS (
         INSERT INTO ledger_lots (entry_id, program_id, customer_id, source_event_id, state, earned_at, unlock_at, expires_at, remaining)
         SELECT id, program_id, customer_id, source_event_id, state, occurred_at, unlock_at, expires_at, remaining
         FROM input WHERE remaining > 0),
       moved AS (
         SELECT program_id, customer_id, sum(amount)::bigint AS amount, sum(pending_delta)::bigint AS pending,
           sum(earned)::bigint AS earned, max(occurred_at) FILTER (WHERE activity) AS active_at
         FROM input GROUP BY program_id, customer_id),
       account AS (
         UPDATE loyalty_accounts a SET balance = a.balance + m.amount, pending = a.pending + m.pending,
           lifetime_earned = a.lifetime_earned + m.earned,
           last_activity_at = CASE WHEN m.active_at IS NULL THEN a.last_activity_at ELSE greatest(a.last_activity_at, m.active_at) END,
           updated_at = $14
         FROM moved m WHERE a.program_id = m.program_id AND a.customer_id = m.customer_id
         RETURNING 1),
       qualifying AS (
         SELECT q.program_id,
           coalesce((SELECT sum(e.amount + e.pending_delta) FROM ledger_entries e
             WHERE e.program_id = q.program_id AND e.customer_id = q.customer_id
               AND e.kind IN ('earn', 'pending', 'reverse') AND e.redemption_id IS NULL
               AND e.occurred_at >= q.from_at AND e.occurred_at <= q.to_at), 0)
           + coalesce((SELECT sum(i.amount + i.pending_delta) FROM input i
             WHERE i.program_id = q.program_id AND i.customer_id = q.customer_id
               AND i.kind IN ('earn', 'pending', 'reverse') AND i.redemption_id IS NULL
               AND i.occurred_at >= q.from_at AND i.occurred_at <= q.to_at), 0) AS n
         FROM (SELECT * FROM unnest($21::uuid[], $22::uuid[], $23::timestamptz[], $24::timestamptz[])
           AS w(program_id, customer_id, from_at, to_at) LIMIT $26) AS q)
       SELECT entry.*, (SELECT count(*)::int FROM account) AS updated,
         (SELECT jsonb_object_agg(program_id::text, n) FROM qualifying) AS qualifying
       FROM entry JOIN input USING (id) ORDER BY input.n`,
      [
        cols.id,
        cols.program,
        cols.customer,
        cols.kind,
        cols.amount,
        cols.pending,
        cols.reason,
        cols.actor,
        cols.source,
        cols.campaign,
        cols.redemption,
        cols.details,
        cols.occurred,
        now,
        cols.earned,
        cols.activity,
        cols.state,
        cols.unlock,
        cols.expires,
        cols.remaining,
        windows.map((w) => w.account.programId),
        windows.map((w) => w.account.customerId),
        windows.map((w) => w.from),
        windows.map((w) => w.to),
        items.length,
        windows.length,
      ],
    );
    if (rows[0]?.updated !== accounts)
      throw new Error(`ledger: ${accounts} accounts to credit, ${rows[0]?.updated ?? 0} found`);
    for (const w of windows) w.value = Number(rows[0].qualifying?.[w.account.programId] ?? 0);
    for (const { account, entry: e } of items) {
      account.balance += e.amount;
      account.pending += e.pendingDelta ?? 0;
      account.lifetimeEarned += earnedBy(e);
      if (isActivity(e.kind) && (!account.lastActivityAt || account.lastActivityAt < e.occurredAt))
        account.lastActivityAt = e.occurredAt;
    }
    return rows.map(toLedgerEntry);
  }

  async post(em: EntityManager, account: AccountRow, e: PostEntry): Promise<LedgerEntryRow> {
    const pendingDelta = e.pendingDelta ?? 0;
    const now = this.clock.now();
    const id = randomUUID();
    const earned = earnedBy(e);
    const activity = isActivity(e.kind);
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
    if (isCredit(e)) {
      // Credits (the ingest hot path): entry, lot and projection in one statement.
      const pending = pendingDelta > 0;
      const remaining = pending
        ? pendingDelta
        : e.amount - Math.min(e.amount, Math.max(0, -account.balance));
      const [result] = await queryPrepared<(Record<string, unknown> & { updated: number })[]>(
        em,
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
    } else if (isPlainDebit(e)) {
      // The lots it takes are chosen first (FIFO); then entry, lots and guarded projection in
      // one statement. A refused guard fails the transaction as it did after separate writes.
      const consumed = await this.lotsToTake(em, account, "available", -e.amount, null);
      const [result] = await queryPrepared<(Record<string, unknown> & { updated: number })[]>(
        em,
        `WITH entry AS (${insertEntry}),
         lots AS (
           UPDATE ledger_lots l SET remaining = l.remaining - c.amount
           FROM unnest($18::uuid[], $19::bigint[]) AS c(entry_id, amount) WHERE l.entry_id = c.entry_id),
         account AS (${accountUpdate({ program: 2, customer: 3, amount: 5, pending: 6, occurred: 13, now: 14, earned: 15, activity: 16, cover: 17 })})
         SELECT entry.*, (SELECT count(*)::int FROM account) AS updated FROM entry`,
        [...common, consumed.map((c) => c.lotId), consumed.map((c) => c.amount)],
      );
      row = result!;
      updated = result!.updated > 0;
    } else {
      [row] = (await queryPrepared(em, insertEntry, entry)) as [Record<string, unknown>];
      await this.moveLots(em, account, id, e, pendingDelta);
      // The conditional update is the overdraw guard: no row updated means not enough balance.
      const [, program, customer, , amount, pending, , , , , , , occurred, at] = entry;
      updated =
        returnedRows(
          await queryPrepared(
            em,
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
    const consumed = await this.lotsToTake(em, account, state, amount, preferSource);
    // All the lots in one statement (a completed punch card takes one lot per punch).
    if (consumed.length)
      await queryPrepared(
        em,
        `UPDATE ledger_lots l SET remaining = l.remaining - c.amount
         FROM unnest($1::uuid[], $2::bigint[]) AS c(entry_id, amount) WHERE l.entry_id = c.entry_id`,
        [consumed.map((c) => c.lotId), consumed.map((c) => c.amount)],
      );
  }

  /** The lots `take` would consume, and how much of each: the given order's own, then FIFO. */
  private async lotsToTake(
    em: EntityManager,
    account: AccountRow,
    state: "pending" | "available",
    amount: number,
    preferSource: string | null,
  ): Promise<{ lotId: string; amount: number }[]> {
    const rows = await queryPrepared(
      em,
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
    return [...own.consumed, ...rest.consumed];
  }
}
