import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import {
  applySubscriptionChange,
  bonusPoints,
  earnForOrder,
  lotExpiresAt,
  qualificationWindowStart,
  referralReward,
  refundReversal,
  tierAfterEarning,
  type BonusAction,
  type ConfigOf,
  type EarnContext,
  type EarnOutcome,
  type OrderForEarning,
  type ProgramConfig,
  type SubscriptionChange,
} from "@trouw/domain";
import type { Clock } from "../../common/clock";
import { queryPrepared } from "../../db/database";
import type { EventEntity } from "../events/event.entity";
import type { AppendLock } from "../events/events.service";
import { redemptionCode } from "./codes";
import { AccountsLock, type Ledger, type QualifyingWindow } from "./ledger";
import { emit, outboxInsert } from "./outbox";
import type { ProgramsService } from "./programs.service";
import type { AccountRow, ProgramRow } from "./rows";

const SYSTEM = "system";

const sameIds = (ids: string[], programs: ProgramRow[]) =>
  ids.length === programs.length && programs.every((p, i) => p.id === ids[i]);

/** A granted reward and its outbox row; $13, when given, full punch cards to count. */
const grantSql = (cards: boolean) =>
  `WITH reward AS (
     INSERT INTO redemptions (id, program_id, customer_id, reward_id, code, cost, status, source, milestone, description, actor, created_at)
     VALUES ($1, $2, $3, $4, $5, 0, 'issued', $6, $7, $8, $9, $10))${
       cards
         ? `, card AS (
     UPDATE loyalty_accounts SET completed_cards = completed_cards + $13 WHERE program_id = $2 AND customer_id = $3)`
         : ""
     }
   ${outboxInsert("$11", "$3", "$12", "$10")}`;
const GRANT = grantSql(false);
const SET_TIER = `WITH tier AS (
    UPDATE loyalty_accounts SET tier_code = $3, tier_since = $4, updated_at = $4 WHERE program_id = $1 AND customer_id = $2)
  ${outboxInsert("$5", "$2", "$6", "$4")}`;
const GRANT_FOR_CARDS = grantSql(true);

interface OrderPayloadLine {
  category?: string | null;
  amountMinor?: number;
  discountMinor?: number;
}

export function orderForEarning(event: EventEntity): OrderForEarning {
  const lines = (event.payload.lines as OrderPayloadLine[] | undefined) ?? [];
  return {
    netMinor: event.amountMinor ?? 0,
    currency: event.currency ?? "",
    occurredAt: event.occurredAt,
    lines: lines.map((l) => ({
      category: l.category ?? null,
      amountMinor: l.amountMinor ?? 0,
      discountMinor: l.discountMinor ?? 0,
    })),
  };
}

/**
 * Automatic earning: runs inside the transaction that appends an event, so an order and the
 * points it earns commit together, and a replayed order (same idempotency key) earns nothing.
 */
export class EarningService {
  constructor(
    private readonly clock: Clock,
    private readonly programs: ProgramsService,
    private readonly ledger: Ledger,
  ) {}

  async onEvent(em: EntityManager, event: EventEntity, lock?: AppendLock): Promise<void> {
    if (event.type === "order") await this.onOrder(em, event, lock);
    else if (event.type === "refund") await this.onRefund(em, event);
    else if (event.type === "subscription") await this.onSubscription(em, event);
    else if (event.type === "referral") await this.onReferral(em, event);
  }

