import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import {
  decideRefund,
  isCurrencyCode,
  orderPayload,
  orderTotals,
  validateOrder,
  type EventType,
  type InputProblem,
} from "@trouw/domain";
import { queryPrepared, type Database } from "../../db/database";
import type { Clock } from "../../common/clock";
import {
  AppError,
  assertNoProblems,
  badInput,
  conflict,
  isUniqueViolation,
  notFound,
} from "../../common/errors";
import { idempotent, type KeyClaim } from "../../common/idempotency";
import { isId } from "../../common/ids";
import { returnedRows } from "../../db/rows";
import { foldEvent, foldInsertedEventCtes, foldInsertedEventParams } from "../segments/facts";
import type { RequestActor } from "../../context";
import { CustomerEntity } from "../customers/customer.entity";
import { CustomersService } from "../customers/customers.service";
import { EventEntity } from "./event.entity";
import type {
  RecordOrderInput,
  RecordReferralInput,
  RecordRefundInput,
  RecordSubscriptionChangeInput,
  RecordVisitInput,
} from "./events.types";

/** Integrators' clocks drift; an event a few minutes "in the future" is tolerated. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function checkOccurredAt(occurredAt: Date | null | undefined, now: Date): InputProblem[] {
  if (occurredAt && occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    return [{ path: "occurredAt", message: "cannot be in the future" }];
  return [];
}

export type NewEvent = Omit<EventEntity, "id" | "recordedAt" | "occurredAt"> & {
  /** Given when the caller needs the id before the event exists (idempotency); new otherwise. */
  id?: string;
  occurredAt?: Date | null;
};

/**
 * Rows a listener will lock for an event (loyalty accounts), locked in the event's own insert
 * statement instead of a statement of their own.
 */
export interface AppendLock {
  /**
   * A SELECT … FOR UPDATE (in a stable order) of rows of the customer given by the SQL
   * expression `customer`, its parameters from `$first`.
   */
  sql: (first: number, customer: string) => string;
  params: unknown[];
  /** The locked rows (and the statement's own columns), once the insert statement has run. */
  rows?: Record<string, unknown>[];
}

export type AppendListener = (
  em: EntityManager,
  event: EventEntity,
  /** What `lockWith` asked for, with its rows when the insert statement locked them. */
  lock?: AppendLock,
) => Promise<void>;

/** What a listener will lock for an event about to be appended; null for nothing. */
export type AppendLocker = (em: EntityManager, event: EventEntity) => Promise<AppendLock | null>;

const EVENT_COLUMNS = `id, customer_id, type, occurred_at, recorded_at, amount_minor, discount_minor,
  currency, category, order_ref, payload`;
