import type { CreateWebhookEndpointInput, WebhookTopic } from "@/graphql/generated/graphql";

/** Where each topic sits in the form's checklist; a topic the API adds fails to compile here. */
export const TOPIC_GROUPS: Record<WebhookTopic, "customers" | "segments" | "surveys" | "loyalty"> =
  {
    CUSTOMER_CREATED: "customers",
    SEGMENT_ENTERED: "segments",
    SEGMENT_LEFT: "segments",
    SURVEY_ANSWERED: "surveys",
    LOYALTY_TIER_CHANGED: "loyalty",
    LOYALTY_TIER_HELD: "loyalty",
    LOYALTY_REWARD_REDEEMED: "loyalty",
    LOYALTY_REWARD_GRANTED: "loyalty",
    LOYALTY_REDEMPTION_CANCELLED: "loyalty",
    LOYALTY_POINTS_EXPIRING: "loyalty",
    LOYALTY_MEMBERSHIP_CHANGED: "loyalty",
  };
export const WEBHOOK_TOPIC_VALUES = Object.keys(TOPIC_GROUPS) as WebhookTopic[];
export const TOPIC_GROUP_NAMES = ["customers", "segments", "surveys", "loyalty"] as const;
export type TopicGroup = (typeof TOPIC_GROUP_NAMES)[number];

export const topicsOf = (group: TopicGroup) =>
  WEBHOOK_TOPIC_VALUES.filter((topic) => TOPIC_GROUPS[topic] === group);

/** The topic as receivers see it: `customer.created`. */
export const topicName = (topic: WebhookTopic) =>
  topic.toLowerCase().replace(/^(customer|segment|survey|loyalty)_/, "$1.");

export interface EndpointDraft {
  url: string;
  description: string;
  topics: WebhookTopic[];
  segmentIds: string[];
  active: boolean;
}

export const newEndpointDraft = (): EndpointDraft => ({
  url: "",
  description: "",
  topics: [],
  segmentIds: [],
  active: true,
});

export function endpointDraftFrom(e: {
  url: string;
  description: string;
  topics: readonly WebhookTopic[];
  segmentIds: readonly string[];
  active: boolean;
}): EndpointDraft {
  return {
    url: e.url,
    description: e.description,
    topics: [...e.topics],
    segmentIds: [...e.segmentIds],
    active: e.active,
  };
}

export const usesSegments = (topics: readonly WebhookTopic[]) =>
  topics.includes("SEGMENT_ENTERED") || topics.includes("SEGMENT_LEFT");

/** Problems the form can see before asking the API: keys of webhooks.form.problems per field. */
export function endpointDraftProblems(
  d: EndpointDraft,
): Partial<Record<"url" | "topics", "required" | "url" | "https" | "topics">> {
  const problems: Partial<Record<"url" | "topics", "required" | "url" | "https" | "topics">> = {};
  const url = d.url.trim();
  if (!url) problems.url = "required";
  else if (!URL.canParse(url)) problems.url = "url";
  else {
    const parsed = new URL(url);
    const local = ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
    // Plain http to this machine is for development; the API refuses it in production.
    if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && local))
      problems.url = "https";
  }
  if (d.topics.length === 0) problems.topics = "topics";
  return problems;
}

/** The draft as the API takes it; the segment filter only matters with a segment topic. */
export function toEndpointInput(d: EndpointDraft): CreateWebhookEndpointInput {
  return {
    url: d.url.trim(),
    description: d.description.trim(),
    topics: WEBHOOK_TOPIC_VALUES.filter((topic) => d.topics.includes(topic)),
    segmentIds: usesSegments(d.topics) ? [...d.segmentIds] : [],
    active: d.active,
  };
}
