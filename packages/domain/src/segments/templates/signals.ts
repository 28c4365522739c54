import type { AcquisitionSource } from "../../customers/acquisition";
import type { SubscriptionChange, SupportContactKind } from "../../events/event-types";
import { and, condition, or, type ConditionNode, type RuleNode } from "../ast";
import type { NumberComparison } from "../compare";
import type { EventFilter, TimeWindow } from "../conditions/events";

/**
 * Rule fragments the templates share: named data signals over the event conventions of
 * `apps/api` (order, visit, support_contact with payload `kind`, subscription with payload
 * `change`, page_view with payload `pageType`, referral).
 */

export const gte = (value: number): NumberComparison => ({ op: "gte", value });
export const lte = (value: number): NumberComparison => ({ op: "lte", value });
export const lt = (value: number): NumberComparison => ({ op: "lt", value });
export const eq = (value: number): NumberComparison => ({ op: "eq", value });
export const between = (min: number, max: number): NumberComparison => ({
  op: "between",
  min,
  max,
});

export const EVER: TimeWindow = { kind: "all" };
export const lastDays = (days: number): TimeWindow => ({ kind: "last_days", days });

export const ORDERS: EventFilter = { types: ["order"] };
export const REFUNDS: EventFilter = { types: ["refund"] };
export const REFERRALS: EventFilter = { types: ["referral"] };
export const SUPPORT_CONTACTS: EventFilter = { types: ["support_contact"] };
/** Any sign of browsing: the same types `days_first_visit_to_first_order` counts as a visit. */
export const BROWSING: EventFilter = { types: ["visit", "page_view", "product_view"] };
/** Using the shop: browsing or buying (not automatic renewals, not support contacts). */
export const ACTIVITY: EventFilter = { types: ["visit", "page_view", "product_view", "order"] };
export const PRODUCT_VIEWS: EventFilter = { types: ["product_view"] };

export const supportContactsOfKind = (kind: SupportContactKind): EventFilter => ({
  types: ["support_contact"],
  payload: { key: "kind", equals: kind },
});
export const subscriptionChanges = (change: SubscriptionChange): EventFilter => ({
  types: ["subscription"],
  payload: { key: "change", equals: change },
});
export const pageViewsOfType = (pageType: string): EventFilter => ({
  types: ["page_view"],
  payload: { key: "pageType", equals: pageType },
});

export function countOf(
  filter: EventFilter,
  window: TimeWindow,
  compare: NumberComparison,
): ConditionNode {
  return condition("event_aggregate", { filter, window, aggregate: "count", compare });
}

export function aggregateOf(
  aggregate: "sum" | "share_discounted" | "distinct_categories",
  filter: EventFilter,
  window: TimeWindow,
  compare: NumberComparison,
): ConditionNode {
  return condition("event_aggregate", { filter, window, aggregate, measure: "amount", compare });
}

/** Whole days since the first or last matching event; never holds without one. */
export function daysSince(
  which: "first" | "last",
  filter: EventFilter,
  compare: NumberComparison,
): ConditionNode {
  return condition("days_since_event", { which, filter, compare });
}

export const daysFirstVisitToFirstOrder = (compare: NumberComparison): ConditionNode =>
  condition("days_first_visit_to_first_order", { compare });

export const acquiredThrough = (source: AcquisitionSource): ConditionNode =>
  condition("enum_field", { field: "acquisitionSource", op: "eq", values: [source] });

export const signedUpWithinDays = (days: number): ConditionNode =>
  condition("date_field", { field: "signedUpAt", match: { op: "in_last_days", days } });

export const hasOrdered = (): ConditionNode => countOf(ORDERS, EVER, gte(1));
export const neverOrdered = (): ConditionNode => countOf(ORDERS, EVER, eq(0));

/**
 * The dissatisfaction signals the events carry (DOMAIN.md section 2, "Unhappy"): a complaint
 * to support, a cancelled auto-renewal or a plan downgrade in the last `days` days.
 */
export function dissatisfaction(days: number): RuleNode {
  return or(
    countOf(supportContactsOfKind("complaint"), lastDays(days), gte(1)),
    countOf(subscriptionChanges("auto_renew_cancelled"), lastDays(days), gte(1)),
    countOf(subscriptionChanges("downgraded"), lastDays(days), gte(1)),
    npsAnswer("detractor", days),
  );
}

/** The customer's latest NPS answer, given in the last `days` days, falls in this category. */
export function npsAnswer(category: "promoter" | "detractor", days: number): ConditionNode {
  return condition("survey_nps_category", { categories: [category], withinDays: days });
}

export interface LoyalValues {
  minOrders: number;
  minTenureDays: number;
  minCategories: number;
  lapsedDays: number;
}

/**
 * Repeat buyers across products over a long period: at least `minOrders` orders, the first at
 * least `minTenureDays` ago and the last less than `lapsedDays` ago (so the orders span at
 * least their difference), in at least `minCategories` categories.
 */
export function loyalty(v: LoyalValues): RuleNode {
  return and(
    countOf(ORDERS, EVER, gte(v.minOrders)),
    daysSince("first", ORDERS, gte(v.minTenureDays)),
    daysSince("last", ORDERS, lt(v.lapsedDays)),
    aggregateOf("distinct_categories", ORDERS, EVER, gte(v.minCategories)),
  );
}

export const holdsLifetimeMembership = (): ConditionNode =>
  countOf(subscriptionChanges("lifetime"), EVER, gte(1));
