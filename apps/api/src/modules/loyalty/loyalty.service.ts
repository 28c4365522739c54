import { randomUUID } from "node:crypto";
import { audit } from "../audit/audit";
import type { EntityManager } from "typeorm";
import {
  checkRedemption,
  earnForOrder,
  expiringSoon,
  inactivityExpiringSoon,
  lotExpiresAt,
  membershipStateAt,
  programUnit,
  reorderDue,
  tierProgress,
  validateOrder,
  validateProgramConfig,
  orderTotals,
  type LedgerKind,
  type OrderInput,
  type ProgramConfig,
} from "@trouw/domain";
import type { Clock } from "../../common/clock";
import { assertNoProblems, badInput, conflict, notFound } from "../../common/errors";
import { assertId } from "../../common/ids";
import { idempotent } from "../../common/idempotency";
import type { Page } from "../../common/graphql-types";
import { decodeCursor, planPage, toPage, type PageArgs } from "../../common/pagination";
import type { Database } from "../../db/database";
import { returnedRows } from "../../db/rows";
import type { RequestActor } from "../../context";
import { CustomersService } from "../customers/customers.service";
import { redemptionCode } from "./codes";
import type { EarningService } from "./earning.service";
import type { Ledger } from "./ledger";
import { emit } from "./outbox";
import type { ProgramsService } from "./programs.service";
import {
  toAccount,
  toLedgerEntry,
  toRedemption,
  type AccountRow,
  type LedgerEntryRow,
  type ProgramRow,
  type RedemptionRow,
} from "./rows";

export interface LoyaltyAccountView {
  account: AccountRow;
  program: ProgramRow;
  tier: {
    code: string;
    name: string;
    perks: string[];
    earnMultiplier: number;
    nextCode: string | null;
    nextName: string | null;
    remainingToNext: number | null;
    percentToNext: number | null;
    qualifyingValue: number;
    basis: "points_earned" | "spend";
    override: { tierCode: string; until: Date; reason: string } | null;
  } | null;
  punchesRequired: number | null;
  creditAvailable: number | null;
  membershipState: string | null;
  expiringSoon: { amount: number; firstExpiresAt: Date | null } | null;
}

/** `customer_id = …` and `program_id = …` conditions for the lists that take them. */
function accountFilter(args: { customerId?: string | null; programId?: string | null }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (args.customerId)
    where.push(`customer_id = $${params.push(assertId(args.customerId, "customerId"))}`);
  if (args.programId)
    where.push(`program_id = $${params.push(assertId(args.programId, "programId"))}`);
  return { where, params };
}

export interface CustomerRef {
  customerId?: string | null;
  customerExternalId?: string | null;
}