const INSERT_EVENT = `INSERT INTO events (${EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;
/**
 * The event of a customer given by reference ($2: id or external id), resolved in the same
 * statement, and its facts fold; with `claim`, the idempotency key's claim first (the event is
 * written only if it claimed); with `lock`, the listener's rows of that customer, locked.
 * Always one row at least: `claimed` (0 or 1), `ev_customer_id` (null: the customer is unknown
 * or erased, and nothing was written; resolveRef then says which), then the locked rows' columns
 * (one row per locked row, `pre_row` set).
 */
const insertEventFor = (
  by: "id" | "external_id",
  type: EventType,
  claim: string | null,
  lock: string | null,
) =>
  `WITH ${claim ? `${claim},` : ""}
   ev AS (
     INSERT INTO events (${EVENT_COLUMNS})
     SELECT $1, c.id, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM customers c
     WHERE c.${by} = $2${by === "id" ? "::uuid" : ""} AND c.erased_at IS NULL${claim ? " AND EXISTS (SELECT FROM claim)" : ""}
     RETURNING customer_id),
   ${foldInsertedEventCtes(type)}${
     lock
       ? `,
   pre AS (SELECT 1 AS pre_row, l.* FROM (${lock}) l)`
       : ""
   }
   SELECT k.claimed, ev.customer_id AS ev_customer_id${lock ? ", pre.*" : ""}
   FROM (SELECT ${claim ? "count(*)::int AS claimed FROM claim" : "1 AS claimed"}) k LEFT JOIN ev ON true${lock ? " LEFT JOIN pre ON true" : ""}`;
/**
 * The event's customer, once its facts row is folded and its dirty mark written: the listener's
 * rows are locked after the facts row, as on every other path that writes a customer's event
 * (refunds, survey answers, imports fold first and lock accounts after). Without the
 * dependency PostgreSQL runs the lock first (CTEs the query reads run before those it does
 * not), and an order would wait on the facts row while holding accounts a refund waits for.
 */
const FOLDED_CUSTOMER = `(SELECT customer_id FROM ev WHERE (SELECT count(*) FROM folded) + (SELECT count(*) FROM dirty) >= 0)`;
const insertsFor = new Map<string, string>();
const insertEventForSql = (
  by: "id" | "external_id",
  type: EventType,
  claim: string | null,
  lock: string | null,
) => {
  const key = `${by}:${type}:${claim}:${lock}`;
  let sql = insertsFor.get(key);
  if (!sql) insertsFor.set(key, (sql = insertEventFor(by, type, claim, lock)));
  return sql;
};

type InsertedRow = { claimed: number; ev_customer_id: string | null; pre_row?: number | null };

type CustomerRef = { customerId?: string | null; customerExternalId?: string | null };

/** The insert's parameters, $2 being the customer (or the reference to it). */
const eventParams = (row: EventEntity, customer: string): unknown[] => [
  row.id,
  customer,
  row.type,
  row.occurredAt,
  row.recordedAt,
  row.amountMinor,
  row.discountMinor,
  row.currency,
  row.category,
  row.orderRef,
  JSON.stringify(row.payload),
];

export class EventsService {
  private readonly listeners: AppendListener[] = [];
  private locker: AppendLocker | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Work that must commit with the event (loyalty earning); a failure undoes the event. */
  onAppend(listener: AppendListener): void {
    this.listeners.push(listener);
  }

  /** The rows the listeners lock for an event, locked in the event's insert statement. */
  lockWith(locker: AppendLocker): void {
    this.locker = locker;
  }

  /** Appends one event row. The only way events are written. */
  async append(em: EntityManager, event: NewEvent): Promise<EventEntity> {
    const row = this.rowOf(event);
    await queryPrepared(em, INSERT_EVENT, eventParams(row, row.customerId));
    return this.appended(em, row);
  }

  /**
   * Appends an event of a customer given by id or external id: the idempotency key's claim,
   * the customer lookup, the insert, the facts fold and the listeners' row locks are one
   * statement (the ingest hot path). An unknown or erased customer fails as
   * `CustomersService.resolveRef` makes it fail.
   */
  async appendFor(
    em: EntityManager,
    ref: CustomerRef,
    event: Omit<NewEvent, "customerId">,
    claim?: KeyClaim,
  ): Promise<EventEntity> {
    const byId = ref.customerId != null && ref.customerId !== "";
    const key = byId ? ref.customerId! : ref.customerExternalId;
    if (!key || (byId && !isId(key))) {
      await claim?.alone();
      return this.append(em, {
        ...event,
        customerId: (await CustomersService.resolveRef(em, ref)).id,
      });
    }
    const row = this.rowOf({ ...event, customerId: "" });
    const params = [...eventParams(row, key), ...foldInsertedEventParams(row)];
    /** Appends parameters; returns the position of the first ($n). */
    const more = (values: unknown[]) => params.push(...values) - values.length + 1;
    const claimSql = claim ? claim.cte(more(claim.params)) : null;
    const lock = this.locker ? await this.locker(em, row) : null;
    const lockSql = lock ? lock.sql(more(lock.params), FOLDED_CUSTOMER) : null;
    const rows = await queryPrepared<(InsertedRow & Record<string, unknown>)[]>(
      em,
      insertEventForSql(byId ? "id" : "external_id", row.type, claimSql, lockSql),
      params,
    );
    const head = rows[0]!;
    claim?.settle(head.claimed > 0);
    if (!head.ev_customer_id)
      // Throws NOT_FOUND or CUSTOMER_ERASED; a customer that appeared meanwhile is used.
      return this.append(em, {
        ...event,
        id: row.id,
        customerId: (await CustomersService.resolveRef(em, ref)).id,
      });
    row.customerId = head.ev_customer_id;
    // One row per locked row (with the statement's own columns beside the row's).
    if (lock) lock.rows = rows.filter((r) => r.pre_row != null);
    return this.appended(em, row, true, lock ?? undefined);
  }

  private rowOf(event: NewEvent): EventEntity {
    const now = this.clock.now();
    return {
      ...event,
      id: event.id ?? randomUUID(),
      occurredAt: event.occurredAt ?? now,
      recordedAt: now,
    };
  }

  /** What follows every new event in its transaction: facts (unless folded), then listeners. */
  private async appended(
    em: EntityManager,
    row: EventEntity,
    folded = false,
    lock?: AppendLock,
  ): Promise<EventEntity> {
    if (!folded) await foldEvent(em, row, row.recordedAt);
    for (const listener of this.listeners) await listener(em, row, lock);
    return row;
  }

  /** Appends an event that carries no money or order: visits, referrals, contact changes. */
  appendPlain(
    em: EntityManager,
    e: {
      id?: string;
      customerId: string;
      type: EventType;
      occurredAt?: Date | null;
      category?: string | null;
      payload: Record<string, unknown>;
    },
  ) {
    return this.append(em, {
      amountMinor: null,
      discountMinor: null,
      currency: null,
      orderRef: null,
      ...e,
      category: e.category ?? null,
    });
  }

  /** One idempotent, transactional write that results in one event. */
  private write(
    actor: RequestActor,
    operation: string,
    request: object,
    key: string | null | undefined,
    within: EntityManager | undefined,
    effect: (em: EntityManager, id: string, claim?: KeyClaim) => Promise<EventEntity>,
    /** The effect carries the key's claim in its insert statement (`appendFor`). */
    carried = false,
  ) {
    const id = randomUUID();
    return this.db.atomic(
      (em) =>
        idempotent(em, {
          caller: actor.caller,
          key,
          operation,
          request,
          now: this.clock.now(),
          effect: (claim) => effect(em, id, claim),
          carried,
          store: (e) => ({ id: e.id }),
          known: { id },
          replay: ({ id }: { id: string }) => em.findOneByOrFail(EventEntity, { id }),
        }),
      within,
    );
  }

  async recordOrder(
    actor: RequestActor,
    input: RecordOrderInput,
    key?: string | null,
    within?: EntityManager,
  ): Promise<EventEntity> {
    const order = { orderId: input.orderId.trim(), currency: input.currency, lines: input.lines };
    assertNoProblems(
      [...validateOrder(order), ...checkOccurredAt(input.occurredAt, this.clock.now())],
      "Invalid order",
    );
    const totals = orderTotals(order);
    try {
      return await this.write(
        actor,
        "recordOrder",
        input,
        key,
        within,
        async (em, id, claim) =>
          this.appendFor(
            em,
            input,
            {
              id,
              type: "order",
              occurredAt: input.occurredAt,
              amountMinor: totals.netMinor,
              discountMinor: totals.discountMinor,
              currency: input.currency,
              category: input.lines[0]?.category ?? null,
              orderRef: order.orderId,
              payload: orderPayload(input.lines, totals, input.channel),
            },
            claim,
          ),
        true,
      );
    } catch (err) {
      if (isUniqueViolation(err, "events_order_ref_key"))
        throw conflict(`Order "${order.orderId}" was already recorded`);
      throw err;
    }
  }

  async recordRefund(
    actor: RequestActor,
    input: RecordRefundInput,
    key?: string | null,
    within?: EntityManager,
  ): Promise<EventEntity> {
    const problems = checkOccurredAt(input.occurredAt, this.clock.now());
    if (
      input.amountMinor != null &&
      (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
    )
      problems.push({
        path: "amountMinor",
        message: "must be a positive integer amount in minor units",
      });
    assertNoProblems(problems, "Invalid refund");
    return this.write(actor, "recordRefund", input, key, within, async (em, id) => {
      // Lock the order row so two concurrent refunds cannot both take the last euro.
      const [order] = await em.query<
        { customer_id: string; amount_minor: string; currency: string }[]
      >(
        `SELECT customer_id, amount_minor, currency FROM events WHERE type = 'order' AND order_ref = $1${this.db.isPglite ? "" : " FOR UPDATE"}`,
        [input.orderId],
      );
      if (!order) throw notFound(`Order "${input.orderId}"`);
      if (input.customerId || input.customerExternalId) {
        const customer = await CustomersService.resolveRef(em, input);
        if (customer.id !== order.customer_id)
          throw badInput("The order belongs to another customer", [
            { path: "orderId", message: "belongs to another customer" },
          ]);
      }
      const [{ refunded }] = (await em.query(
        `SELECT coalesce(sum(amount_minor), 0)::bigint AS refunded FROM events WHERE type = 'refund' AND order_ref = $1`,
        [input.orderId],
      )) as [{ refunded: string }];
      const decision = decideRefund({
        orderNetMinor: Number(order.amount_minor),
        alreadyRefundedMinor: Number(refunded),
        requestedMinor: input.amountMinor,
      });
      if (!decision.ok)
        throw badInput(`Invalid refund: ${decision.problem.message}`, [decision.problem]);
      return this.append(em, {
        id,
        customerId: order.customer_id,
        type: "refund",
        occurredAt: input.occurredAt,
        amountMinor: decision.amountMinor,
        discountMinor: null,
        currency: order.currency,
        category: null,
        orderRef: input.orderId,
        payload: { full: decision.full, ...(input.reason ? { reason: input.reason } : {}) },
      });
    });
  }

  async recordVisit(
    actor: RequestActor,
    input: RecordVisitInput,
    key?: string | null,
    within?: EntityManager,
  ): Promise<EventEntity> {
    const problems = checkOccurredAt(input.occurredAt, this.clock.now());
    if (input.url && input.url.length > 2048)
      problems.push({ path: "url", message: "must be at most 2048 characters" });
    if (input.kind === "product_view" && !input.productId)
      problems.push({ path: "productId", message: "is required for a product view" });
    assertNoProblems(problems, "Invalid visit");
    return this.write(actor, "recordVisit", input, key, within, async (em, id) => {
      const customer = await CustomersService.resolveRef(em, input);
      const payload = Object.fromEntries(
        Object.entries({
          url: input.url,
          productId: input.productId,
          pageType: input.pageType,
          sessionId: input.sessionId,
        }).filter(([, v]) => v != null),
      );
      return this.appendPlain(em, {
        id,
        customerId: customer.id,
        type: input.kind,
        occurredAt: input.occurredAt,
        category: input.category,
        payload,
      });
    });
  }

  async recordReferral(
    actor: RequestActor,
    input: RecordReferralInput,
    key?: string | null,
    within?: EntityManager,
  ): Promise<EventEntity> {
    assertNoProblems(checkOccurredAt(input.occurredAt, this.clock.now()), "Invalid referral");
    return this.write(actor, "recordReferral", input, key, within, async (em, id) => {
      const referrer = await CustomersService.resolveRef(
        em,
        { customerId: input.referrerId, customerExternalId: input.referrerExternalId },
        "referrer",
      );
      const referred = await CustomersService.resolveRef(
        em,
        { customerId: input.referredId, customerExternalId: input.referredExternalId },
        "referred",
      );
      if (referrer.id === referred.id)
        throw badInput("A customer cannot refer themselves", [
          { path: "referredId", message: "is the referrer" },
        ]);
      if (referred.referredByCustomerId && referred.referredByCustomerId !== referrer.id)
        throw conflict("The referred customer was already referred by someone else");
      // Conditional update: a concurrent referral of the same customer finds the column already set.
      const claimed = returnedRows(
        await em.query(
          `UPDATE customers SET referred_by_customer_id = $1, updated_at = $3 WHERE id = $2 AND (referred_by_customer_id IS NULL OR referred_by_customer_id = $1) RETURNING id`,
          [referrer.id, referred.id, this.clock.now()],
        ),
      );
      if (claimed.length === 0)
        throw conflict("The referred customer was already referred by someone else");
      return this.appendPlain(em, {
        id,
        customerId: referrer.id,
        type: "referral",
        occurredAt: input.occurredAt,
        payload: { referredCustomerId: referred.id },
      });
    });
  }

  async recordSubscriptionChange(
    actor: RequestActor,
    input: RecordSubscriptionChangeInput,
    key?: string | null,
    within?: EntityManager,
  ): Promise<EventEntity> {
    const problems = checkOccurredAt(input.occurredAt, this.clock.now());
    if (!input.plan.trim()) problems.push({ path: "plan", message: "must not be empty" });
    if (input.amountMinor != null) {
      if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor < 0)
        problems.push({
          path: "amountMinor",
          message: "must be a non-negative integer amount in minor units",
        });
      if (!input.currency || !isCurrencyCode(input.currency))
        problems.push({ path: "currency", message: "an ISO 4217 code is required with an amount" });
    }
    assertNoProblems(problems, "Invalid subscription change");
    return this.write(actor, "recordSubscriptionChange", input, key, within, async (em, id) => {
      const customer = await CustomersService.resolveRef(em, input);
      return this.append(em, {
        id,
        customerId: customer.id,
        type: "subscription",
        occurredAt: input.occurredAt,
        amountMinor: input.amountMinor ?? null,
        discountMinor: null,
        currency: input.amountMinor != null ? input.currency! : null,
        category: null,
        orderRef: null,
        payload: { change: input.change, plan: input.plan.trim() },
      });
    });
  }

  async byId(id: string): Promise<EventEntity> {
    const e = await this.db.read((em) => em.findOneBy(EventEntity, { id }));
    if (!e) throw notFound("Event");
    return e;
  }
}

export function describeError(
  err: unknown,
): { code: string; message: string; problems: InputProblem[] } | null {
  if (err instanceof AppError)
    return { code: err.code, message: err.message, problems: err.problems ?? [] };
  return null;
}

export type { CustomerEntity };
