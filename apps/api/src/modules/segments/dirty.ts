import type { EntityManager } from "typeorm";

/**
 * Marks a customer for the next incremental segment refresh, in the same transaction as the
 * change itself, so no change is ever missed by segments.
 */
export async function markDirty(em: EntityManager, customerId: string, at: Date): Promise<void> {
  await em.query(
    `INSERT INTO segment_dirty_customers (customer_id, marked_at) VALUES ($1, $2) ON CONFLICT (customer_id) DO NOTHING`,
    [customerId, at],
  );
}
