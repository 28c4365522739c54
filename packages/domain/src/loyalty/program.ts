import { z } from "zod";

/**
 * Loyalty program configuration: one discriminated union over the seven program families of
 * DOMAIN.md section 5 (+ referral). This file is the contract between the admin, the API and
 * the earn/burn rules; `validateProgramConfig` reports every problem with its JSON path.
 */

export const PROGRAM_TYPES = [
  "points",
  "tiered",
  "cashback",
  "punch_card",
  "paid_membership",
  "spend",
  "referral",
] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number];

export const PROGRAM_STATUSES = ["draft", "active", "paused", "archived"] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/** What a program's balance counts. Points and punches are whole numbers; credit and spend are minor units. */
export const PROGRAM_UNITS = ["points", "credit", "punches", "spend"] as const;
export type ProgramUnit = (typeof PROGRAM_UNITS)[number];

export const LEDGER_KINDS = [
  "earn",
  "pending",
  "unlock",
  "burn",
  "expire",
  "adjust",
  "reverse",
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const BONUS_ACTIONS = ["signup", "birthday", "survey_answered", "referral"] as const;
export type BonusAction = (typeof BONUS_ACTIONS)[number];

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();
const code = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "use 1-40 lowercase letters, digits, _ or -");

/** Multipliers are plain numbers with at most two decimals (1.5x, 2x), computed in hundredths. */
const multiplier = z
  .number()
  .min(0)
  .max(100)
  .refine(
    (v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-9,
    "at most two decimals",
  );

export const ROUNDING_MODES = ["floor", "round", "ceil"] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export const expirySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  /** Each earn lot expires N months after it was earned; burns consume the oldest lots first. */
  z.object({ kind: z.literal("fixed"), months: positiveInt.max(120) }),
  /** The whole balance expires after N months without earning or burning. */
  z.object({ kind: z.literal("inactivity"), months: positiveInt.max(120) }),
]);
export type Expiry = z.infer<typeof expirySchema>;

export const pointsEarningSchema = z.object({
  /** `points` points for every `perMinor` minor units of net spend (1 point per €1 = 1 / 100). */
  rate: z.object({ points: positiveInt.max(1_000_000), perMinor: positiveInt.max(100_000_000) }),
  /** Multiplier per order line category; lines of other categories earn at 1x. */
  categoryMultipliers: z.record(z.string().min(1).max(100), multiplier).default({}),
  rounding: z.enum(ROUNDING_MODES).default("floor"),
  /** Fixed points for actions other than orders. */
  bonuses: z
    .object({
      signup: nonNegativeInt.optional(),
      birthday: nonNegativeInt.optional(),
      survey_answered: nonNegativeInt.optional(),
      referral: nonNegativeInt.optional(),
      custom: z
        .array(z.object({ code, label: z.string().min(1).max(100), points: positiveInt }))
        .default([]),
    })
    .default({ custom: [] }),
  /** Days points stay pending before they can be spent (the return window); 0 = at once. */
  pendingDays: nonNegativeInt.max(365).default(0),
  expiry: expirySchema.default({ kind: "none" }),
  /** Customers are told this many days before points expire. */
  expiringNoticeDays: nonNegativeInt.max(365).default(30),
});
export type PointsEarning = z.infer<typeof pointsEarningSchema>;

export const tierSchema = z.object({
  code,
  name: z.string().min(1).max(60),
  /** Points earned (or spend in minor units) within the qualification window to reach this tier. */
  threshold: nonNegativeInt,
  earnMultiplier: multiplier.default(1),
  perks: z.array(z.string().min(1).max(200)).default([]),
});
export type Tier = z.infer<typeof tierSchema>;

export const qualificationWindowSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rolling"), months: positiveInt.max(60) }),
  z.object({ kind: z.literal("calendar_year") }),
]);
export type QualificationWindow = z.infer<typeof qualificationWindowSchema>;

export const DOWNGRADE_POLICIES = ["drop_one", "reevaluate"] as const;
export type DowngradePolicy = (typeof DOWNGRADE_POLICIES)[number];

export const REFUND_POLICIES = ["allow_negative", "clamp"] as const;
export type RefundPolicy = (typeof REFUND_POLICIES)[number];

