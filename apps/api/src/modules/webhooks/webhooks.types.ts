import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection, enumOf } from "../../common/graphql-types";
import { OUTBOX_TOPICS, type OutboxTopic } from "./outbox";
import { DELIVERY_STATUSES, type DeliveryStatus } from "./rows";

const TOPIC_DESCRIPTIONS: Record<OutboxTopic, string> = {
  "customer.created":
    "A customer was created (data: externalId, signedUpAt, acquisitionSource, locale, tags).",
  "segment.entered":
    "A customer entered a saved segment at a refresh (data: segmentId, segmentName).",
  "segment.left": "A customer left a saved segment at a refresh (data: segmentId, segmentName).",
  "survey.answered":
    "A customer answered a survey (data: surveyId, responseId, source, npsScore, csatScore, cesScore).",
  "loyalty.tier_changed":
    "A member moved to another tier (data: programId, from, to, direction, why).",
  "loyalty.tier_held":
    "A period-end tier review would have moved a member, but a manual override holds their tier (data: programId, tier, wouldBe, direction, until, why).",
  "loyalty.reward_redeemed":
    "A customer redeemed a reward (data: programId, rewardId, redemptionId, code, cost).",
  "loyalty.reward_granted":
    "A reward was granted without spending, e.g. a milestone (data: programId, redemptionId, code, source, description).",
  "loyalty.redemption_cancelled":
    "A redemption was cancelled and its cost returned (data: programId, redemptionId, refunded).",
  "loyalty.points_expiring":
    "Some of a member's points expire soon (data: programId, points, firstExpiresAt).",
  "loyalty.membership_changed":
    "A paid membership changed state (data: programId, from, to, change).",
};

/** GraphQL names (CUSTOMER_CREATED) over the topics as sent (customer.created). */
export const WebhookTopicEnum = Object.fromEntries(
  OUTBOX_TOPICS.map((t) => [t.toUpperCase().replace(/\./g, "_"), t]),
) as Record<string, OutboxTopic>;
registerEnumType(WebhookTopicEnum, {
  name: "WebhookTopic",
  description:
    "An event a webhook endpoint can subscribe to; sent as the `topic` in lower case with a dot.",
  valuesConfig: Object.fromEntries(
    Object.entries(WebhookTopicEnum).map(([name, topic]) => [
      name,
      { description: TOPIC_DESCRIPTIONS[topic] },
    ]),
  ),
});

export const WebhookDeliveryStatusEnum = enumOf(
  DELIVERY_STATUSES,
  "WebhookDeliveryStatus",
  "Pending (not tried yet or being retried soon), delivered (a 2xx answer), failed (will be retried), dead (out of attempts; redeliver by hand).",
  {
    DEAD: "Out of attempts; waits for a manual redelivery.",
    DELIVERED: "The receiver accepted it (2xx).",
    FAILED: "The last attempt failed; it will be retried.",
    PENDING: "Not attempted yet.",
  },
);

@ObjectType({
  description:
    "Where Trouw POSTs events: a URL, the topics it wants, and a signing secret (shown only when issued).",
})
export class WebhookEndpoint {
  @Field(() => ID, { description: "The endpoint's id." })
  id: string;

  @Field({ description: "https URL the events are POSTed to." })
  url: string;

  @Field({ description: "What the endpoint is for, for the admins." })
  description: string;

  @Field(() => [WebhookTopicEnum], { description: "The topics sent to this endpoint." })
  topics: OutboxTopic[];

  @Field(() => [ID], {
    description: "Only these segments' entered / left events; empty: every segment.",
  })
  segmentIds: string[];

  @Field({ description: "Inactive endpoints get no new events; queued ones wait." })
  active: boolean;

  @Field({ description: "The signing secret's last characters, to tell secrets apart." })
  secretPreview: string;

