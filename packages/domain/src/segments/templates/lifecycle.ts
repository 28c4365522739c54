import { LIFECYCLE_TYPES, type LifecycleTypeKey } from "../../customers/lifecycle";
import type { InputProblem } from "../../events/event-types";
import { and, not, or, rule } from "../ast";
import {
  ACTIVITY,
  BROWSING,
  EVER,
  ORDERS,
  PRODUCT_VIEWS,
  REFERRALS,
  acquiredThrough,
  aggregateOf,
  between,
  countOf,
  daysFirstVisitToFirstOrder,
  daysSince,
  dissatisfaction,
  npsAnswer,
  gte,
  hasOrdered,
  holdsLifetimeMembership,
  lastDays,
  loyalty,
  lt,
  neverOrdered,
  pageViewsOfType,
  signedUpWithinDays,
  supportContactsOfKind,
  type LoyalValues,
} from "./signals";
import {
  parameterPath,
  type SegmentTemplate,
  type TemplateParameter,
  type TemplateValues,
} from "./template";

/** Page types (payload `pageType` of page views) that mean comparing before buying. */
export const RESEARCH_PAGE_TYPES = ["comparison", "docs", "case_study"] as const;

const LOYAL_PARAMETERS: TemplateParameter[] = [
  {
    key: "minOrders",
    label: "Minimum orders",
    description: "Orders placed in total.",
    type: "count",
    default: 5,
    min: 2,
  },
  {
    key: "minTenureDays",
    label: "Buying for at least (days)",
    description: "The first order lies at least this many days back.",
    type: "days",
    default: 365,
    min: 1,
  },
  {
    key: "minCategories",
    label: "Minimum categories",
    description: "Distinct product categories across all orders.",
    type: "count",
    default: 3,
    min: 1,
  },
  {
    key: "lapsedDays",
    label: "Still buying: last order within (days)",
    description:
      "The last order lies less than this many days back (else the customer has lapsed).",
    type: "days",
    default: 180,
    min: 1,
  },
];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Loyalty's parameters inside another template, as `loyalMinOrders` etc. */
const LOYAL_IN_OTHER: TemplateParameter[] = LOYAL_PARAMETERS.map((p) => ({
  ...p,
  key: `loyal${capitalise(p.key)}`,
  label: `Loyal: ${p.label.charAt(0).toLowerCase()}${p.label.slice(1)}`,
}));

const loyalValues = (v: TemplateValues, prefix = ""): LoyalValues => {
  const get = (k: string) => v[prefix ? `${prefix}${capitalise(k)}` : k]!;
  return {
    minOrders: get("minOrders"),
    minTenureDays: get("minTenureDays"),
    minCategories: get("minCategories"),
    lapsedDays: get("lapsedDays"),
  };
};

function checkLoyal(v: TemplateValues, prefix = ""): InputProblem[] {
  const l = loyalValues(v, prefix);
  const key = (k: string) => (prefix ? `${prefix}${capitalise(k)}` : k);
  // Otherwise "first order long ago, last order recently" no longer implies a long buying period.
  return l.lapsedDays < l.minTenureDays
    ? []
    : [
        {
          path: parameterPath(key("lapsedDays")),
          message: `must be less than ${key("minTenureDays")}`,
        },
      ];
}

const NOT_UNHAPPY_PARAMETER: TemplateParameter = {
  key: "calmDays",
  label: "No complaint for (days)",
  description:
    "No complaint, cancelled auto-renewal or downgrade in this many days (the Unhappy signals).",
  type: "days",
  default: 365,
  min: 1,
};

const LAPSED_PARAMETER: TemplateParameter = {
  key: "lapsedDays",
  label: "Lapsed after (days)",
  description: "Days without an order after which a customer counts as lapsed.",
  type: "days",
  default: 180,
  min: 1,
};

type LifecycleSpec = Omit<SegmentTemplate, "key" | "name" | "group" | "treatment"> & {
  /** Added to the treatment of `LIFECYCLE_TYPES`. */
  treatmentDetail?: string;
};