  /** The context the earn rules need: tier, campaigns and their caps, period and card state. */
  async earnContext(
    em: EntityManager,
    program: ProgramRow,
    account: AccountRow | null,
    at: Date,
  ): Promise<EarnContext> {
    const config = program.config;
    const ctx: EarnContext = {
      now: this.clock.now(),
      programCurrency: program.currency,
      tierCode: config.type === "tiered" ? (account?.tierCode ?? config.tiers[0]!.code) : null,
      campaigns: [],
      campaignEarned: {},
      periodCreditedMinor: 0,
      punches: config.type === "punch_card" ? (account?.balance ?? 0) : 0,
      cumulativeSpendMinor: config.type === "spend" ? (account?.balance ?? 0) : 0,
      reachedThresholds: account?.reachedThresholds ?? [],
    };
    if (!account) return ctx;
    if (config.type === "points" || config.type === "tiered") {
      const campaigns = await this.programs.campaignsFor(em, program.id, account.customerId, at);
      ctx.campaigns = campaigns.map((c) => ({
        id: c.id,
        name: c.name,
        multiplier: c.multiplier,
        bonusPoints: c.bonusPoints,
        stacking: c.stacking,
        capPerCustomer: c.capPerCustomer,
      }));
      const capped = campaigns.filter((c) => c.capPerCustomer != null).map((c) => c.id);
      if (capped.length) {
        const rows = await em.query<{ campaign_id: string; n: string }[]>(
          `SELECT campaign_id, sum(amount + pending_delta)::bigint AS n FROM ledger_entries
           WHERE customer_id = $1 AND campaign_id = ANY($2) GROUP BY campaign_id`,
          [account.customerId, capped],
        );
        ctx.campaignEarned = Object.fromEntries(rows.map((r) => [r.campaign_id, Number(r.n)]));
      }
    }
    if (config.type === "cashback" && config.perPeriodCap) {
      const start = periodStart(at, config.perPeriodCap.period);
      const [row] = await em.query<{ n: string }[]>(
        `SELECT coalesce(sum(amount + pending_delta), 0)::bigint AS n FROM ledger_entries
         WHERE program_id = $1 AND customer_id = $2 AND kind IN ('earn', 'pending') AND occurred_at >= $3`,
        [program.id, account.customerId, start],
      );
      ctx.periodCreditedMinor = Number(row!.n);
    }
    return ctx;
  }

  /** The programs an order earns in (not referral, nor membership); another currency, none. */
  private earningPrograms(programs: ProgramRow[], currency: string | null): ProgramRow[] {
    return programs.filter(
      (p) => p.type !== "referral" && p.type !== "paid_membership" && p.currency === currency,
    );
  }

  /**
   * For an order about to be appended: the accounts it will earn in, to be locked by the
   * order's own insert statement (`EventsService.lockWith`) instead of a statement of their own.
   */
  async lockFor(em: EntityManager, event: EventEntity): Promise<AppendLock | null> {
    if (event.type !== "order") return null;
    const programs = await this.programs.activeIn(em, event.occurredAt);
    const earning = this.earningPrograms(programs, event.currency);
    return earning.length ? this.ledger.accountsLock(earning.map((p) => p.id)) : null;
  }

  private async onOrder(em: EntityManager, event: EventEntity, lock?: AppendLock): Promise<void> {
    const programs = await this.programs.activeIn(em, event.occurredAt);
    if (!programs.length) return;
    const order = orderForEarning(event);
    for (const program of programs.filter((p) => p.type === "referral"))
      await this.referralOnOrder(em, program, event, order);
    // Orders in another currency neither earn nor enrol.
    const earning = this.earningPrograms(programs, order.currency);
    if (!earning.length) return;
    const locked =
      lock instanceof AccountsLock && sameIds(lock.programIds, earning) ? lock.accounts() : null;
    const accounts = await this.accountsFor(
      em,
      earning,
      event.customerId,
      event.occurredAt,
      locked,
    );
    const earned: { program: ProgramRow; account: AccountRow; outcome: EarnOutcome }[] = [];
    for (const program of earning) {
      const account = accounts.get(program.id);
      if (!account) continue;
      const ctx = await this.earnContext(em, program, account, event.occurredAt);
      earned.push({ program, account, outcome: earnForOrder(program.config, order, ctx) });
    }
    await this.apply(em, earned, event);
  }

