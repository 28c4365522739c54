import { SENTIMENT_GROUPS } from "../../customers/lifecycle";
import { and, not, or, rule, type RuleNode } from "../ast";
import {
  ORDERS,
  REFERRALS,
  REFUNDS,
  SUPPORT_CONTACTS,
  aggregateOf,
  countOf,
  daysSince,
  dissatisfaction,
  gte,
  hasOrdered,
  holdsLifetimeMembership,
  lastDays,
  lt,
} from "./signals";
import type { SegmentTemplate, TemplateParameter, TemplateValues } from "./template";

/*
 * The three sentiment groups of DOMAIN.md section 3. With equal parameter values they split
 * every customer who ever ordered into exactly one group: Negative first, then Positive, and
 * Middle for every other buyer. Negative can also hold prospects who complained.
 */

const WINDOW: TemplateParameter = {
  key: "windowDays",
  label: "Look back (days)",
  description: "Every signal of the sentiment groups is counted over this many days.",
  type: "days",
  default: 365,
  min: 1,
};
const MIN_REFUNDS: TemplateParameter = {
  key: "minRefunds",
  label: "Refunds that mean disappointment",
  description: "This many refunds in the window count as a negative signal.",
  type: "count",
  default: 2,
  min: 1,
};
const ENGAGEMENT: TemplateParameter[] = [
  {
    key: "lapsedDays",
    label: "Still buying: last order within (days)",
    description:
      "Repeat orders, spend and referrals make a customer Positive only while the last order is less than this many days old.",
    type: "days",
    default: 180,
    min: 1,
  },
  {
    key: "minOrders",
    label: "Committed: minimum orders",
    description: "Orders in the window that mark a committed customer.",
    type: "count",
    default: 4,
    min: 1,
  },
  {
    key: "minSpendMinor",
    label: "Pays well: minimum order value",
    description:
      "Net order value (after discounts, before refunds) in the window, in minor units of the shop currency.",
    type: "money",
    default: 40_000,
    min: 1,
  },
  {
    key: "attentionContacts",
    label: "High attention: support contacts",
    description:
      "This many support contacts in the window make a customer costly to serve (Middle, not Positive).",
    type: "count",
    default: 3,
    min: 1,
  },
];

/** Disappointed or hostile: complaint, cancelled auto-renewal, downgrade, NPS detractor or repeated refunds. */
function negative(v: TemplateValues): RuleNode {
  const window = lastDays(v.windowDays!);
  return or(dissatisfaction(v.windowDays!), countOf(REFUNDS, window, gte(v.minRefunds!)));
}

/** Enthusiastic, committed, willing to pay well: repeat orders, high spend, referrals, lifetime. */
function engaged(v: TemplateValues): RuleNode {
  const window = lastDays(v.windowDays!);
  return or(
    and(
      daysSince("last", ORDERS, lt(v.lapsedDays!)),
      or(
        countOf(ORDERS, window, gte(v.minOrders!)),
        aggregateOf("sum", ORDERS, window, gte(v.minSpendMinor!)),
        countOf(REFERRALS, window, gte(1)),
      ),
    ),
    holdsLifetimeMembership(),
  );
}

/** Costs a lot of attention: the per-purchase ratio is not expressible, so an absolute count. */
function highAttention(v: TemplateValues): RuleNode {
  return countOf(SUPPORT_CONTACTS, lastDays(v.windowDays!), gte(v.attentionContacts!));
}

const group = (key: (typeof SENTIMENT_GROUPS)[number]["key"]) =>
  SENTIMENT_GROUPS.find((g) => g.key === key)!;

export const SENTIMENT_TEMPLATES: SegmentTemplate[] = [
  {
    key: "sentiment_positive",
    name: group("positive").name,
    group: "sentiment",
    description: `${group("positive").description} Rule: a lifetime membership, or still buying (last order less than lapsedDays ago) with, in the window, at least minOrders orders, at least minSpendMinor order value or a referral. Not Negative, and fewer than attentionContacts support contacts in the window.`,
    treatment:
      "Thank and involve them: non-financial rewards, early access, ask for reviews and referrals.",
    parameters: [WINDOW, ...ENGAGEMENT, MIN_REFUNDS],
    build: (v) => rule(and(engaged(v), not(highAttention(v)), not(negative(v)))),
  },
  {
    key: "sentiment_middle",
    name: group("middle").name,
    group: "sentiment",
    description: `${group("middle").description} Rule: has ordered, is not Negative, and is not Positive: either below every Positive threshold (occasional, one-time and lapsed buyers) or at least attentionContacts support contacts in the window. Attention per purchase would need a ratio of two event counts, which the rule language cannot express; an absolute count of contacts stands in for it.`,
    treatment:
      "Make the next purchase easy and relevant; lower the effort per order with clear information and self-service.",
    parameters: [WINDOW, ...ENGAGEMENT, MIN_REFUNDS],
    build: (v) => rule(and(hasOrdered(), not(negative(v)), or(not(engaged(v)), highAttention(v)))),
  },
  {
    key: "sentiment_negative",
    name: group("negative").name,
    group: "sentiment",
    description: `${group("negative").description} Rule: in the window, a complaint to support, a cancelled auto-renewal, a plan downgrade, or at least minRefunds refunds. An NPS detractor answer in the window counts too.`,
    treatment: "Contact them personally and offer an alternative, compensation or repair.",
    parameters: [WINDOW, MIN_REFUNDS],
    build: (v) => rule(negative(v)),
  },
];
