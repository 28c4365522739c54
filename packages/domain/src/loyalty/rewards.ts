import { z } from "zod";
import type { InputProblem } from "../events/event-types";
import { isoDay } from "./calendar";
import { toProblems } from "./validate";

export const REWARD_KINDS = [
  "discount_amount",
  "discount_percent",
  "free_shipping",
  "gift",
  "experience",
  "special_mention",
] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

/** GraphQL sends null for absent optional fields: both mean "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((v) => v ?? undefined);

/** A Date, or an ISO 8601 date-time string from JSON. */
const dateInput = z.union([
  z.date(),
  z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
]);

export const rewardSchema = z
  .object({
    kind: z.enum(REWARD_KINDS),
    name: z.string().trim().min(1).max(100),
    description: optional(z.string().max(1000)),
    /** In the program's unit: points, punches or credit (minor units). */
    cost: z.number().int().nonnegative(),
    /** discount_amount: the discount in minor units of the program currency. */
    valueMinor: optional(z.number().int().positive()),
    /** discount_percent: 1-100. */
    percent: optional(z.number().int().min(1).max(100)),
    /** null = unlimited. The API enforces stock with a conditional update. */
    stock: z.number().int().nonnegative().nullable().default(null),
    perCustomerLimit: z.number().int().positive().nullable().default(null),
    validFrom: dateInput.nullable().default(null),
    /** Exclusive: the reward can be redeemed while `validFrom <= now < validUntil`. */
    validUntil: dateInput.nullable().default(null),
    /** Empty lists mean everyone; when both are set a customer must match both. */
    eligibility: z
      .object({
        tierCodes: z.array(z.string().min(1).max(40)).max(20).default([]),
        segmentIds: z.array(z.string().min(1).max(100)).max(50).default([]),
      })
      .default({ tierCodes: [], segmentIds: [] }),
  })
  .superRefine((r, ctx) => {
    if (r.kind === "discount_amount" && r.valueMinor === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["valueMinor"],
        message: "a discount amount needs its value in minor units",
      });
    if (r.kind === "discount_percent" && r.percent === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["percent"],
        message: "a percent discount needs a percent from 1 to 100",
      });
    if (r.kind !== "discount_percent" && r.percent !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["percent"],
        message: "only percent discounts have a percent",
      });
    if (r.validFrom && r.validUntil && r.validUntil.getTime() <= r.validFrom.getTime())
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "must be after validFrom" });
  });
export type Reward = z.infer<typeof rewardSchema>;
export type RewardInput = z.input<typeof rewardSchema>;

export function validateReward(
  input: unknown,
): { ok: true; reward: Reward } | { ok: false; problems: InputProblem[] } {
  const parsed = rewardSchema.safeParse(input);
  return parsed.success
    ? { ok: true, reward: parsed.data }
    : { ok: false, problems: toProblems(parsed.error.issues) };
}

export const REDEMPTION_REFUSALS = [
  "NOT_YET_VALID",
  "EXPIRED",
  "NOT_ELIGIBLE",
  "LIMIT_REACHED",
  "INSUFFICIENT_BALANCE",
  "BELOW_MINIMUM_PAYOUT",
] as const;
export type RedemptionRefusal = (typeof REDEMPTION_REFUSALS)[number];

type RewardForRedemption = Pick<
  Reward,
  "cost" | "perCustomerLimit" | "validFrom" | "validUntil" | "eligibility"
>;

/**
 * May this customer redeem this reward now? Checked in this order: validity window,
 * eligibility (tier and segments), per-customer limit, minimum payout (cashback credit is
 * spendable only from that balance on), balance. The balance check is a pre-check: the API
 * debits with a conditional update and owns stock the same way. Redemptions never overdraw.
 */
export function checkRedemption(
  reward: RewardForRedemption,
  args: {
    now: Date;
    tierCode: string | null;
    segmentIds: string[];
    redeemedByCustomer: number;
    balance: number;
    minimumPayoutMinor: number;
    allowNegative: false;
  },
): { ok: true } | { ok: false; code: RedemptionRefusal; message: string } {
  const refuse = (code: RedemptionRefusal, message: string) => ({
    ok: false as const,
    code,
    message,
  });
  const now = args.now.getTime();
  if (reward.validFrom && now < reward.validFrom.getTime())
    return refuse("NOT_YET_VALID", `available from ${isoDay(reward.validFrom)}`);
  if (reward.validUntil && now >= reward.validUntil.getTime())
    return refuse("EXPIRED", `was available until ${isoDay(reward.validUntil)}`);
  const { tierCodes, segmentIds } = reward.eligibility;
  if (tierCodes.length > 0 && (args.tierCode === null || !tierCodes.includes(args.tierCode)))
    return refuse("NOT_ELIGIBLE", `only for tiers ${tierCodes.join(", ")}`);
  if (segmentIds.length > 0 && !segmentIds.some((s) => args.segmentIds.includes(s)))
    return refuse("NOT_ELIGIBLE", "only for customers in the reward's segments");
  if (reward.perCustomerLimit !== null && args.redeemedByCustomer >= reward.perCustomerLimit)
    return refuse("LIMIT_REACHED", `at most ${reward.perCustomerLimit} per customer`);
  if (args.balance < args.minimumPayoutMinor)
    return refuse(
      "BELOW_MINIMUM_PAYOUT",
      `the balance of ${args.balance} has not reached the minimum payout of ${args.minimumPayoutMinor}`,
    );
  if (args.balance < reward.cost)
    return refuse("INSUFFICIENT_BALANCE", `costs ${reward.cost}, the balance is ${args.balance}`);
  return { ok: true };
}