  /**
   * The customer's enrolled accounts in these programs, locked in one statement, enrolling them
   * in the auto-enrol programs they are not in yet (with the signup bonus). Customers who left a
   * program are not enrolled again by an order.
   */
  private async accountsFor(
    em: EntityManager,
    programs: ProgramRow[],
    customerId: string,
    at: Date,
    /** The accounts already locked by the order's insert statement. */
    locked: Map<string, AccountRow> | null = null,
  ): Promise<Map<string, AccountRow>> {
    const found =
      locked ??
      (await this.ledger.lockAccounts(
        em,
        programs.map((p) => p.id),
        customerId,
      ));
    const missing = programs.filter((p) => !found.has(p.id) && p.config.autoEnrol);
    if (missing.length) {
      const created = await this.ledger.createAccounts(
        em,
        missing.map((p) => ({ programId: p.id, tierCode: initialTier(p) })),
        customerId,
        this.clock.now(),
      );
      for (const program of missing) {
        const account =
          created.get(program.id) ?? (await this.ledger.lockAccount(em, program.id, customerId));
        if (!account) continue;
        found.set(program.id, account);
        if (created.has(program.id))
          await this.awardBonus(em, program, account, "signup", at, SYSTEM);
      }
    }
    return new Map([...found].filter(([, a]) => a.status === "enrolled"));
  }

  /** Enrols and credits the signup bonus the first time. */
  async enrol(
    em: EntityManager,
    program: ProgramRow,
    customerId: string,
    at: Date,
    actor: string,
  ): Promise<AccountRow> {
    const before = await this.ledger.lockAccount(em, program.id, customerId);
    const account = await this.ledger.ensureAccount(
      em,
      program.id,
      customerId,
      this.clock.now(),
      initialTier(program),
    );
    if (!before) await this.awardBonus(em, program, account, "signup", at, actor);
    return account;
  }

  async awardBonus(
    em: EntityManager,
    program: ProgramRow,
    account: AccountRow,
    action: BonusAction | { custom: string },
    at: Date,
    actor: string,
    sourceEventId: string | null = null,
    details: Record<string, unknown> = {},
  ): Promise<number> {
    const bonus = bonusPoints(program.config, action);
    if (!bonus || bonus.points <= 0) return 0;
    await this.ledger.post(em, account, {
      kind: "earn",
      amount: bonus.points,
      reason: bonus.explanation,
      actor,
      occurredAt: at,
      sourceEventId,
      expiresAt: this.expiry(program.config, at),
      details: { ...details, bonus: typeof action === "string" ? action : action.custom },
    });
    await this.tierAfterEarning(em, program, account, at);
    return bonus.points;
  }

  private expiry(config: ProgramConfig, at: Date): Date | null {
    return "earning" in config ? lotExpiresAt(config.earning.expiry, at) : null;
  }

  /**
   * Posts what the earn rules decided in every program at once (one statement for the credits
   * of all of them), then follows up per program: completed cards, unlocked thresholds, tiers.
   */
  private async apply(
    em: EntityManager,
    earned: { program: ProgramRow; account: AccountRow; outcome: EarnOutcome }[],
    event: EventEntity,
  ): Promise<void> {
    const now = this.clock.now();
    // Tiers the order may upgrade: their qualifying values come with the credits' statement.
    const windows = new Map<AccountRow, QualifyingWindow>();
    for (const { program, account, outcome } of earned) {
      const window = outcome.intents.length ? this.qualifyingWindow(program, account, now) : null;
      if (window) windows.set(account, window);
    }
    await this.ledger.postMany(
      em,
      earned.flatMap(({ account, outcome }) =>
        outcome.intents.map((intent, i) => ({
          account,
          entry: {
            kind: intent.kind,
            amount: intent.amount,
            pendingDelta: intent.pendingDelta,
            reason: intent.reason,
            actor: SYSTEM,
            occurredAt: event.occurredAt,
            sourceEventId: event.id,
            campaignId: intent.campaignId ?? null,
            unlockAt: intent.unlockAt ?? null,
            expiresAt: intent.expiresAt ?? null,
            details: i === 0 ? { explanation: outcome.explanation, orderRef: event.orderRef } : {},
          },
        })),
      ),
      [...windows.values()],
    );
    for (const { program, account, outcome } of earned)
      await this.afterEarning(em, program, account, outcome, now, windows.get(account)?.value);
  }