/** The customer side of loyalty: membership, status, ledger, redemptions and adjustments. */
export class LoyaltyService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly programs: ProgramsService,
    private readonly ledger: Ledger,
    private readonly earning: EarningService,
  ) {}

  async enrol(actor: RequestActor, ref: CustomerRef, programId: string): Promise<AccountRow> {
    return this.db.transaction(async (em) => {
      const customer = await CustomersService.resolveRef(em, ref);
      const program = await this.programs.getIn(em, programId);
      if (program.status !== "active" && program.status !== "draft")
        throw conflict(`Customers cannot join a ${program.status} program`, "PROGRAM_NOT_ACTIVE");
      const now = this.clock.now();
      const previous = await this.ledger.lockAccount(em, program.id, customer.id);
      const account = await this.earning.enrol(em, program, customer.id, now, actor.caller);
      // Enrolling a member again changes nothing, and records nothing.
      if (previous?.status !== account.status)
        await audit.recordForAdmins(
          em,
          {
            entityType: "loyalty_account",
            entityId: accountAuditId(program.id, customer.id),
            action: "enrolled",
            before: previous ? { status: previous.status } : null,
            after: { status: account.status, balance: account.balance },
          },
          now,
        );
      return account;
    });
  }

  async unenrol(ref: CustomerRef, programId: string): Promise<AccountRow> {
    return this.db.transaction(async (em) => {
      const customer = await CustomersService.resolveRef(em, ref);
      const account = await this.ledger.lockAccount(
        em,
        assertId(programId, "programId"),
        customer.id,
      );
      if (!account) throw notFound("Membership");
      // Leaving again changes nothing, and records nothing.
      if (account.status === "left") return account;
      const now = this.clock.now();
      const [row] = returnedRows<Record<string, unknown>>(
        await em.query(
          `UPDATE loyalty_accounts SET status = 'left', left_at = $3, updated_at = $3 WHERE program_id = $1 AND customer_id = $2 RETURNING *`,
          [account.programId, customer.id, now],
        ),
      );
      await audit.recordForAdmins(
        em,
        {
          entityType: "loyalty_account",
          entityId: accountAuditId(account.programId, customer.id),
          action: "unenrolled",
          before: { status: account.status },
          after: { status: "left", balance: account.balance },
        },
        now,
      );
      return toAccount(row!);
    });
  }

  /** Every account of these customers, for the status view (one query for a page of customers). */
  async accountsOf(customerIds: readonly string[]): Promise<AccountRow[]> {
    const rows = await this.db.read((em) =>
      em.query<Record<string, unknown>[]>(
        `SELECT a.* FROM loyalty_accounts a JOIN loyalty_programs p ON p.id = a.program_id
         WHERE a.customer_id = ANY($1) AND p.status <> 'archived' ORDER BY p.created_at, p.id`,
        [[...customerIds]],
      ),
    );
    return rows.map(toAccount);
  }

  async status(ref: CustomerRef): Promise<LoyaltyAccountView[]> {
    return this.db.read(async (em) => {
      const customer = await CustomersService.resolveRef(em, ref, "customer", "read");
      const rows = await em.query<Record<string, unknown>[]>(
        `SELECT a.* FROM loyalty_accounts a JOIN loyalty_programs p ON p.id = a.program_id
         WHERE a.customer_id = $1 AND p.status <> 'archived' ORDER BY p.created_at, p.id`,
        [customer.id],
      );
      const accounts = rows.map(toAccount);
      const programs = await this.programs.byIdsIn(
        em,
        accounts.map((a) => a.programId),
      );
      const views: LoyaltyAccountView[] = [];
      for (const account of accounts)
        views.push(await this.view(em, programs.find((p) => p.id === account.programId)!, account));
      return views;
    });
  }

  private async view(
    em: EntityManager,
    program: ProgramRow,
    account: AccountRow,
  ): Promise<LoyaltyAccountView> {
    const now = this.clock.now();
    const config = program.config;
    let tier: LoyaltyAccountView["tier"] = null;
    if (config.type === "tiered") {
      const value = await this.earning.qualifyingValue(em, program, account.customerId, now);
      const progress = tierProgress(config.tiers, account.tierCode, value);
      const override =
        account.tierOverride && account.tierOverride.until > now ? account.tierOverride : null;
      tier = {
        code: progress.current.code,
        name: progress.current.name,
        perks: progress.current.perks,
        earnMultiplier: progress.current.earnMultiplier,
        nextCode: progress.next?.code ?? null,
        nextName: progress.next?.name ?? null,
        remainingToNext: progress.remainingToNext,
        percentToNext: progress.percentToNext,
        qualifyingValue: value,
        basis: config.qualification.basis,
        override,
      };
    }
    let soon: LoyaltyAccountView["expiringSoon"] = null;
    if ("earning" in config && config.earning.expiry.kind === "fixed") {
      const lots = await em.query<Record<string, unknown>[]>(
        `SELECT entry_id, earned_at, expires_at, remaining FROM ledger_lots
         WHERE program_id = $1 AND customer_id = $2 AND state = 'available' AND remaining > 0 AND expires_at IS NOT NULL`,
        [program.id, account.customerId],
      );
      soon = expiringSoon(
        lots.map((l) => ({
          id: l.entry_id as string,
          earnedAt: new Date(l.earned_at as string),
          expiresAt: new Date(l.expires_at as string),
          remaining: Number(l.remaining),
        })),
        now,
        config.earning.expiringNoticeDays,
      );
    } else if ("earning" in config && config.earning.expiry.kind === "inactivity") {
      // The whole balance lapses N months after the last activity: all of it expires then.
      soon = inactivityExpiringSoon(
        config.earning.expiry,
        account.lastActivityAt ?? account.enrolledAt,
        account.balance,
        now,
        config.earning.expiringNoticeDays,
      );
    }
    return {
      account,
      program,
      tier,
      punchesRequired: config.type === "punch_card" ? config.punchesRequired : null,
      creditAvailable:
        config.type === "cashback"
          ? account.balance >= config.minimumPayoutMinor
            ? account.balance
            : 0
          : null,
      membershipState:
        config.type === "paid_membership"
          ? account.membership
            ? membershipStateAt(account.membership, now, config)
            : "none"
          : null,
      expiringSoon: soon,
    };
  }

  async ledgerEntries(
    args: PageArgs & {
      customerId?: string | null;
      programId?: string | null;
      kinds?: LedgerKind[] | null;
      from?: Date | null;
      to?: Date | null;
    },
  ): Promise<Page<LedgerEntryRow>> {
    const filter = accountFilter(args);
    if (args.kinds?.length) filter.where.push(`kind = ANY($${filter.params.push(args.kinds)})`);
    if (args.from) filter.where.push(`created_at >= $${filter.params.push(args.from)}`);
    if (args.to) filter.where.push(`created_at < $${filter.params.push(args.to)}`);
    // seq orders entries exactly as written, even within one clock tick.
    return this.newestFirst(args, "ledger_entries", filter, ["seq::bigint"], toLedgerEntry, (e) => [
      e.seq,
    ]);
  }

  redemptions(
    args: PageArgs & { customerId?: string | null; programId?: string | null },
  ): Promise<Page<RedemptionRow>> {
    return this.newestFirst(
      args,
      "redemptions",
      accountFilter(args),
      ["created_at::timestamptz", "id::uuid"],
      toRedemption,
      (r) => [r.createdAt.toISOString(), r.id],
    );
  }

  /** A keyset page, newest first ("after" moves to older rows), with the filter's total. */
  private newestFirst<T>(
    args: PageArgs,
    table: "ledger_entries" | "redemptions",
    filter: { where: string[]; params: unknown[] },
    key: string[],
    map: (row: Record<string, unknown>) => T,
    keyOf: (row: T) => (string | number)[],
  ): Promise<Page<T>> {
    const plan = planPage(args);
    const columns = key.map((k) => k.split("::")[0]!);
    return this.db.read(async (em) => {
      const where = [...filter.where];
      const params = [...filter.params];
      if (plan.cursor) {
        const values = decodeCursor(plan.cursor, key.length);
        const placeholders = key.map((k, i) => `$${params.push(values[i])}::${k.split("::")[1]}`);
        where.push(
          `(${columns.join(", ")}) ${plan.backward ? ">" : "<"} (${placeholders.join(", ")})`,
        );
      }
      const dir = plan.backward ? "ASC" : "DESC";
      const sql = (w: string[]) => (w.length ? `WHERE ${w.join(" AND ")}` : "");
      const rows = await em.query<Record<string, unknown>[]>(
        `SELECT * FROM ${table} ${sql(where)} ORDER BY ${columns.map((c) => `${c} ${dir}`).join(", ")} LIMIT ${plan.limit + 1}`,
        params,
      );
      const [{ n }] = (await em.query(
        `SELECT count(*)::int AS n FROM ${table} ${sql(filter.where)}`,
        filter.params,
      )) as [{ n: number }];
      return toPage(rows.map(map), plan, keyOf, n);
    });
  }

  /**
   * Spends points (or credit or punches) on a catalog reward. The account row is locked, and the
   * burn itself is a conditional update, so parallel redemptions can never overdraw.
   */
  redeem(
    actor: RequestActor,
    input: CustomerRef & { rewardId: string },
    key?: string | null,
  ): Promise<RedemptionRow> {
    return this.db.transaction((em) =>
      idempotent(em, {
        caller: actor.caller,
        key,
        operation: "redeemReward",
        request: input,
        now: this.clock.now(),
        store: (r) => ({ id: r.id }),
        replay: ({ id }: { id: string }) => this.redemptionIn(em, id),
        effect: async () => {
          const now = this.clock.now();
          const customer = await CustomersService.resolveRef(em, input);
          const reward = await this.programs.rewardIn(em, input.rewardId);
          if (reward.status !== "active")
            throw conflict("This reward is no longer offered", "REWARD_ARCHIVED");
          const program = await this.programs.getIn(em, reward.programId);
          if (program.status !== "active")
            throw conflict(`The program is ${program.status}`, "PROGRAM_NOT_ACTIVE");
          // A spend program's balance is the cumulative spend its thresholds unlock on, and a
          // paid membership's the fees paid: their rewards are granted (thresholds,
          // anniversaries), never bought, or spending would undo thresholds or refund fees.
          if (programUnit(program.type) === "spend")
            throw conflict(
              `"${reward.name}" is granted by its ${program.type.replace("_", " ")} program, not bought: its balance is not spendable`,
              "NOT_REDEEMABLE",
            );
          const account = await this.ledger.lockAccount(em, program.id, customer.id);
          if (!account || account.status !== "enrolled")
            throw conflict("The customer is not a member of this program", "NOT_ENROLLED");
          const [{ n: redeemed }] = (await em.query(
            `SELECT count(*)::int AS n FROM redemptions WHERE reward_id = $1 AND customer_id = $2 AND status = 'issued'`,
            [reward.id, customer.id],
          )) as [{ n: number }];
          const segments = await em.query<{ segment_id: string }[]>(
            `SELECT segment_id FROM segment_members WHERE customer_id = $1`,
            [customer.id],
          );
          const check = checkRedemption(reward as never, {
            now,
            tierCode: account.tierCode,
            segmentIds: segments.map((s) => s.segment_id),
            redeemedByCustomer: redeemed,
            balance: account.balance,
            minimumPayoutMinor:
              program.config.type === "cashback" ? program.config.minimumPayoutMinor : 0,
            allowNegative: false,
          });
          if (!check.ok)
            throw conflict(`Cannot redeem "${reward.name}": ${check.message}`, check.code);
          if (reward.stock !== null) {
            const taken = returnedRows(
              await em.query(
                `UPDATE rewards SET stock = stock - 1, updated_at = $2 WHERE id = $1 AND stock > 0 RETURNING id`,
                [reward.id, now],
              ),
            );
            if (!taken.length) throw conflict("This reward is out of stock", "OUT_OF_STOCK");
          }
          const id = randomUUID();
          const code = redemptionCode();
          const [row] = await em.query<Record<string, unknown>[]>(
            `INSERT INTO redemptions (id, program_id, customer_id, reward_id, code, cost, status, source, description, actor, created_at)
             VALUES ($1,$2,$3,$4,$5,$6,'issued','redeem',$7,$8,$9) RETURNING *`,
            [
              id,
              program.id,
              customer.id,
              reward.id,
              code,
              reward.cost,
              reward.name,
              actor.caller,
              now,
            ],
          );
          if (reward.cost > 0)
            await this.ledger.post(em, account, {
              kind: "burn",
              amount: -reward.cost,
              reason: `Redeemed: ${reward.name}`,
              actor: actor.caller,
              occurredAt: now,
              redemptionId: id,
              requireCover: true,
            });
          await emit(
            em,
            "loyalty.reward_redeemed",
            customer.id,
            {
              programId: program.id,
              rewardId: reward.id,
              redemptionId: id,
              code,
              cost: reward.cost,
            },
            now,
          );
          return toRedemption(row!);
        },
      }),
    );
  }

  private async redemptionIn(em: EntityManager, id: string): Promise<RedemptionRow> {
    const [row] = await em.query<Record<string, unknown>[]>(
      `SELECT * FROM redemptions WHERE id = $1`,
      [assertId(id, "redemptionId")],
    );
    if (!row) throw notFound("Redemption");
    return toRedemption(row);
  }

  /** Cancels an issued redemption and gives back what it cost (and the stock it took). */
  cancelRedemption(
    actor: RequestActor,
    redemptionId: string,
    reason: string,
    key?: string | null,
  ): Promise<RedemptionRow> {
    if (!reason.trim())
      throw badInput("A reason is required", [{ path: "reason", message: "must not be empty" }]);
    return this.db.transaction((em) =>
      idempotent(em, {
        caller: actor.caller,
        key,
        operation: "cancelRedemption",
        request: { redemptionId, reason },
        now: this.clock.now(),
        store: (r) => ({ id: r.id }),
        replay: ({ id }: { id: string }) => this.redemptionIn(em, id),
        effect: async () => {
          const now = this.clock.now();
          const current = await this.redemptionIn(em, redemptionId);
          const [row] = returnedRows<Record<string, unknown>>(
            await em.query(
              `UPDATE redemptions SET status = 'cancelled', cancelled_at = $2, cancel_reason = $3 WHERE id = $1 AND status = 'issued' RETURNING *`,
              [current.id, now, reason.trim()],
            ),
          );
          if (!row) throw conflict("The redemption was already cancelled", "ALREADY_CANCELLED");
          if (current.rewardId)
            await em.query(
              `UPDATE rewards SET stock = stock + 1 WHERE id = $1 AND stock IS NOT NULL`,
              [current.rewardId],
            );
          const program = await this.programs.getIn(em, current.programId);
          const account = await this.ledger.lockAccount(em, program.id, current.customerId);
          if (current.cost > 0 && account)
            await this.ledger.post(em, account, {
              kind: "reverse",
              amount: current.cost,
              reason: `Redemption cancelled: ${reason.trim()}`,
              actor: actor.caller,
              occurredAt: now,
              redemptionId: current.id,
              expiresAt:
                "earning" in program.config
                  ? lotExpiresAt(program.config.earning.expiry, now)
                  : null,
            });
          await emit(
            em,
            "loyalty.redemption_cancelled",
            current.customerId,
            { programId: program.id, redemptionId: current.id, refunded: current.cost },
            now,
          );
          const cancelled = toRedemption(row);
          await audit.record(
            em,
            {
              entityType: "redemption",
              entityId: current.id,
              action: "cancelled",
              before: {
                status: current.status,
                customerId: current.customerId,
                programId: current.programId,
              },
              after: { status: cancelled.status, reason: reason.trim(), refunded: current.cost },
            },
            now,
          );
          return cancelled;
        },
      }),
    );
  }

  /** A manual correction by an admin: always with a reason, never below zero unless allowed. */
  adjust(
    actor: RequestActor,
    input: CustomerRef & { programId: string; amount: number; reason: string },
    key?: string | null,
  ): Promise<LedgerEntryRow> {
    const problems = [];
    if (!Number.isSafeInteger(input.amount) || input.amount === 0)
      problems.push({ path: "amount", message: "must be a non-zero whole number" });
    if (!input.reason.trim()) problems.push({ path: "reason", message: "must not be empty" });
    if (input.reason.length > 500)
      problems.push({ path: "reason", message: "at most 500 characters" });
    assertNoProblems(problems, "Invalid adjustment");
    return this.db.transaction((em) =>
      idempotent(em, {
        caller: actor.caller,
        key,
        operation: "adjustBalance",
        request: input,
        now: this.clock.now(),
        store: (e) => ({ id: e.id }),
        replay: async ({ id }: { id: string }) => {
          const [row] = await em.query<Record<string, unknown>[]>(
            `SELECT * FROM ledger_entries WHERE id = $1`,
            [id],
          );
          return toLedgerEntry(row!);
        },
        effect: async () => {
          const now = this.clock.now();
          const customer = await CustomersService.resolveRef(em, input);
          const program = await this.programs.getIn(em, input.programId);
          if (program.status === "archived")
            throw conflict("An archived program cannot change", "PROGRAM_NOT_ACTIVE");
          const account =
            (await this.ledger.lockAccount(em, program.id, customer.id)) ??
            (await this.ledger.ensureAccount(em, program.id, customer.id, now));
          const balanceBefore = account.balance;
          const entry = await this.ledger.post(em, account, {
            kind: "adjust",
            amount: input.amount,
            reason: input.reason.trim(),
            actor: actor.caller,
            occurredAt: now,
            requireCover: program.config.refundPolicy !== "allow_negative",
            expiresAt:
              input.amount > 0 && "earning" in program.config
                ? lotExpiresAt(program.config.earning.expiry, now)
                : null,
          });
          await audit.record(
            em,
            {
              entityType: "loyalty_account",
              entityId: accountAuditId(program.id, customer.id),
              action: "balance_adjusted",
              before: { balance: balanceBefore },
              after: {
                balance: balanceBefore + input.amount,
                amount: input.amount,
                reason: input.reason.trim(),
                ledgerEntryId: entry.id,
              },
            },
            now,
          );
          return entry;
        },
      }),
    );
  }

  /** Holds a tier until a date, whatever the customer qualifies for; recorded, never silent. */
  async setTierOverride(
    actor: RequestActor,
    input: CustomerRef & {
      programId: string;
      tierCode?: string | null;
      until?: Date | null;
      reason: string;
    },
  ): Promise<AccountRow> {
    const problems = [];
    if (!input.reason.trim()) problems.push({ path: "reason", message: "must not be empty" });
    if (input.tierCode && (!input.until || input.until <= this.clock.now()))
      problems.push({ path: "until", message: "an override needs an end date in the future" });
    assertNoProblems(problems, "Invalid tier override");
    return this.db.transaction(async (em) => {
      const customer = await CustomersService.resolveRef(em, input);
      const program = await this.programs.getIn(em, input.programId);
      if (program.config.type !== "tiered")
        throw badInput("Only tiered programs have tiers", [
          { path: "programId", message: `is a ${program.type} program` },
        ]);
      if (input.tierCode && !program.config.tiers.some((t) => t.code === input.tierCode))
        throw badInput(`"${input.tierCode}" is not a tier of this program`, [
          { path: "tierCode", message: "unknown tier" },
        ]);
      const account =
        (await this.ledger.lockAccount(em, program.id, customer.id)) ??
        (await this.ledger.ensureAccount(em, program.id, customer.id, this.clock.now()));
      const previous = { tierCode: account.tierCode, tierOverride: account.tierOverride };
      const override = input.tierCode
        ? {
            tierCode: input.tierCode,
            until: input.until!,
            reason: input.reason.trim(),
            by: actor.caller,
          }
        : null;
      await em.query(
        `UPDATE loyalty_accounts SET tier_override = $3, updated_at = $4 WHERE program_id = $1 AND customer_id = $2`,
        [program.id, customer.id, override ? JSON.stringify(override) : null, this.clock.now()],
      );
      // The override is part of the audit trail: a zero entry says who set what and why.
      await this.ledger.post(em, account, {
        kind: "adjust",
        amount: 0,
        reason: override
          ? `Tier override to ${override.tierCode} until ${override.until.toISOString().slice(0, 10)}: ${override.reason}`
          : `Tier override removed: ${input.reason.trim()}`,
        actor: actor.caller,
        occurredAt: this.clock.now(),
        details: { tierOverride: override },
      });
      if (override && override.tierCode !== account.tierCode)
        await this.earning.setTier(
          em,
          program,
          account,
          override.tierCode,
          null,
          `override: ${override.reason}`,
        );
      const after = (await this.ledger.lockAccount(em, program.id, customer.id))!;
      await audit.record(
        em,
        {
          entityType: "loyalty_account",
          entityId: accountAuditId(program.id, customer.id),
          action: override ? "tier_override_set" : "tier_override_removed",
          before: previous,
          after: {
            tierCode: after.tierCode,
            tierOverride: after.tierOverride,
            reason: input.reason.trim(),
          },
        },
        this.clock.now(),
      );
      return after;
    });
  }

  async awardBonus(
    actor: RequestActor,
    input: CustomerRef & { programId: string; action: string },
    key?: string | null,
  ): Promise<number> {
    return this.db.transaction((em) =>
      idempotent(em, {
        caller: actor.caller,
        key,
        operation: "awardBonus",
        request: input,
        now: this.clock.now(),
        store: (n) => ({ n }),
        replay: async ({ n }: { n: number }) => n,
        effect: async () => {
          const customer = await CustomersService.resolveRef(em, input);
          const program = await this.programs.getIn(em, input.programId);
          if (program.status !== "active")
            throw conflict(`The program is ${program.status}`, "PROGRAM_NOT_ACTIVE");
          const account = await this.ledger.lockAccount(em, program.id, customer.id);
          if (!account || account.status !== "enrolled")
            throw conflict("The customer is not a member of this program", "NOT_ENROLLED");
          const builtIn = ["signup", "birthday", "survey_answered", "referral"];
          const action = builtIn.includes(input.action)
            ? (input.action as "signup")
            : { custom: input.action };
          const points = await this.earning.awardBonus(
            em,
            program,
            account,
            action,
            this.clock.now(),
            actor.caller,
          );
          if (points === 0)
            throw badInput(`The program has no "${input.action}" bonus`, [
              { path: "action", message: "no such bonus in this program" },
            ]);
          await audit.recordForAdmins(
            em,
            {
              entityType: "loyalty_account",
              entityId: accountAuditId(program.id, customer.id),
              action: "bonus_awarded",
              after: { bonus: input.action, points },
            },
            this.clock.now(),
          );
          return points;
        },
      }),
    );
  }

  /** What an order would earn, and why, without writing anything. */
  async simulate(input: {
    programId?: string | null;
    config?: unknown;
    currency?: string | null;
    tierCode?: string | null;
    customer?: CustomerRef | null;
    order: OrderInput & { occurredAt?: Date | null };
  }) {
    assertNoProblems(
      validateOrder(input.order).map((p) => ({ ...p, path: `order.${p.path}` })),
      "Invalid order",
    );
    return this.db.read(async (em) => {
      const saved = input.programId ? await this.programs.getIn(em, input.programId) : null;
      let config = saved?.config;
      if (input.config !== undefined && input.config !== null) {
        // A draft configuration, tried out on its own or as an edit of a saved program.
        const checked = validateProgramConfig(input.config);
        if (!checked.ok)
          assertNoProblems(
            checked.problems.map((p) => ({ ...p, path: p.path ? `config.${p.path}` : "config" })),
            "Invalid program",
          );
        config = (checked as { config: ProgramConfig }).config;
        if (saved && config.type !== saved.type)
          throw badInput("A program's type cannot change", [
            { path: "config.type", message: `must stay ${saved.type}` },
          ]);
      }
      if (!config)
        throw badInput("Give a programId, a config, or both", [
          { path: "config", message: "is required without a programId" },
        ]);
      const program: ProgramRow = saved
        ? { ...saved, config }
        : {
            id: "00000000-0000-0000-0000-000000000000",
            name: "draft",
            description: null,
            type: config.type,
            status: "draft",
            currency: input.currency ?? input.order.currency,
            validFrom: null,
            validUntil: null,
            config,
            version: 0,
            createdBy: "",
            createdAt: this.clock.now(),
            updatedAt: this.clock.now(),
          };
      const at = input.order.occurredAt ?? this.clock.now();
      let account: AccountRow | null = null;
      if (input.customer && (input.customer.customerId || input.customer.customerExternalId)) {
        const customer = await CustomersService.resolveRef(em, input.customer, "customer", "read");
        if (saved) account = await this.ledger.lockAccount(em, program.id, customer.id);
      }
      const ctx = await this.earning.earnContext(em, program, account, at);
      if (saved && !account && (config.type === "points" || config.type === "tiered")) {
        // No customer: the saved program's running campaigns for everyone apply.
        ctx.campaigns = (await this.programs.campaignsOf([saved.id]))
          .filter((c) => c.status === "active" && !c.segmentId && c.startsAt <= at && c.endsAt > at)
          .map((c) => ({
            id: c.id,
            name: c.name,
            multiplier: c.multiplier,
            bonusPoints: c.bonusPoints,
            stacking: c.stacking,
            capPerCustomer: c.capPerCustomer,
          }));
      }
      if (input.tierCode) {
        if (config.type !== "tiered" || !config.tiers.some((t) => t.code === input.tierCode))
          throw badInput(`"${input.tierCode}" is not a tier of this program`, [
            { path: "tierCode", message: "unknown tier" },
          ]);
        ctx.tierCode = input.tierCode;
      }
      const totals = orderTotals(input.order);
      const outcome = earnForOrder(
        program.config,
        {
          netMinor: totals.netMinor,
          currency: input.order.currency,
          occurredAt: at,
          lines: input.order.lines.map((l) => ({
            category: l.category ?? null,
            amountMinor: l.amountMinor,
            discountMinor: l.discountMinor ?? 0,
          })),
        },
        ctx,
      );
      const sum = (f: (i: (typeof outcome.intents)[number]) => number) =>
        outcome.intents.filter((i) => i.kind !== "burn").reduce((s, i) => s + f(i), 0);
      return {
        unit: programUnit(program.type),
        earned: sum((i) => i.amount),
        pending: sum((i) => i.pendingDelta),
        explanation: outcome.explanation,
        completedCards: outcome.completedCards,
        unlockedThresholds: outcome.unlockedThresholds,
        entries: outcome.intents,
      };
    });
  }

  /** Accounts whose projections disagree with their ledger or lots. Empty means all is well. */
  async checkLedger(): Promise<
    {
      programId: string;
      customerId: string;
      balance: number;
      ledgerBalance: number;
      pending: number;
      ledgerPending: number;
      lots: number;
    }[]
  > {
    const rows = await this.db.read((em) =>
      em.query<Record<string, string>[]>(
        `SELECT a.program_id, a.customer_id, a.balance, a.pending,
           coalesce(l.balance, 0) AS ledger_balance, coalesce(l.pending, 0) AS ledger_pending,
           coalesce(lots.available, 0) AS lots_available, coalesce(lots.pending, 0) AS lots_pending
         FROM loyalty_accounts a
         LEFT JOIN (SELECT program_id, customer_id, sum(amount) AS balance, sum(pending_delta) AS pending
                    FROM ledger_entries GROUP BY program_id, customer_id) l
           ON l.program_id = a.program_id AND l.customer_id = a.customer_id
         LEFT JOIN (SELECT program_id, customer_id,
                      sum(remaining) FILTER (WHERE state = 'available') AS available,
                      sum(remaining) FILTER (WHERE state = 'pending') AS pending
                    FROM ledger_lots GROUP BY program_id, customer_id) lots
           ON lots.program_id = a.program_id AND lots.customer_id = a.customer_id
         WHERE a.balance <> coalesce(l.balance, 0) OR a.pending <> coalesce(l.pending, 0)
            OR greatest(a.balance, 0) <> coalesce(lots.available, 0) OR a.pending <> coalesce(lots.pending, 0)`,
      ),
    );
    return rows.map((r) => ({
      programId: r.program_id!,
      customerId: r.customer_id!,
      balance: Number(r.balance),
      ledgerBalance: Number(r.ledger_balance),
      pending: Number(r.pending),
      ledgerPending: Number(r.ledger_pending),
      lots: Number(r.lots_available),
    }));
  }

  /** Customers whose usual reorder interval has passed: the reorder-reminder list. */
  async reorderDue(args: { first?: number | null; slackFactor?: number | null }) {
    const limit = Math.min(Math.max(args.first ?? 50, 1), 200);
    const slack = args.slackFactor ?? 1;
    if (!(slack >= 0.5 && slack <= 5))
      throw badInput("Invalid slack factor", [
        { path: "slackFactor", message: "must be between 0.5 and 5" },
      ]);
    const now = this.clock.now();
    return this.db.read(async (em) => {
      // SQL applies the domain rule (reorderDue) itself, so LIMIT pages through due customers
      // only, most overdue first: UTC order days, the median gap rounded half up, due once the
      // days since the last order day reach ceil(interval × slack). The domain then computes
      // each row's figures, so the list and the customer page never disagree.
      const rows = await em.query<{ customer_id: string; days: string[] }[]>(
        `WITH days AS (
           SELECT DISTINCT customer_id, (occurred_at AT TIME ZONE 'UTC')::date AS d FROM events WHERE type = 'order'),
         gaps AS (
           SELECT customer_id, d, d - lag(d) OVER (PARTITION BY customer_id ORDER BY d) AS gap FROM days),
         stats AS (
           SELECT customer_id, max(d) AS last_day, array_agg(to_char(d, 'YYYY-MM-DD') ORDER BY d) AS days,
             floor(percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) + 0.5) AS interval_days
           FROM gaps GROUP BY customer_id HAVING count(*) >= 3),
         due AS (
           SELECT customer_id, days, ($1::timestamptz AT TIME ZONE 'UTC')::date - last_day AS since,
             ceil(interval_days * $2::float8) AS threshold
           FROM stats)
         SELECT customer_id, days FROM due
         WHERE since >= threshold
         ORDER BY since - threshold DESC, customer_id
         LIMIT $3`,
        [now, slack, limit],
      );
      return rows
        .map((r) => ({
          customerId: r.customer_id,
          ...reorderDue(
            r.days.map((d) => new Date(`${d}T00:00:00Z`)),
            now,
            slack,
          ),
        }))
        .filter((r) => r.due);
    });
  }
}

/** A loyalty account has no id of its own: the audit log names it by program and customer. */
export function accountAuditId(programId: string, customerId: string): string {
  return `${programId}:${customerId}`;
}