function lifecycle(key: LifecycleTypeKey, spec: LifecycleSpec): SegmentTemplate {
  const type = LIFECYCLE_TYPES.find((t) => t.key === key)!;
  const { treatmentDetail, ...rest } = spec;
  return {
    ...rest,
    key,
    name: type.name,
    group: "lifecycle",
    treatment: treatmentDetail ? `${type.treatment} ${treatmentDetail}` : type.treatment,
  };
}

/** The sixteen lifecycle types of DOMAIN.md section 2, in the order of `LIFECYCLE_TYPES`. */
export const LIFECYCLE_TEMPLATES: SegmentTemplate[] = [
  lifecycle("lookers", {
    description:
      "Browse but have not bought yet; still deciding. Rule: at least N visits, page views or product views, and no order ever.",
    treatmentDetail: "Make the first order easy: clear delivery and return terms, simple checkout.",
    parameters: [
      {
        key: "minBrowsingEvents",
        label: "Minimum visits and page views",
        description: "Visits, page views and product views, all time.",
        type: "count",
        default: 2,
        min: 1,
      },
    ],
    build: (v) => rule(and(countOf(BROWSING, EVER, gte(v.minBrowsingEvents!)), neverOrdered())),
  }),
  lifecycle("discount", {
    description:
      "Buy (almost) only when a discount applies. Rule: at least N orders, of which at least P% had a discount.",
    treatmentDetail:
      "Show quality, service and total cost of ownership rather than the next coupon.",
    parameters: [
      {
        key: "minOrders",
        label: "Minimum orders",
        description: "One discounted order says little; the pattern needs a few.",
        type: "count",
        default: 2,
        min: 1,
      },
      {
        key: "minDiscountShare",
        label: "Discounted orders (%)",
        description: "Share of all orders that carried a discount.",
        type: "percent",
        default: 70,
        min: 1,
      },
    ],
    build: (v) =>
      rule(
        and(
          countOf(ORDERS, EVER, gte(v.minOrders!)),
          aggregateOf("share_discounted", ORDERS, EVER, gte(v.minDiscountShare!)),
        ),
      ),
  }),
  lifecycle("researchers", {
    description:
      "Compare thoroughly before buying. Rule: the first order came at least N days after the first visit, and the customer viewed many products (at least M product views) or a comparison, documentation or case-study page (page views with pageType comparison, docs or case_study). Views are counted over all time: the rule language cannot restrict a window to 'before the first order'.",
    parameters: [
      {
        key: "minDaysToFirstOrder",
        label: "Days from first visit to first order, at least",
        description: "Whole days between the first visit and the first order.",
        type: "days",
        default: 14,
        min: 1,
      },
      {
        key: "minProductViews",
        label: "Minimum product views",
        description: "Product views, all time.",
        type: "count",
        default: 5,
        min: 1,
      },
    ],
    build: (v) =>
      rule(
        and(
          daysFirstVisitToFirstOrder(gte(v.minDaysToFirstOrder!)),
          or(
            countOf(PRODUCT_VIEWS, EVER, gte(v.minProductViews!)),
            ...RESEARCH_PAGE_TYPES.map((t) => countOf(pageViewsOfType(t), EVER, gte(1))),
          ),
        ),
      ),
  }),
  lifecycle("impulse", {
    description:
      "Buy without planning. Rule: the first order came within N whole days of the first visit (0: within 24 hours). Visits before sign-up are often not tracked, so customers who sign up at checkout look impulsive too; whether they respond to time-limited offers is not recorded as such.",
    parameters: [
      {
        key: "maxDaysToFirstOrder",
        label: "Days from first visit to first order, at most",
        description: "Whole days, rounded down: 1 means before the end of the second day.",
        type: "days",
        default: 1,
      },
    ],
    // From 0: an order recorded before any visit (e.g. in store) is not an impulse purchase online.
    build: (v) => rule(daysFirstVisitToFirstOrder(between(0, v.maxDaysToFirstOrder!))),
  }),
  lifecycle("unsure", {
    description:
      "Like lookers but confused: many pre-sales questions without a purchase. Rule: at least N support contacts of kind presales_question (any channel, chats included) and no order ever.",
    parameters: [
      {
        key: "minPresalesContacts",
        label: "Minimum pre-sales contacts",
        description: "Support contacts of kind presales_question, all time.",
        type: "count",
        default: 2,
        min: 1,
      },
    ],
    build: (v) =>
      rule(
        and(
          countOf(supportContactsOfKind("presales_question"), EVER, gte(v.minPresalesContacts!)),
          neverOrdered(),
        ),
      ),
  }),
  lifecycle("switchers", {
    description:
      "Currently use a competitor, are unhappy with it and ready to spend. Rule: acquisition source competitor_switch and signed up in the last N days. A declared flag can be added as a tag or custom attribute condition when the shop records one.",
    parameters: [
      {
        key: "signedUpWithinDays",
        label: "Signed up within (days)",
        description: "After this long the switch has happened, or will not.",
        type: "days",
        default: 180,
        min: 1,
      },
    ],
    build: (v) =>
      rule(and(acquiredThrough("competitor_switch"), signedUpWithinDays(v.signedUpWithinDays!))),
  }),
  lifecycle("new", {
    description: "Just made their first purchase. Rule: the first order was less than N days ago.",
    treatmentDetail:
      "Welcome them, explain how to get the most out of the purchase, ask how it went.",
    parameters: [
      {
        key: "firstOrderWithinDays",
        label: "First order within (days)",
        description: "Days since the first order, less than.",
        type: "days",
        default: 30,
        min: 1,
      },
    ],
    build: (v) => rule(daysSince("first", ORDERS, lt(v.firstOrderWithinDays!))),
  }),
  lifecycle("active", {
    description:
      "Buy regularly but are not yet loyal; would switch for a better deal. Rule: at least N orders in the last M days, and not loyal (by the loyal parameters, as in the Loyal customers template).",
    parameters: [
      {
        key: "minOrders",
        label: "Minimum orders in the window",
        description: "Orders in the last windowDays days.",
        type: "count",
        default: 3,
        min: 1,
      },
      {
        key: "windowDays",
        label: "Window (days)",
        description: "How far back the orders are counted.",
        type: "days",
        default: 180,
        min: 1,
      },
      ...LOYAL_IN_OTHER,
    ],
    check: (v) => checkLoyal(v, "loyal"),
    build: (v) =>
      rule(
        and(
          countOf(ORDERS, lastDays(v.windowDays!), gte(v.minOrders!)),
          not(loyalty(loyalValues(v, "loyal"))),
        ),
      ),
  }),
  lifecycle("lapsed", {
    description:
      "Used to buy and have stopped. Rule: has ordered, and the last order was at least N days ago.",
    treatmentDetail:
      "Ask what went wrong; a quick, personal win-back works better than a late one.",
    parameters: [LAPSED_PARAMETER],
    build: (v) => rule(daysSince("last", ORDERS, gte(v.lapsedDays!))),
  }),
  lifecycle("unhappy", {
    description:
      "Bought but are dissatisfied. Rule: has ordered, and in the last N days complained to support (contact kind complaint), cancelled an auto-renewal, downgraded a plan or answered an NPS survey as a detractor (latest answer 0-6).",
    parameters: [
      {
        key: "withinDays",
        label: "Signal within (days)",
        description: "How recent the complaint, cancellation or downgrade must be.",
        type: "days",
        default: 365,
        min: 1,
      },
    ],
    build: (v) => rule(and(hasOrdered(), dissatisfaction(v.withinDays!))),
  }),
  lifecycle("at_risk", {
    description:
      "Not unhappy, but losing interest. Rule: has ordered and has not lapsed (last order less than the lapsed days ago), no visit, page view or order for at least N days, and no complaint, cancelled auto-renewal or downgrade in the last calmDays days (else the customer is Unhappy). 'Use' of a product after purchase is not recorded; shop visits stand in for it.",
    parameters: [
      {
        key: "inactiveDays",
        label: "Inactive for (days)",
        description: "Days since the last visit, page view, product view or order.",
        type: "days",
        default: 60,
        min: 1,
      },
      LAPSED_PARAMETER,
      NOT_UNHAPPY_PARAMETER,
    ],
    check: (v) =>
      v.inactiveDays! < v.lapsedDays!
        ? []
        : [{ path: parameterPath("inactiveDays"), message: "must be less than lapsedDays" }],
    build: (v) =>
      rule(
        and(
          daysSince("last", ACTIVITY, gte(v.inactiveDays!)),
          daysSince("last", ORDERS, lt(v.lapsedDays!)),
          not(dissatisfaction(v.calmDays!)),
        ),
      ),
  }),
  lifecycle("referral", {
    description:
      "Came in through a referral by an existing customer; high expectations. Rule: acquisition source referral and signed up in the last N days (the onboarding period). Who referred them (referredByCustomerId) has no condition kind yet.",
    parameters: [
      {
        key: "signedUpWithinDays",
        label: "Signed up within (days)",
        description: "How long a referred customer needs onboarding.",
        type: "days",
        default: 90,
        min: 1,
      },
    ],
    build: (v) => rule(and(acquiredThrough("referral"), signedUpWithinDays(v.signedUpWithinDays!))),
  }),
  lifecycle("loyal", {
    description:
      "Repeat buyers across products over a long period. Rule: at least N orders in at least K categories, the first at least M days ago and the last less than the lapsed days ago, so the orders span a long period and the customer is still buying.",
    treatmentDetail: "Early access, a personal thank-you, extra service or a gift.",
    parameters: LOYAL_PARAMETERS,
    check: (v) => checkLoyal(v),
    build: (v) => rule(loyalty(loyalValues(v))),
  }),
  lifecycle("lifetime", {
    description:
      "Hold a lifetime subscription or membership. Rule: a subscription event with change lifetime.",
    parameters: [],
    build: () => rule(holdsLifetimeMembership()),
  }),
  lifecycle("referring", {
    description:
      "Satisfied and have referred at least one new customer. Rule: at least N referrals, and no complaint, cancelled auto-renewal or downgrade in the last calmDays days.",
    parameters: [
      {
        key: "minReferrals",
        label: "Minimum referrals",
        description: "Customers this customer referred, all time.",
        type: "count",
        default: 1,
        min: 1,
      },
      NOT_UNHAPPY_PARAMETER,
    ],
    build: (v) =>
      rule(and(countOf(REFERRALS, EVER, gte(v.minReferrals!)), not(dissatisfaction(v.calmDays!)))),
  }),
  lifecycle("advocates", {
    description:
      "The most profitable: loyal or lifetime, and recommend us. Rule: (loyal by the loyal parameters, or holds a lifetime membership) and (at least N referrals, or their latest NPS answer in the last promoterDays days was a promoter's 9-10).",
    parameters: [
      {
        key: "minReferrals",
        label: "Minimum referrals",
        description: "Customers this customer referred, all time.",
        type: "count",
        default: 3,
        min: 1,
      },
      {
        key: "promoterDays",
        label: "Promoter answer within (days)",
        description: "How recent a promoter's NPS answer must be to count instead of referrals.",
        type: "days",
        default: 365,
        min: 1,
      },
      ...LOYAL_IN_OTHER,
    ],
    check: (v) => checkLoyal(v, "loyal"),
    build: (v) =>
      rule(
        and(
          or(loyalty(loyalValues(v, "loyal")), holdsLifetimeMembership()),
          or(
            countOf(REFERRALS, EVER, gte(v.minReferrals!)),
            npsAnswer("promoter", v.promoterDays!),
          ),
        ),
      ),
  }),
];