  /** The window a tier upgrade would be decided on, when one is possible (points basis). */
  private qualifyingWindow(
    program: ProgramRow,
    account: AccountRow,
    at: Date,
  ): QualifyingWindow | null {
    const config = program.config;
    if (config.type !== "tiered" || config.qualification.basis !== "points_earned") return null;
    if (account.tierCode === config.tiers.at(-1)!.code) return null;
    const from = qualificationWindowStart(config.qualification.window, at);
    return { account, from, to: at, value: null };
  }

  private async afterEarning(
    em: EntityManager,
    program: ProgramRow,
    account: AccountRow,
    outcome: EarnOutcome,
    now: Date,
    /** The tier's qualifying value, when the credits' statement computed it. */
    qualifying: number | null = null,
  ): Promise<void> {
    const config = program.config;
    if (outcome.completedCards > 0 && config.type === "punch_card") {
      await this.grant(
        em,
        program,
        account.customerId,
        {
          source: "punch_card",
          milestone: null,
          rewardId: config.rewardId ?? null,
          description: config.rewardDescription,
        },
        outcome.completedCards,
      );
      account.completedCards += outcome.completedCards;
    }
    if (outcome.unlockedThresholds.length && config.type === "spend") {
      for (const code of outcome.unlockedThresholds) {
        const threshold = config.thresholds.find((t) => t.code === code)!;
        await this.grant(em, program, account.customerId, {
          source: "spend_threshold",
          milestone: code,
          rewardId: threshold.rewardId ?? null,
          description: threshold.rewardDescription,
        });
      }
      await em.query(
        `UPDATE loyalty_accounts SET reached_thresholds = reached_thresholds || $3::text[] WHERE program_id = $1 AND customer_id = $2`,
        [program.id, account.customerId, outcome.unlockedThresholds],
      );
      account.reachedThresholds.push(...outcome.unlockedThresholds);
    }
    // Spend moves with every order, even one that earns no points.
    const bySpend = config.type === "tiered" && config.qualification.basis === "spend";
    if (outcome.intents.length || bySpend)
      await this.tierAfterEarning(em, program, account, now, qualifying);
  }

  /**
   * A reward earned rather than bought (full card, spend threshold, anniversary): cost 0, own
   * code, announced in the outbox, and with `completedCards` the account's count of full punch
   * cards moved: one statement.
   */
  async grant(
    em: EntityManager,
    program: ProgramRow,
    customerId: string,
    g: {
      source: "punch_card" | "spend_threshold" | "anniversary";
      milestone: string | null;
      rewardId: string | null;
      description: string;
    },
    completedCards = 0,
  ): Promise<string> {
    const id = randomUUID();
    const code = redemptionCode();
    const now = this.clock.now();
    const payload = {
      programId: program.id,
      redemptionId: id,
      code,
      source: g.source,
      description: g.description,
    };
    await queryPrepared(em, completedCards > 0 ? GRANT_FOR_CARDS : GRANT, [
      id,
      program.id,
      customerId,
      g.rewardId,
      code,
      g.source,
      g.milestone,
      g.description,
      SYSTEM,
      now,
      "loyalty.reward_granted",
      JSON.stringify(payload),
      ...(completedCards > 0 ? [completedCards] : []),
    ]);
    return id;
  }

