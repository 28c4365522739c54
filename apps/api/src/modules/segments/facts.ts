import type { EntityManager } from "typeorm";
import { foldEventSql, rebuildFactsSql, type EventType } from "@trouw/domain";

/** Folds one new event into its customer's facts, in the event's own transaction. */
export async function foldEvent(
  em: EntityManager,
  e: {
    customerId: string;
    type: EventType;
    occurredAt: Date;
    amountMinor: number | null;
    discountMinor: number | null;
  },
): Promise<void> {
  const params =
    e.type === "order"
      ? [e.customerId, e.occurredAt, e.amountMinor, e.discountMinor]
      : [e.customerId, e.occurredAt];
  await em.query(foldEventSql(e.type), params);
}

/** Recomputes facts from events: all customers, or some (after bulk loads and imports). */
export async function rebuildFacts(em: EntityManager, customerIds?: string[]): Promise<void> {
  const sql = rebuildFactsSql(customerIds !== undefined);
  const params = customerIds !== undefined ? [customerIds] : [];
  await em.query(sql.delete, params);
  await em.query(sql.insert, params);
}
