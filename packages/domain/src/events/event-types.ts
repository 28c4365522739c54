/** Every kind of customer event Trouw stores in its one append-only events table. */
export const EVENT_TYPES = [
  "order",
  "refund",
  "visit",
  "page_view",
  "product_view",
  "support_contact",
  "support_contact_updated",
  "referral",
  "subscription",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const SUPPORT_CONTACT_KINDS = ["presales_question", "complaint", "other"] as const;
export type SupportContactKind = (typeof SUPPORT_CONTACT_KINDS)[number];

export const SUPPORT_CONTACT_STATUSES = ["open", "pending", "resolved", "closed"] as const;
export type SupportContactStatus = (typeof SUPPORT_CONTACT_STATUSES)[number];

export const SUBSCRIPTION_CHANGES = [
  "started",
  "renewed",
  "auto_renew_cancelled",
  "upgraded",
  "downgraded",
  "cancelled",
  "lifetime",
] as const;
export type SubscriptionChange = (typeof SUBSCRIPTION_CHANGES)[number];

/** A problem with an input, located by a JSON-ish path such as `lines[2].quantity`. */
export interface InputProblem {
  path: string;
  message: string;
}