  /** Points earned (or spend) in the qualification window: never the spendable balance. */
  async qualifyingValue(
    em: EntityManager,
    program: ProgramRow,
    customerId: string,
    at: Date,
  ): Promise<number> {
    const config = program.config as ConfigOf<"tiered">;
    const start = qualificationWindowStart(config.qualification.window, at);
    if (config.qualification.basis === "spend") {
      const [row] = await em.query<{ n: string }[]>(
        `SELECT coalesce(sum(CASE WHEN type = 'order' THEN amount_minor ELSE -amount_minor END), 0)::bigint AS n
         FROM events WHERE customer_id = $1 AND type IN ('order', 'refund') AND currency = $2 AND occurred_at >= $3 AND occurred_at <= $4`,
        [customerId, program.currency, start, at],
      );
      return Number(row!.n);
    }
    const [row] = await queryPrepared<{ n: string }[]>(
      em,
      `SELECT coalesce(sum(amount + pending_delta), 0)::bigint AS n FROM ledger_entries
       WHERE program_id = $1 AND customer_id = $2 AND kind IN ('earn', 'pending', 'reverse') AND redemption_id IS NULL
         AND occurred_at >= $3 AND occurred_at <= $4`,
      [program.id, customerId, start, at],
    );
    return Number(row!.n);
  }

  /** Upgrades happen at once; downgrades wait for the period end (maintenance job). */
  private async tierAfterEarning(
    em: EntityManager,
    program: ProgramRow,
    account: AccountRow,
    at: Date,
    known: number | null = null,
  ): Promise<void> {
    if (program.config.type !== "tiered") return;
    // Upgrades only: nothing to reach from the top tier.
    if (account.tierCode === program.config.tiers.at(-1)!.code) return;
    const value = known ?? (await this.qualifyingValue(em, program, account.customerId, at));
    const next = tierAfterEarning(program.config.tiers, account.tierCode, value);
    if (!next.changed) return;
    await this.setTier(em, program, account, next.tierCode, "up", `qualified with ${value}`);
  }

  async setTier(
    em: EntityManager,
    program: ProgramRow,
    account: AccountRow,
    tierCode: string,
    direction: "up" | "down" | null,
    why: string,
  ): Promise<void> {
    const now = this.clock.now();
    const from = account.tierCode;
    // The change and its outbox row in one statement.
    await queryPrepared(em, SET_TIER, [
      program.id,
      account.customerId,
      tierCode,
      now,
      "loyalty.tier_changed",
      JSON.stringify({ programId: program.id, from, to: tierCode, direction, why }),
    ]);
    account.tierCode = tierCode;
    account.tierSince = now;
  }

  private async onRefund(em: EntityManager, refund: EventEntity): Promise<void> {
    const [order] = await em.query<{ id: string; amount_minor: string }[]>(
      `SELECT id, amount_minor FROM events WHERE type = 'order' AND order_ref = $1`,
      [refund.orderRef],
    );
    if (!order) return;
    // Only what the order earned the refunding customer. A referee's order also earns their
    // referrer a referral reward (posted with the same source event): a refund reverses the
    // referee's own reward proportionally, like any earning, and leaves the referrer's alone.
    const earned = await em.query<{ program_id: string; earned: string }[]>(
      `SELECT program_id, sum(amount + pending_delta)::bigint AS earned FROM ledger_entries
       WHERE source_event_id = $1 AND customer_id = $2 AND kind IN ('earn', 'pending') GROUP BY program_id`,
      [order.id, refund.customerId],
    );
    if (!earned.length) return;
    const [{ before }] = (await em.query(
      `SELECT coalesce(sum(amount_minor), 0)::bigint AS before FROM events WHERE type = 'refund' AND order_ref = $1 AND id <> $2`,
      [refund.orderRef, refund.id],
    )) as [{ before: string }];
    const programs = await this.programs.byIdsIn(
      em,
      earned.map((e) => e.program_id),
    );
    for (const row of earned) {
      const program = programs.find((p) => p.id === row.program_id)!;
      const account = await this.ledger.lockAccount(em, program.id, refund.customerId);
      if (!account) continue;
      const [reversed] = await em.query<{ n: string }[]>(
        // Written-off shortfalls count as reversed: they are never collected later.
        `SELECT coalesce(sum(-(amount + pending_delta) + coalesce((details ->> 'shortfall')::bigint, 0)), 0)::bigint AS n FROM ledger_entries
         WHERE program_id = $1 AND customer_id = $2 AND kind = 'reverse' AND details ->> 'orderEventId' = $3`,
        [program.id, account.customerId, order.id],
      );
      const [pendingLeft] = await em.query<{ n: string }[]>(
        `SELECT coalesce(sum(remaining), 0)::bigint AS n FROM ledger_lots WHERE source_event_id = $1 AND program_id = $2 AND state = 'pending'`,
        [order.id, program.id],
      );
      const decision = refundReversal({
        earnedForOrder: Number(row.earned),
        orderNetMinor: Number(order.amount_minor),
        refundedBeforeMinor: Number(before),
        refundMinor: refund.amountMinor ?? 0,
        reversedBefore: Number(reversed!.n),
        pendingLeft: Number(pendingLeft!.n),
        balance: account.balance,
        policy: program.config.refundPolicy,
      });
      const details = {
        orderEventId: order.id,
        orderRef: refund.orderRef,
        explanation: decision.explanation,
      };
      if (decision.fromPending > 0)
        await this.ledger.post(em, account, {
          kind: "reverse",
          amount: 0,
          pendingDelta: -decision.fromPending,
          reason: `Refund of order ${refund.orderRef}`,
          actor: SYSTEM,
          occurredAt: refund.occurredAt,
          sourceEventId: refund.id,
          preferLotsOf: order.id,
          details,
        });
      if (decision.fromBalance > 0 || decision.shortfall > 0)
        await this.ledger.post(em, account, {
          kind: "reverse",
          amount: -decision.fromBalance,
          reason: `Refund of order ${refund.orderRef}`,
          actor: SYSTEM,
          occurredAt: refund.occurredAt,
          sourceEventId: refund.id,
          details: decision.shortfall ? { ...details, shortfall: decision.shortfall } : details,
        });
    }
  }