const common = {
  /** Earn automatically enrols a customer on their first qualifying order. */
  autoEnrol: z.boolean().default(true),
  /** What a refund does when the points were already spent. */
  refundPolicy: z.enum(REFUND_POLICIES).default("clamp"),
  /** A reward granted every year on the day the customer joined (DOMAIN.md section 6). */
  anniversaryReward: z
    .object({
      description: z.string().min(1).max(200),
      rewardId: z.string().uuid().optional(),
    })
    .optional(),
};

export const pointsConfigSchema = z.object({
  type: z.literal("points"),
  ...common,
  earning: pointsEarningSchema,
});

export const tieredConfigSchema = z.object({
  type: z.literal("tiered"),
  ...common,
  earning: pointsEarningSchema,
  /** Ordered from lowest to highest threshold; the first tier starts at 0 (validateProgramConfig). */
  tiers: z.array(tierSchema).min(1).max(20),
  qualification: z.object({
    basis: z.enum(["points_earned", "spend"]),
    window: qualificationWindowSchema,
  }),
  downgradePolicy: z.enum(DOWNGRADE_POLICIES).default("drop_one"),
});

export const cashbackConfigSchema = z.object({
  type: z.literal("cashback"),
  ...common,
  /** Share of net spend returned as store credit, in basis points (500 = 5%). */
  rateBasisPoints: positiveInt.max(10_000),
  perOrderCapMinor: positiveInt.optional(),
  perPeriodCap: z
    .object({ amountMinor: positiveInt, period: z.enum(["month", "year"]) })
    .optional(),
  /** Credit becomes spendable only once the balance reaches this amount. */
  minimumPayoutMinor: nonNegativeInt.default(0),
  pendingDays: nonNegativeInt.max(365).default(0),
});

export const punchCardConfigSchema = z.object({
  type: z.literal("punch_card"),
  ...common,
  punchesRequired: positiveInt.max(100),
  /** An order counts as a punch when its net amount reaches this. */
  minimumOrderMinor: nonNegativeInt.default(0),
  /** When set, only orders with a line in one of these categories count. */
  categories: z.array(z.string().min(1).max(100)).max(100).default([]),
  /** Reward granted when the card is full (a reward of this program's catalog). */
  rewardId: z.string().uuid().optional(),
  rewardDescription: z.string().min(1).max(200),
});

export const paidMembershipConfigSchema = z.object({
  type: z.literal("paid_membership"),
  ...common,
  /** Subscription events with this plan drive the membership state. */
  plan: z.string().min(1).max(100),
  feeMinor: positiveInt,
  billingPeriod: z.enum(["month", "year"]),
  /** Days after the period ends before an unpaid membership counts as lapsed. */
  graceDays: nonNegativeInt.max(90).default(7),
  perks: z.array(z.string().min(1).max(200)).min(1),
});

export const spendConfigSchema = z.object({
  type: z.literal("spend"),
  ...common,
  /** Cumulative net spend thresholds, each unlocking its reward once. */
  thresholds: z
    .array(
      z.object({
        code,
        spendMinor: positiveInt,
        rewardDescription: z.string().min(1).max(200),
        rewardId: z.string().uuid().optional(),
      }),
    )
    .min(1)
    .max(50),
});

export const referralConfigSchema = z.object({
  type: z.literal("referral"),
  ...common,
  referrerPoints: nonNegativeInt,
  refereePoints: nonNegativeInt,
  /** The net amount an order of the referee must reach to qualify (the first such order is rewarded). */
  minimumOrderMinor: nonNegativeInt.default(0),
  /** Rewarded referrals per referrer; further referrals earn nothing. */
  maxPerReferrer: positiveInt.optional(),
});

export const programConfigSchema = z.discriminatedUnion("type", [
  pointsConfigSchema,
  tieredConfigSchema,
  cashbackConfigSchema,
  punchCardConfigSchema,
  paidMembershipConfigSchema,
  spendConfigSchema,
  referralConfigSchema,
]);
export type ProgramConfig = z.infer<typeof programConfigSchema>;
export type ProgramConfigInput = z.input<typeof programConfigSchema>;
export type ConfigOf<T extends ProgramType> = Extract<ProgramConfig, { type: T }>;

export function programUnit(type: ProgramType): ProgramUnit {
  switch (type) {
    case "points":
    case "tiered":
    case "referral":
      return "points";
    case "cashback":
      return "credit";
    case "punch_card":
      return "punches";
    case "spend":
    case "paid_membership":
      return "spend";
  }
}
