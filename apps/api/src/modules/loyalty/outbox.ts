import type { EntityManager } from "typeorm";

export const OUTBOX_TOPICS = [
  "loyalty.tier_changed",
  "loyalty.reward_redeemed",
  "loyalty.reward_granted",
  "loyalty.redemption_cancelled",
  "loyalty.points_expiring",
  "loyalty.membership_changed",
] as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];

/**
 * Transactional outbox: the row commits with the change it announces, so a webhook worker
 * (integrators issue) can deliver it later without losing or inventing events.
 */
export async function emit(
  em: EntityManager,
  topic: OutboxTopic,
  customerId: string | null,
  payload: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await em.query(
    `INSERT INTO outbox (topic, customer_id, payload, created_at) VALUES ($1, $2, $3, $4)`,
    [topic, customerId, JSON.stringify(payload), at],
  );
}
