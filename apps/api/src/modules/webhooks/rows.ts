import type { OutboxTopic } from "./outbox";

/*
 * The webhook tables are read and written with SQL, like the loyalty and survey ones; these
 * mappers are their one typed view. Secrets never leave the service through them.
 */

type Raw = Record<string, unknown>;
const date = (v: unknown) => (v == null ? null : new Date(v as string));
const intOrNull = (v: unknown) => (v == null ? null : Number(v));

export type DeliveryStatus = "pending" | "delivered" | "failed" | "dead";
export const DELIVERY_STATUSES = ["pending", "delivered", "failed", "dead"] as const;

export interface EndpointRow {
  id: string;
  url: string;
  description: string;
  topics: OutboxTopic[];
  /** Only these segments' entered / left events; empty: every segment. */
  segmentIds: string[];
  active: boolean;
  secretPreview: string;
  secretRotatedAt: Date | null;
  /** Until then the previous secret signs too (a rotation's grace period). */
  previousSecretExpiresAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Deliveries not settled yet, by status (absent when not asked for). */
  counts?: { pending: number; failed: number; dead: number };
}

/** Everything but the secrets, which stay in the service. */
export const ENDPOINT_COLUMNS = `e.id, e.url, e.description, e.topics, e.segment_ids, e.active,
  'whsec_…' || right(e.secret, 4) AS secret_preview, e.secret_rotated_at,
  e.previous_secret_expires_at, e.created_by, e.created_at, e.updated_at`;

export const toEndpoint = (r: Raw): EndpointRow => ({
  id: r.id as string,
  url: r.url as string,
  description: r.description as string,
  topics: r.topics as OutboxTopic[],
  segmentIds: r.segment_ids as string[],
  active: r.active as boolean,
  secretPreview: r.secret_preview as string,
  secretRotatedAt: date(r.secret_rotated_at),
  previousSecretExpiresAt: date(r.previous_secret_expires_at),
  createdBy: r.created_by as string,
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
  ...(r.pending_count !== undefined
    ? {
        counts: {
          pending: Number(r.pending_count),
          failed: Number(r.failed_count),
          dead: Number(r.dead_count),
        },
      }
    : {}),
});

export interface DeliveryRow {
  id: string;
  seq: string;
  endpointId: string;
  /** The outbox event: the same id on every delivery and redelivery of it, to dedupe by. */
  eventId: string;
  topic: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastResponseMs: number | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The event as the receiver gets it (body of the POST). */
  event: WebhookEvent;
}

/** The JSON body of every webhook POST. */
export interface WebhookEvent {
  id: string;
  topic: string;
  createdAt: string;
  data: Record<string, unknown>;
}

/** Delivery columns of alias `d` (a delivery row) joined to `o` (its outbox event). */
export const deliveryColumns = (d = "d") => `${d}.id, ${d}.seq, ${d}.endpoint_id, ${d}.outbox_id,
  ${d}.topic, ${d}.status, ${d}.attempts, ${d}.next_attempt_at, ${d}.last_attempt_at,
  ${d}.last_status_code, ${d}.last_error, ${d}.last_response_ms, ${d}.delivered_at,
  ${d}.created_at, ${d}.updated_at, o.customer_id AS event_customer_id,
  o.payload AS event_payload, o.created_at AS event_created_at`;

/** Outbox row to event body: the customer the event is about joins the topic's payload. */
export function toEvent(r: Raw): WebhookEvent {
  const payload = (r.event_payload ?? {}) as Record<string, unknown>;
  const customerId = r.event_customer_id as string | null;
  return {
    id: String(r.outbox_id),
    topic: r.topic as string,
    createdAt: new Date(r.event_created_at as string).toISOString(),
    data: customerId ? { customerId, ...payload } : payload,
  };
}

export const toDelivery = (r: Raw): DeliveryRow => ({
  id: r.id as string,
  seq: String(r.seq),
  endpointId: r.endpoint_id as string,
  eventId: String(r.outbox_id),
  topic: r.topic as string,
  status: r.status as DeliveryStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: date(r.next_attempt_at),
  lastAttemptAt: date(r.last_attempt_at),
  lastStatusCode: intOrNull(r.last_status_code),
  lastError: (r.last_error as string | null) ?? null,
  lastResponseMs: intOrNull(r.last_response_ms),
  deliveredAt: date(r.delivered_at),
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
  event: toEvent(r),
});
