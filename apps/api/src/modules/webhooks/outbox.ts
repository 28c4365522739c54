import type { EntityManager } from "typeorm";
import { queryPrepared } from "../../db/database";

/**
 * Every event topic written to the outbox, and so every topic a webhook endpoint can subscribe
 * to. Each is emitted in the transaction of the change it announces.
 */
export const OUTBOX_TOPICS = [
  "customer.created",
  "segment.entered",
  "segment.left",
  "survey.answered",
  "loyalty.tier_changed",
  "loyalty.tier_held",
  "loyalty.reward_redeemed",
  "loyalty.reward_granted",
  "loyalty.redemption_cancelled",
  "loyalty.points_expiring",
  "loyalty.membership_changed",
] as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];

/** Sent by "send test event" to one endpoint only; nobody subscribes to it. */
export const TEST_TOPIC = "webhook.test";

/**
 * The outbox row's INSERT, with the SQL (usually parameters) of its values: for a statement
 * that announces its own change in the same round trip.
 */
export const outboxInsert = (topic: string, customerId: string, payload: string, at: string) =>
  `INSERT INTO outbox (topic, customer_id, payload, created_at) VALUES (${topic}, ${customerId}, ${payload}, ${at})`;

const EMIT = outboxInsert("$1", "$2", "$3", "$4");

/**
 * Transactional outbox: the row commits with the change it announces, so the webhook worker
 * delivers it later without losing or inventing events.
 */
export async function emit(
  em: EntityManager,
  topic: OutboxTopic,
  customerId: string | null,
  payload: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await queryPrepared(em, EMIT, [topic, customerId, JSON.stringify(payload), at]);
}
