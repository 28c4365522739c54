import type { EntityManager } from "typeorm";
import {
  eventCategories,
  foldEventSql,
  PAYLOAD_FACTS,
  payloadFactKey,
  rebuildFactsSql,
  type EventType,
} from "@trouw/domain";

interface FoldedEvent {
  customerId: string;
  type: EventType;
  occurredAt: Date;
  amountMinor: number | null;
  discountMinor: number | null;
  category: string | null;
  payload: Record<string, unknown>;
}

/**
 * Folds one new event into its customer's facts and marks the customer for the next segment
 * refresh, in the event's own transaction and in one statement.
 */
export async function foldEvent(em: EntityManager, e: FoldedEvent, dirtyAt: Date): Promise<void> {
  const watched = PAYLOAD_FACTS.find((p) => p.type === e.type);
  const value = watched ? e.payload[watched.key] : undefined;
  const key =
    watched && typeof value === "string" ? payloadFactKey(e.type, watched.key, value) : null;
  const params =
    e.type === "order"
      ? [
          e.customerId,
          e.occurredAt,
          e.amountMinor,
          e.discountMinor,
          key,
          eventCategories(e),
          dirtyAt,
        ]
      : [e.customerId, e.occurredAt, key, dirtyAt];
  await em.query(foldEventSql(e.type), params);
}

/** Recomputes facts from events: all customers, or some (after bulk loads and imports). */
export async function rebuildFacts(em: EntityManager, customerIds?: string[]): Promise<void> {
  const sql = rebuildFactsSql(customerIds !== undefined);
  const params = customerIds !== undefined ? [customerIds] : [];
  await em.query(sql.delete, params);
  await em.query(sql.insert, params);
}
