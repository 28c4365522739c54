import type { EntityManager } from "typeorm";
import {
  inactivityExpiresAt,
  inactivityExpiringSoon,
  nextEvaluationAt,
  tierAtPeriodEnd,
  type ConfigOf,
} from "@trouw/domain";
import type { Clock } from "../../common/clock";
import type { Database } from "../../db/database";
import { returnedRows } from "../../db/rows";
import { audit } from "../audit/audit";
import type { JobsService } from "../jobs/jobs.service";
import type { EarningService } from "./earning.service";
import type { Ledger } from "./ledger";
import { accountAuditId } from "./loyalty.service";
import { emit } from "./outbox";
import type { ProgramsService } from "./programs.service";
import { toAccount, type AccountRow, type ProgramRow } from "./rows";

export const MAINTENANCE_JOB = "loyalty.maintenance";

/**
 * When account `a`'s balance lapses under inactivity expiry ($months: the months parameter):
 * month arithmetic in UTC, clamped to the month's end like the domain's `addMonths`, so the
 * expiry job, its notice and `inactivityExpiresAt` agree to the millisecond.
 */
const lapseSql = (months: string) =>
  `((coalesce(a.last_activity_at, a.enrolled_at) AT TIME ZONE 'UTC') + make_interval(months => ${months}))`;
const BATCH = 500;

export interface MaintenanceReport {
  unlocked: number;
  expired: number;
  expiringNotices: number;
  tiersEvaluated: number;
  tiersChanged: number;
  /** Reviews where an active manual override kept a tier the customer would have left. */
  tiersHeld: number;
  anniversaries: number;
  birthdays: number;
}

/**
 * Time-driven loyalty work, run as one keyed job (so never twice at once): unlock pending
 * points, expire points, notify about points expiring soon, evaluate tier downgrades at period
 * end, grant anniversary rewards and birthday bonuses. Each item is its own short transaction,
 * so ingest never waits long on it, and every step is safe to repeat.
 */
