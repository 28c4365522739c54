import type { EntityManager } from "typeorm";
import {
  eventCategories,
  foldEventSql,
  PAYLOAD_FACTS,
  payloadFactKey,
  rebuildFactsSql,
  type EventType,
} from "@trouw/domain";
import { queryPrepared } from "../../db/database";

interface FoldedEvent {
  customerId: string;
  type: EventType;
  occurredAt: Date;
  amountMinor: number | null;
  discountMinor: number | null;
  category: string | null;
  payload: Record<string, unknown>;
}

/** The fold statement of each event type, built once (a prepared statement on PostgreSQL). */
const foldSql = new Map<EventType, string>();

/**
 * Folds one new event into its customer's facts and marks the customer for the next segment
 * refresh, in the event's own transaction and in one statement.
 */
export async function foldEvent(em: EntityManager, e: FoldedEvent, dirtyAt: Date): Promise<void> {
  const [key, categories] = foldOwnParams(e);
  const params =
    e.type === "order"
      ? [e.customerId, e.occurredAt, e.amountMinor, e.discountMinor, key, categories, dirtyAt]
      : [e.customerId, e.occurredAt, key, dirtyAt];
  let sql = foldSql.get(e.type);
  if (!sql) foldSql.set(e.type, (sql = foldEventSql(e.type)));
  await queryPrepared(em, sql, params);
}

/** What the fold takes beside the event's columns: the watched payload key, an order's categories. */
function foldOwnParams(e: FoldedEvent): [string | null, string[]] {
  const watched = PAYLOAD_FACTS.find((p) => p.type === e.type);
  const value = watched ? e.payload[watched.key] : undefined;
  const key =
    watched && typeof value === "string" ? payloadFactKey(e.type, watched.key, value) : null;
  return [key, e.type === "order" ? eventCategories(e) : []];
}

/** The fold's parameters, for `foldInsertedEventCtes`: $12 (key) and for orders $13 (categories). */
export function foldInsertedEventParams(e: FoldedEvent): unknown[] {
  const [key, categories] = foldOwnParams(e);
  return e.type === "order" ? [key, categories] : [key];
}

const foldCtes = new Map<EventType, string>();

/**
 * The fold of an event that the same statement inserts, as CTEs after one named `ev` that
 * returns the event's customer_id (no row: nothing is folded). It reads the insert's own
 * parameters ($4 occurred_at, $5 recorded_at as the dirty mark, $6 amount, $7 discount) and
 * then `foldInsertedEventParams` from $12.
 */
export function foldInsertedEventCtes(type: EventType): string {
  let sql = foldCtes.get(type);
  if (!sql) {
    const params: Record<number, string> =
      type === "order"
        ? { 2: "$4", 3: "$6", 4: "$7", 5: "$12", 6: "$13", 7: "$5" }
        : { 2: "$4", 3: "$12", 4: "$5" };
    sql = foldEventSql(type, {
      from: "ev",
      customer: "ev.customer_id",
      param: (n) => params[n]!,
    });
    foldCtes.set(type, sql);
  }
  return sql;
}

/** Recomputes facts from events: all customers, or some (after bulk loads and imports). */
export async function rebuildFacts(em: EntityManager, customerIds?: string[]): Promise<void> {
  const sql = rebuildFactsSql(customerIds !== undefined);
  const params = customerIds !== undefined ? [customerIds] : [];
  await em.query(sql.delete, params);
  await em.query(sql.insert, params);
}
