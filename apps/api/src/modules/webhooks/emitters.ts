import type { EntityManager } from "typeorm";
import type { CustomerEntity } from "../customers/customer.entity";
import type { RespondHook } from "../surveys/survey-bonus";
import { emit } from "./outbox";

/** `customer.created`, in the transaction that stores the customer. No personal data. */
export function emitCustomerCreated(
  em: EntityManager,
  customer: Pick<
    CustomerEntity,
    "id" | "externalId" | "signedUpAt" | "acquisitionSource" | "locale" | "tags"
  >,
  at: Date,
): Promise<void> {
  return emit(
    em,
    "customer.created",
    customer.id,
    {
      externalId: customer.externalId,
      signedUpAt: customer.signedUpAt.toISOString(),
      acquisitionSource: customer.acquisitionSource,
      locale: customer.locale,
      tags: customer.tags,
    },
    at,
  );
}

/** `survey.answered`, as a hook in the response's transaction; it credits no points. */
export const emitSurveyAnswered: RespondHook = async (em, answered) => {
  await emit(
    em,
    "survey.answered",
    answered.customerId,
    {
      surveyId: answered.surveyId,
      responseId: answered.responseId,
      source: answered.source ?? null,
      npsScore: answered.scores?.nps ?? null,
      csatScore: answered.scores?.csat ?? null,
      cesScore: answered.scores?.ces ?? null,
    },
    answered.at,
  );
  return 0;
};

const SEGMENT_TOPICS = ["segment.entered", "segment.left"];

/** Where a refresh starts: the membership history so far, and the topics someone wants. */
export interface SegmentChangesMark {
  topics: string[];
  afterChangeId: string;
}

/**
 * Taken by a segment refresh before it writes membership changes. A first refresh of a large
 * segment changes a million memberships, so events are only written when an active endpoint
 * subscribes to this segment's entered or left events (one indexed read of a small table);
 * otherwise null, and the refresh emits nothing.
 */
export async function segmentChangesMark(
  em: EntityManager,
  segmentId: string,
): Promise<SegmentChangesMark | null> {
  const wanted = await em.query<{ topic: string }[]>(
    `SELECT DISTINCT t.topic FROM webhook_endpoints e, unnest(e.topics) AS t(topic)
     WHERE e.active AND t.topic = ANY($2::text[])
       AND (cardinality(e.segment_ids) = 0 OR $1::uuid = ANY(e.segment_ids))`,
    [segmentId, SEGMENT_TOPICS],
  );
  if (wanted.length === 0) return null;
  const [{ last }] = await em.query<[{ last: string }]>(
    `SELECT coalesce(max(id), 0)::text AS last FROM segment_membership_changes`,
  );
  return { topics: wanted.map((w) => w.topic), afterChangeId: last };
}

/**
 * `segment.entered` / `segment.left`, one per customer, for the membership changes this refresh
 * wrote after `mark`: one set-based INSERT … SELECT in the refresh's transaction. Refreshes of
 * one segment hold its row lock, so changes of this segment past the mark are all this one's.
 */
export async function emitSegmentChanges(
  em: EntityManager,
  segmentId: string,
  mark: SegmentChangesMark | null,
): Promise<void> {
  if (!mark) return;
  await em.query(
    `INSERT INTO outbox (topic, customer_id, payload, created_at)
     SELECT 'segment.' || c.change, c.customer_id,
            jsonb_build_object('segmentId', s.id, 'segmentName', s.name), c.at
     FROM segment_membership_changes c JOIN segments s ON s.id = c.segment_id
     WHERE c.segment_id = $1 AND c.id > $2::bigint AND 'segment.' || c.change = ANY($3::text[])
     ORDER BY c.id`,
    [segmentId, mark.afterChangeId, mark.topics],
  );
}