export class LoyaltyMaintenance {
  private lastScheduled = 0;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly programs: ProgramsService,
    private readonly ledger: Ledger,
    private readonly earning: EarningService,
    private readonly jobs: JobsService,
  ) {
    jobs.register(MAINTENANCE_JOB, async ({ progress }) => this.run((f) => progress(f)));
  }

  /** Queues the upkeep job every `intervalMs` (a keyed job: replicas join one run). */
  async scheduleDue(intervalMs: number): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastScheduled < intervalMs) return;
    this.lastScheduled = now;
    await this.jobs.enqueue(MAINTENANCE_JOB, { key: "all" });
  }

  async run(
    progress: (fraction: number) => Promise<void> = async () => {},
  ): Promise<MaintenanceReport> {
    const report: MaintenanceReport = {
      unlocked: await this.unlockPending(),
      expired: 0,
      expiringNotices: 0,
      tiersEvaluated: 0,
      tiersChanged: 0,
      tiersHeld: 0,
      anniversaries: 0,
      birthdays: 0,
    };
    await progress(0.2);
    report.expired = (await this.expireLots()) + (await this.expireInactive());
    await progress(0.4);
    report.expiringNotices = await this.noticeExpiring();
    await progress(0.6);
    Object.assign(report, await this.evaluateTiers());
    await progress(0.8);
    report.anniversaries = await this.anniversaries();
    report.birthdays = await this.birthdays();
    await progress(1);
    return report;
  }

  /** Runs `work` for each row of `select` until none is left, one transaction per row. */
  private async drain<R>(
    select: (em: EntityManager) => Promise<R[]>,
    /** true: done and counted; "settled": handled, not counted; false: nothing to do. */
    work: (em: EntityManager, row: R) => Promise<boolean | "settled">,
  ): Promise<number> {
    let done = 0;
    for (;;) {
      const rows = await this.db.read(select);
      if (!rows.length) return done;
      let progressed = 0;
      for (const row of rows) {
        const outcome = await this.db.transaction((em) => work(em, row));
        if (outcome) progressed++;
        if (outcome === true) done++;
      }
      // Rows that needed nothing stay selectable; stop rather than spin on them.
      if (rows.length < BATCH || progressed === 0) return done;
    }
  }

  private async programMap(em: EntityManager): Promise<Map<string, ProgramRow>> {
    const rows = await em.query<Record<string, unknown>[]>(
      `SELECT id FROM loyalty_programs WHERE status IN ('active', 'paused')`,
    );
    const programs = await this.programs.byIdsIn(
      em,
      rows.map((r) => r.id as string),
    );
    return new Map(programs.map((p) => [p.id, p]));
  }

  async unlockPending(): Promise<number> {
    const now = this.clock.now();
    return this.drain(
      (em) =>
        em.query<{ entry_id: string; program_id: string; customer_id: string }[]>(
          `SELECT entry_id, program_id, customer_id FROM ledger_lots
           WHERE state = 'pending' AND remaining > 0 AND unlock_at <= $1 ORDER BY unlock_at LIMIT ${BATCH}`,
          [now],
        ),
      async (em, lot) => {
        const account = await this.ledger.lockAccount(em, lot.program_id, lot.customer_id);
        const [current] = await em.query<{ remaining: string; state: string }[]>(
          `SELECT remaining, state FROM ledger_lots WHERE entry_id = $1${this.db.forUpdate}`,
          [lot.entry_id],
        );
        if (!account || !current || current.state !== "pending" || Number(current.remaining) <= 0)
          return false;
        const amount = Number(current.remaining);
        await this.ledger.post(em, account, {
          kind: "unlock",
          amount,
          pendingDelta: -amount,
          reason: "Return window passed",
          actor: "system",
          occurredAt: now,
          lotEntryId: lot.entry_id,
          details: { lot: lot.entry_id },
        });
        return true;
      },
    );
  }

  /** Fixed expiry: each lot expires on its own date. */
  async expireLots(): Promise<number> {
    const now = this.clock.now();
    return this.drain(
      (em) =>
        em.query<{ entry_id: string; program_id: string; customer_id: string }[]>(
          `SELECT entry_id, program_id, customer_id FROM ledger_lots
           WHERE state = 'available' AND remaining > 0 AND expires_at <= $1 ORDER BY expires_at LIMIT ${BATCH}`,
          [now],
        ),
      async (em, lot) => {
        const account = await this.ledger.lockAccount(em, lot.program_id, lot.customer_id);
        const [current] = await em.query<{ remaining: string; expires_at: string }[]>(
          `SELECT remaining, expires_at FROM ledger_lots WHERE entry_id = $1${this.db.forUpdate}`,
          [lot.entry_id],
        );
        const amount = Math.min(
          Number(current?.remaining ?? 0),
          Math.max(account?.balance ?? 0, 0),
        );
        if (!account || amount <= 0) return false;
        await this.ledger.post(em, account, {
          kind: "expire",
          amount: -amount,
          reason: `Points earned on ${new Date(current!.expires_at).toISOString().slice(0, 10)} expired`,
          actor: "system",
          occurredAt: now,
          lotEntryId: lot.entry_id,
          details: { lot: lot.entry_id },
        });
        return true;
      },
    );
  }

  /** Inactivity expiry: the whole balance lapses after N months without earning or spending. */
  async expireInactive(): Promise<number> {
    const now = this.clock.now();
    const programs = await this.db.read((em) => this.programMap(em));
    let expired = 0;
    for (const program of programs.values()) {
      const config = program.config;
      if (!("earning" in config) || config.earning.expiry.kind !== "inactivity") continue;
      const months = config.earning.expiry.months;
      expired += await this.drain(
        (em) =>
          em.query<Record<string, unknown>[]>(
            `SELECT * FROM loyalty_accounts a WHERE a.program_id = $1 AND a.balance > 0
               AND ${lapseSql("$3")} <= ($2::timestamptz AT TIME ZONE 'UTC')
             LIMIT ${BATCH}`,
            [program.id, now, months],
          ),
        async (em, row) => {
          const account = await this.ledger.lockAccount(em, program.id, row.customer_id as string);
          if (!account || account.balance <= 0) return false;
          const lapseAt = inactivityExpiresAt(
            config.earning.expiry,
            account.lastActivityAt ?? account.enrolledAt,
          );
          if (!lapseAt || lapseAt > now) return false;
          await this.ledger.post(em, account, {
            kind: "expire",
            amount: -account.balance,
            reason: `No activity for ${months} months`,
            actor: "system",
            occurredAt: now,
          });
          return true;
        },
      );
    }
    return expired;
  }

  /**
   * One notice per lot, `expiringNoticeDays` before it expires; with inactivity expiry, one
   * notice per lapse date (the whole balance, `expiringNoticeDays` before it lapses).
   */
  async noticeExpiring(): Promise<number> {
    const now = this.clock.now();
    const programs = await this.db.read((em) => this.programMap(em));
    let notices = 0;
    for (const program of programs.values()) {
      const config = program.config;
      if (!("earning" in config)) continue;
      if (config.earning.expiry.kind === "inactivity") {
        notices += await this.noticeInactive(program, config.earning.expiry.months);
        continue;
      }
      if (config.earning.expiry.kind !== "fixed") continue;
      const horizon = new Date(now.getTime() + config.earning.expiringNoticeDays * 86_400_000);
      notices += await this.drain(
        (em) =>
          em.query<{ customer_id: string }[]>(
            `SELECT DISTINCT customer_id FROM ledger_lots WHERE program_id = $1 AND state = 'available'
               AND remaining > 0 AND notified_at IS NULL AND expires_at > $2 AND expires_at <= $3 LIMIT ${BATCH}`,
            [program.id, now, horizon],
          ),
        async (em, row) => {
          const lots = await em.query<{ remaining: string; expires_at: string }[]>(
            `UPDATE ledger_lots SET notified_at = $4 WHERE program_id = $1 AND customer_id = $2 AND state = 'available'
               AND remaining > 0 AND notified_at IS NULL AND expires_at > $4 AND expires_at <= $3 RETURNING remaining, expires_at`,
            [program.id, row.customer_id, horizon, now],
          );
          const list = Array.isArray(lots[0]) ? (lots[0] as typeof lots) : lots;
          if (!list.length) return false;
          await emit(
            em,
            "loyalty.points_expiring",
            row.customer_id,
            {
              programId: program.id,
              points: list.reduce((s, l) => s + Number(l.remaining), 0),
              firstExpiresAt: list
                .map((l) => new Date(l.expires_at))
                .sort((a, b) => a.getTime() - b.getTime())[0],
            },
            now,
          );
          return true;
        },
      );
    }
    return notices;
  }

  /**
   * Inactivity expiry: the whole balance lapses N months after the last earn or burn. Within
   * the notice window one `loyalty.points_expiring` goes out, de-duplicated like fixed expiry
   * by marking the lots notified: a lot notified since the last activity means this lapse
   * date was announced; new activity moves the date and makes a new notice due.
   */
  private async noticeInactive(program: ProgramRow, months: number): Promise<number> {
    const now = this.clock.now();
    const config = program.config as ConfigOf<"points">;
    const horizon = new Date(now.getTime() + config.earning.expiringNoticeDays * 86_400_000);
    const lapse = lapseSql("$2");
    // Only lots with points left (the partial index on the account's lots): a notified lot
    // used up since then was burned, which is activity, so its notice no longer counts anyway.
    const notNotified = `NOT EXISTS (SELECT 1 FROM ledger_lots l WHERE l.program_id = a.program_id AND l.customer_id = a.customer_id
                 AND l.remaining > 0 AND l.notified_at >= coalesce(a.last_activity_at, a.enrolled_at))`;
    return this.drain(
      (em) =>
        em.query<{ customer_id: string }[]>(
          `SELECT a.customer_id FROM loyalty_accounts a WHERE a.program_id = $1 AND a.balance > 0
             AND ${lapse} > ($3::timestamptz AT TIME ZONE 'UTC') AND ${lapse} <= ($4::timestamptz AT TIME ZONE 'UTC')
             AND ${notNotified}
           ORDER BY a.customer_id LIMIT ${BATCH}`,
          [program.id, months, now, horizon],
        ),
      async (em, row) => {
        const account = await this.ledger.lockAccount(em, program.id, row.customer_id);
        if (!account) return false;
        const lastActivity = account.lastActivityAt ?? account.enrolledAt;
        const soon = inactivityExpiringSoon(
          config.earning.expiry,
          lastActivity,
          account.balance,
          now,
          config.earning.expiringNoticeDays,
        );
        if (soon.amount <= 0) return false;
        const marked = returnedRows<{ entry_id: string }>(
          await em.query(
            `UPDATE ledger_lots SET notified_at = $3 WHERE program_id = $1 AND customer_id = $2
               AND state = 'available' AND remaining > 0
               AND NOT EXISTS (SELECT 1 FROM ledger_lots l WHERE l.program_id = $1 AND l.customer_id = $2 AND l.remaining > 0 AND l.notified_at >= $4)
             RETURNING entry_id`,
            [program.id, account.customerId, now, lastActivity],
          ),
        );
        if (!marked.length) return false;
        await emit(
          em,
          "loyalty.points_expiring",
          account.customerId,
          { programId: program.id, points: soon.amount, firstExpiresAt: soon.firstExpiresAt },
          now,
        );
        return true;
      },
    );
  }

  /** Downgrades wait for the end of the qualification period; overrides hold, visibly. */
  async evaluateTiers(): Promise<{
    tiersEvaluated: number;
    tiersChanged: number;
    tiersHeld: number;
  }> {
    const now = this.clock.now();
    const programs = await this.db.read((em) => this.programMap(em));
    let evaluated = 0;
    let changed = 0;
    let held = 0;
    for (const program of programs.values()) {
      if (program.config.type !== "tiered") continue;
      const config = program.config as ConfigOf<"tiered">;
      evaluated += await this.drain(
        (em) =>
          em.query<Record<string, unknown>[]>(
            `SELECT * FROM loyalty_accounts WHERE program_id = $1 AND status = 'enrolled'
               AND (tier_review_at IS NULL OR tier_review_at <= $2) ORDER BY customer_id LIMIT ${BATCH}`,
            [program.id, now],
          ),
        async (em, row) => {
          const listed = toAccount(row);
          const window = config.qualification.window;
          // The first review is at the end of the period the customer joined in.
          const due = listed.tierReviewAt ?? nextEvaluationAt(window, listed.enrolledAt);
          if (due > now) {
            await em.query(
              `UPDATE loyalty_accounts SET tier_review_at = $3 WHERE program_id = $1 AND customer_id = $2`,
              [program.id, listed.customerId, due],
            );
            return "settled";
          }
          const account = (await this.ledger.lockAccount(em, program.id, listed.customerId))!;
          // Reviewed meanwhile (a manual run beside the scheduled one): once per period.
          if (account.tierReviewAt && account.tierReviewAt > now) return "settled";
          // The period that just ended: at a calendar year's review (Jan 1) the window of `now`
          // would be the new, empty year.
          const periodEnd = new Date(Math.min(now.getTime(), due.getTime()) - 1);
          const value = await this.earning.qualifyingValue(
            em,
            program,
            account.customerId,
            periodEnd,
          );
          const decision = tierAtPeriodEnd(config.tiers, {
            currentCode: account.tierCode,
            value,
            policy: config.downgradePolicy,
            override: account.tierOverride,
            now,
          });
          await em.query(
            `UPDATE loyalty_accounts SET tier_review_at = $3 WHERE program_id = $1 AND customer_id = $2`,
            [program.id, account.customerId, nextEvaluationAt(window, now)],
          );
          if (decision.changed) {
            await this.earning.setTier(
              em,
              program,
              account,
              decision.tierCode,
              decision.direction,
              decision.explanation,
            );
            changed++;
          } else if (decision.heldByOverride) {
            // Without the override the review would have moved the tier: say so, never silently.
            const without = tierAtPeriodEnd(config.tiers, {
              currentCode: account.tierCode,
              value,
              policy: config.downgradePolicy,
              override: null,
              now,
            });
            await this.recordTierHeld(em, program, account, without, decision.explanation, now);
            held++;
          }
          return true;
        },
      );
    }
    return { tiersEvaluated: evaluated, tiersChanged: changed, tiersHeld: held };
  }

  /**
   * A period-end review an active override blocked: an outbox event, a zero ledger entry (as
   * setting the override writes one) and an audit row, each with the explanation.
   */
  private async recordTierHeld(
    em: EntityManager,
    program: ProgramRow,
    account: AccountRow,
    without: { tierCode: string; direction: "up" | "down" | null },
    why: string,
    now: Date,
  ): Promise<void> {
    const override = account.tierOverride!;
    const config = program.config as ConfigOf<"tiered">;
    const name = (code: string | null) => config.tiers.find((t) => t.code === code)?.name ?? code;
    const until = override.until.toISOString().slice(0, 10);
    const details = {
      tierHeld: {
        tierCode: account.tierCode,
        wouldBe: without.tierCode,
        direction: without.direction,
        overrideUntil: override.until.toISOString(),
        overrideReason: override.reason,
        why,
      },
    };
    await emit(
      em,
      "loyalty.tier_held",
      account.customerId,
      {
        programId: program.id,
        tier: account.tierCode,
        wouldBe: without.tierCode,
        direction: without.direction,
        until: override.until,
        why,
      },
      now,
    );
    await this.ledger.post(em, account, {
      kind: "adjust",
      amount: 0,
      reason: `Tier held at ${name(account.tierCode)} by a manual override until ${until} (${override.reason}); without it: ${without.direction === "up" ? "up" : "down"} to ${name(without.tierCode)}`,
      actor: "system",
      occurredAt: now,
      details,
    });
    await audit.record(
      em,
      {
        entityType: "loyalty_account",
        entityId: accountAuditId(program.id, account.customerId),
        action: "tier_held_by_override",
        before: { tierCode: account.tierCode },
        after: { tierCode: account.tierCode, ...details },
      },
      now,
    );
  }

  /**
   * A reward on each anniversary of joining, once per year (unique milestone), from the year
   * after joining. The anniversary is the day of joining in this year's month, or that month's
   * last day when it is shorter (joined Feb 29: Feb 28 in other years).
   */
  async anniversaries(): Promise<number> {
    const now = this.clock.now();
    const programs = await this.db.read((em) => this.programMap(em));
    let granted = 0;
    const year = now.getUTCFullYear();
    for (const program of programs.values()) {
      const reward = program.config.anniversaryReward;
      if (!reward || program.status !== "active") continue;
      granted += await this.drain(
        (em) =>
          em.query<{ customer_id: string }[]>(
            `SELECT a.customer_id FROM loyalty_accounts a
             WHERE a.program_id = $1 AND a.status = 'enrolled'
               AND extract(year FROM a.enrolled_at AT TIME ZONE 'UTC')::int < $3
               AND make_date($3, extract(month FROM a.enrolled_at AT TIME ZONE 'UTC')::int,
                     least(extract(day FROM a.enrolled_at AT TIME ZONE 'UTC')::int,
                           extract(day FROM make_date($3, extract(month FROM a.enrolled_at AT TIME ZONE 'UTC')::int, 1)
                                            + interval '1 month' - interval '1 day')::int))
                   <= ($2::timestamptz AT TIME ZONE 'UTC')::date
               AND NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.program_id = a.program_id AND r.customer_id = a.customer_id AND r.milestone = $4)
             LIMIT ${BATCH}`,
            [program.id, now, year, `anniversary-${year}`],
          ),
        async (em, row) => {
          await this.earning.grant(em, program, row.customer_id, {
            source: "anniversary",
            milestone: `anniversary-${year}`,
            rewardId: reward.rewardId ?? null,
            description: reward.description,
          });
          return true;
        },
      );
    }
    return granted;
  }

  /** The birthday bonus of points programs, once per year, on or after the birthday. */
  async birthdays(): Promise<number> {
    const now = this.clock.now();
    const programs = await this.db.read((em) => this.programMap(em));
    const year = now.getUTCFullYear();
    let awarded = 0;
    for (const program of programs.values()) {
      const config = program.config;
      if (program.status !== "active" || !("earning" in config) || !config.earning.bonuses.birthday)
        continue;
      awarded += await this.drain(
        (em) =>
          em.query<{ customer_id: string }[]>(
            `SELECT a.customer_id FROM loyalty_accounts a JOIN customers c ON c.id = a.customer_id
             WHERE a.program_id = $1 AND a.status = 'enrolled' AND c.birth_date IS NOT NULL
               AND make_date($2, extract(month FROM c.birth_date)::int,
                     CASE WHEN extract(month FROM c.birth_date) = 2 AND extract(day FROM c.birth_date) = 29 THEN 28
                          ELSE extract(day FROM c.birth_date)::int END) <= ($3::timestamptz AT TIME ZONE 'UTC')::date
               AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.program_id = a.program_id AND e.customer_id = a.customer_id
                     AND e.details ->> 'bonus' = 'birthday' AND e.details ->> 'year' = $4)
             LIMIT ${BATCH}`,
            [program.id, year, now, String(year)],
          ),
        async (em, row) => {
          const account = await this.ledger.lockAccount(em, program.id, row.customer_id);
          if (!account) return false;
          return (
            (await this.earning.awardBonus(em, program, account, "birthday", now, "system", null, {
              year: String(year),
            })) > 0
          );
        },
      );
    }
    return awarded;
  }
}