  private async onSubscription(em: EntityManager, event: EventEntity): Promise<void> {
    const plan = event.payload.plan as string | undefined;
    const change = event.payload.change as SubscriptionChange | undefined;
    if (!plan || !change) return;
    const programs = (await this.programs.activeIn(em, event.occurredAt)).filter(
      (p) => p.config.type === "paid_membership" && p.config.plan === plan,
    );
    for (const program of programs) {
      const config = program.config as ConfigOf<"paid_membership">;
      const account =
        (await this.ledger.lockAccount(em, program.id, event.customerId)) ??
        (await this.ledger.ensureAccount(em, program.id, event.customerId, this.clock.now()));
      const before = account.membership ?? {
        state: "none" as const,
        periodEnd: null,
        autoRenew: false,
        since: null,
      };
      const after = applySubscriptionChange(before, change, event.occurredAt, config);
      await em.query(
        `UPDATE loyalty_accounts SET membership = $3, status = 'enrolled', updated_at = $4 WHERE program_id = $1 AND customer_id = $2`,
        [program.id, event.customerId, JSON.stringify(after), this.clock.now()],
      );
      account.membership = after;
      if (event.amountMinor && event.currency === program.currency)
        await this.ledger.post(em, account, {
          kind: "earn",
          amount: event.amountMinor,
          reason: `Membership fee (${change})`,
          actor: SYSTEM,
          occurredAt: event.occurredAt,
          sourceEventId: event.id,
        });
      if (before.state !== after.state)
        await emit(
          em,
          "loyalty.membership_changed",
          event.customerId,
          { programId: program.id, from: before.state, to: after.state, change },
          this.clock.now(),
        );
    }
  }

  /** Referring someone can itself earn a bonus in points programs. */
  private async onReferral(em: EntityManager, event: EventEntity): Promise<void> {
    const programs = (await this.programs.activeIn(em, event.occurredAt)).filter(
      (p) =>
        (p.config.type === "points" || p.config.type === "tiered") &&
        bonusPoints(p.config, "referral") !== null,
    );
    if (!programs.length) return;
    const accounts = await this.accountsFor(em, programs, event.customerId, event.occurredAt);
    for (const program of programs) {
      const account = accounts.get(program.id);
      if (!account) continue;
      await this.awardBonus(em, program, account, "referral", event.occurredAt, SYSTEM, event.id);
    }
  }