  @Field(() => Date, { nullable: true, description: "When the secret was last rotated." })
  secretRotatedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "Until then the previous secret signs too (a second v1 in Trouw-Signature).",
  })
  previousSecretExpiresAt: Date | null;

  @Field({ description: "When the endpoint was registered." })
  createdAt: Date;

  @Field({ description: "When the endpoint was last changed." })
  updatedAt: Date;

  @Field(() => Int, { description: "Deliveries waiting for their first attempt." })
  pendingDeliveries: number;

  @Field(() => Int, { description: "Deliveries that failed and will be retried." })
  failingDeliveries: number;

  @Field(() => Int, { description: "Deliveries out of attempts (redeliver them by hand)." })
  deadDeliveries: number;
}

@ObjectType({ description: "An endpoint with its new signing secret, returned only this once." })
export class WebhookEndpointSecret {
  @Field(() => WebhookEndpoint, { description: "The endpoint." })
  endpoint: WebhookEndpoint;

  @Field({
    description:
      "HMAC-SHA256 key for verifying Trouw-Signature. Store it now: it is not shown again.",
  })
  secret: string;
}

@ObjectType({ description: "One event on its way to one endpoint, with its latest attempt." })
export class WebhookDelivery {
  @Field(() => ID, { description: "The delivery's id (header Trouw-Delivery-Id)." })
  id: string;

  @Field(() => ID, { description: "The endpoint it goes to." })
  endpointId: string;

  @Field(() => ID, {
    description: "The event's id (header Trouw-Event-Id): the same on every retry; dedupe by it.",
  })
  eventId: string;

  @Field({ description: "The event's topic, e.g. customer.created (webhook.test for tests)." })
  topic: string;

  @Field(() => WebhookDeliveryStatusEnum, { description: "Where the delivery is." })
  status: DeliveryStatus;

  @Field(() => Int, { description: "Attempts so far (reset by a manual redelivery)." })
  attempts: number;

  @Field(() => Date, { nullable: true, description: "When the next attempt is due, if any." })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was last tried." })
  lastAttemptAt: Date | null;

  @Field(() => Int, { nullable: true, description: "HTTP status of the last answer, if any." })
  lastStatusCode: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Why the last attempt failed: HTTP status and body start, timeout, network error.",
  })
  lastError: string | null;

  @Field(() => Int, { nullable: true, description: "How long the last attempt took (ms)." })
  lastResponseMs: number | null;

  @Field(() => Date, { nullable: true, description: "When the receiver accepted it." })
  deliveredAt: Date | null;

  @Field({ description: "When the delivery was created (the event was dispatched)." })
  createdAt: Date;

  @Field({ description: "When the delivery last changed." })
  updatedAt: Date;

  @Field(() => GraphQLJSONObject, {
    description: "The JSON body POSTed: { id, topic, createdAt, data }.",
  })
  payload: object;
}

export const WebhookDeliveryConnection = Connection(WebhookDelivery, "WebhookDelivery");

@InputType({ description: "A new webhook endpoint." })
export class CreateWebhookEndpointInput {
  @Field({
    description: "https URL; plain http only to localhost or 127.0.0.1 outside production.",
  })
  url: string;

  @Field(() => String, { nullable: true, description: "What the endpoint is for." })
  description?: string | null;

  @Field(() => [WebhookTopicEnum], { description: "At least one topic." })
  topics: OutboxTopic[];

  @Field(() => [ID], {
    nullable: true,
    description: "Only these segments' entered / left events (default: every segment).",
  })
  segmentIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Default true." })
  active?: boolean | null;
}

@InputType({ description: "Changes to a webhook endpoint; omitted fields stay as they are." })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true, description: "New URL." })
  url?: string | null;

  @Field(() => String, { nullable: true, description: "New description." })
  description?: string | null;

  @Field(() => [WebhookTopicEnum], { nullable: true, description: "New topics (at least one)." })
  topics?: OutboxTopic[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: "New segment filter for segment events; empty: every segment.",
  })
  segmentIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Pause (false) or resume (true)." })
  active?: boolean | null;
}
