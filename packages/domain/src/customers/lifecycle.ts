/**
 * The sixteen lifecycle customer types and three sentiment groups of DOMAIN.md sections 2-3.
 * The rules that decide membership arrive with the segment rule language; this is the
 * shared vocabulary (names, stage, treatment) the admin and the demo data speak.
 */
export const LIFECYCLE_STAGES = ["awareness", "customer", "loyal"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export interface LifecycleType {
  key: string;
  name: string;
  stage: LifecycleStage;
  description: string;
  treatment: string;
}

export const LIFECYCLE_TYPES = [
  {
    key: "lookers",
    name: "Lookers",
    stage: "awareness",
    description: "Browse but have not bought yet; still deciding.",
    treatment: "Remove friction from the path to a first order.",
  },
  {
    key: "discount",
    name: "Discount customers",
    stage: "awareness",
    description: "Buy (almost) only when a discount applies.",
    treatment: "Explain the value beyond price.",
  },
  {
    key: "researchers",
    name: "Researchers",
    stage: "awareness",
    description: "Compare thoroughly: many product views and a long time before purchase.",
    treatment: "Give detailed information, comparisons and case studies.",
  },
  {
    key: "impulse",
    name: "Impulse customers",
    stage: "awareness",
    description: "Very short time from first visit to purchase.",
    treatment: "Use time-limited offers.",
  },
  {
    key: "unsure",
    name: "Unsure customers",
    stage: "awareness",
    description: "Many pre-sales questions without a purchase.",
    treatment: "Offer personal help and reassurance.",
  },
  {
    key: "switchers",
    name: "Looking-to-switch customers",
    stage: "awareness",
    description: "Unhappy with a competitor and ready to spend.",
    treatment: "Show how you solve what the competitor did not.",
  },
  {
    key: "new",
    name: "New customers",
    stage: "customer",
    description: "First order within the last 30 days.",
    treatment: "Onboard them well.",
  },
  {
    key: "active",
    name: "Active customers",
    stage: "customer",
    description: "Buy regularly but are not yet loyal.",
    treatment: "Give reasons to stay: loyalty perks and relevance.",
  },
  {
    key: "lapsed",
    name: "Lapsed customers",
    stage: "customer",
    description: "Used to buy; no order for 180+ days.",
    treatment: "Find out why and win them back quickly.",
  },
  {
    key: "unhappy",
    name: "Unhappy customers",
    stage: "customer",
    description: "Complaints, cancelled auto-renewal, downgrade or NPS detractor.",
    treatment: "Contact them and offer an alternative, compensation or repair.",
  },
  {
    key: "at_risk",
    name: "At-risk customers",
    stage: "customer",
    description: "Losing interest: no visit for 60+ days, no complaints.",
    treatment: "Re-engage with relevant news and reminders.",
  },
  {
    key: "referral",
    name: "Referral customers",
    stage: "customer",
    description: "Came in through a referral; high expectations.",
    treatment: "Onboard them and thank the referrer.",
  },
  {
    key: "loyal",
    name: "Loyal customers",
    stage: "loyal",
    description: "Repeat buyers across products over a long period.",
    treatment: "Give special, non-financial rewards.",
  },
  {
    key: "lifetime",
    name: "Lifetime customers",
    stage: "loyal",
    description: "Hold a lifetime subscription or membership.",
    treatment: "Keep them involved; ask for feedback and referrals.",
  },
  {
    key: "referring",
    name: "Referring customers",
    stage: "loyal",
    description: "Satisfied and referred at least one new customer.",
    treatment: "Thank them and reward referrals.",
  },
  {
    key: "advocates",
    name: "Advocates",
    stage: "loyal",
    description: "Loyal or lifetime, 3+ referrals and NPS promoters.",
    treatment: "Spotlight them; give referral incentives.",
  },
] as const satisfies readonly LifecycleType[];

export type LifecycleTypeKey = (typeof LIFECYCLE_TYPES)[number]["key"];

export const SENTIMENT_GROUPS = [
  {
    key: "positive",
    name: "Positive",
    description: "Enthusiastic, committed, willing to pay well.",
  },
  {
    key: "middle",
    name: "Middle",
    description:
      "Occasional or one-time shoppers, and customers who cost a lot of attention per purchase.",
  },
  {
    key: "negative",
    name: "Negative",
    description:
      "Disappointed or hostile; contact them and offer an alternative, compensation or repair.",
  },
] as const;