  /** Referral programs reward both sides when the referee's first qualifying order arrives. */
  private async referralOnOrder(
    em: EntityManager,
    program: ProgramRow,
    event: EventEntity,
    order: OrderForEarning,
  ): Promise<void> {
    const config = program.config as ConfigOf<"referral">;
    const [customer] = await em.query<{ referred_by_customer_id: string | null }[]>(
      `SELECT referred_by_customer_id FROM customers WHERE id = $1`,
      [event.customerId],
    );
    const referrerId = customer?.referred_by_customer_id;
    if (!referrerId) return;
    const orderNetMinor = order.currency === program.currency ? order.netMinor : 0;
    // Orders below the minimum (or in another currency) earn nothing and use nothing up.
    if (orderNetMinor < config.minimumOrderMinor) return;
    // The referee's account, locked before looking at their earlier orders and rewards: two
    // orders of the referee at once are rewarded one after the other, so at most once.
    const refereeAccount =
      (await this.ledger.lockAccount(em, program.id, event.customerId)) ??
      (await this.ledger.ensureAccount(em, program.id, event.customerId, this.clock.now()));
    const [{ earlier }] = (await em.query(
      `SELECT count(*)::int AS earlier FROM events
       WHERE customer_id = $1 AND type = 'order' AND id <> $2 AND currency = $3 AND amount_minor >= $4`,
      [event.customerId, event.id, program.currency, config.minimumOrderMinor],
    )) as [{ earlier: number }];
    // An earlier order qualified: it was the one rewarded (or due), never this one.
    if (earlier > 0) return;
    // Any referral reward this program already gave for one of the referee's orders (to either
    // side): the referee is never rewarded twice by the same program.
    const [{ already }] = (await em.query(
      `SELECT count(*)::int AS already FROM ledger_entries le JOIN events e ON e.id = le.source_event_id
       WHERE le.program_id = $1 AND e.customer_id = $2 AND le.details ->> 'referral' IS NOT NULL`,
      [program.id, event.customerId],
    )) as [{ already: number }];
    if (already > 0) return;
    // The referrer's account, locked (after the referee's) before counting their rewards: two
    // referees ordering at once cannot both take the referrer's last reward under the limit.
    const referrerAccount =
      (await this.ledger.lockAccount(em, program.id, referrerId)) ??
      (await this.ledger.ensureAccount(em, program.id, referrerId, this.clock.now()));
    const [{ rewarded }] = (await em.query(
      `SELECT count(*)::int AS rewarded FROM ledger_entries WHERE program_id = $1 AND customer_id = $2 AND details ->> 'referral' = 'referrer'`,
      [program.id, referrerId],
    )) as [{ rewarded: number }];
    const reward = referralReward(config, {
      isRefereeFirstQualifyingOrder: true,
      orderNetMinor,
      referrerRewardedCount: rewarded,
    });
    const sides: [AccountRow, number, "referrer" | "referee"][] = [
      [referrerAccount, reward.referrerPoints, "referrer"],
      [refereeAccount, reward.refereePoints, "referee"],
    ];
    for (const [account, points, side] of sides) {
      if (points <= 0) continue;
      await this.ledger.post(em, account, {
        kind: "earn",
        amount: points,
        reason:
          side === "referrer"
            ? "Referral reward: referred customer ordered"
            : "Welcome reward for a referred customer",
        actor: SYSTEM,
        occurredAt: event.occurredAt,
        sourceEventId: event.id,
        details: {
          referral: side,
          ...(side === "referrer" ? { refereeId: event.customerId } : {}),
          explanation: reward.explanation,
        },
      });
    }
  }
}

/** New members of a tiered program start in its first tier. */
function initialTier(program: ProgramRow): string | null {
  return program.config.type === "tiered" ? program.config.tiers[0]!.code : null;
}

export function periodStart(at: Date, period: "month" | "year"): Date {
  return period === "month"
    ? new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1))
    : new Date(Date.UTC(at.getUTCFullYear(), 0, 1));
}
