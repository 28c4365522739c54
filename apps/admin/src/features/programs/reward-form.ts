import { validateReward } from "@trouw/domain";
import type {
  LoyaltyUnit,
  RewardFieldsFragment,
  RewardInput,
  RewardKind,
} from "@/graphql/generated/graphql";
import { toMajor, toMinor, type FormProblem } from "./program-form";

/** A reward as the drawer edits it: money in currency units, dates as epoch milliseconds. */
export interface RewardDraft {
  kind: RewardKind;
  name: string;
  description: string;
  cost: number | null;
  /** Amount discounts, in currency units. */
  value: number | null;
  percent: number | null;
  /** Blank is unlimited. */
  stock: number | null;
  perCustomerLimit: number | null;
  validFrom: number | null;
  validUntil: number | null;
  tierCodes: string[];
  segmentIds: string[];
}

/** Credit and spend balances are money (minor units); points and punches are counted. */
export const isMoneyUnit = (unit: LoyaltyUnit) => unit === "CREDIT" || unit === "SPEND";

export function newRewardDraft(): RewardDraft {
  return {
    kind: "DISCOUNT_AMOUNT",
    name: "",
    description: "",
    cost: null,
    value: null,
    percent: null,
    stock: null,
    perCustomerLimit: null,
    validFrom: null,
    validUntil: null,
    tierCodes: [],
    segmentIds: [],
  };
}

export function rewardDraftFrom(
  reward: RewardFieldsFragment,
  unit: LoyaltyUnit,
  currency: string,
): RewardDraft {
  return {
    kind: reward.kind,
    name: reward.name,
    description: reward.description ?? "",
    cost: isMoneyUnit(unit) ? toMajor(reward.cost, currency) : reward.cost,
    value: toMajor(reward.valueMinor, currency),
    percent: reward.percent ?? null,
    stock: reward.stock ?? null,
    perCustomerLimit: reward.perCustomerLimit ?? null,
    validFrom: reward.validFrom ? Date.parse(reward.validFrom) : null,
    validUntil: reward.validUntil ? Date.parse(reward.validUntil) : null,
    tierCodes: [...reward.tierCodes],
    segmentIds: [...reward.segmentIds],
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The input the API takes; only the value field of the chosen kind is sent. */
export function toRewardInput(d: RewardDraft, unit: LoyaltyUnit, currency: string): RewardInput {
  const cost = isMoneyUnit(unit) ? toMinor(d.cost, currency) : d.cost;
  return {
    kind: d.kind,
    name: d.name.trim(),
    description: d.description.trim() || null,
    cost: cost ?? (null as unknown as number),
    valueMinor: d.kind === "DISCOUNT_AMOUNT" ? (toMinor(d.value, currency) ?? null) : null,
    percent: d.kind === "DISCOUNT_PERCENT" ? d.percent : null,
    stock: d.stock,
    perCustomerLimit: d.perCustomerLimit,
    validFrom: iso(d.validFrom),
    validUntil: iso(d.validUntil),
    tierCodes: d.tierCodes,
    segmentIds: d.segmentIds,
  };
}

/** The domain's reward rules, with paths as the drawer's fields name them (`tierCodes`). */
export function rewardProblems(input: RewardInput): FormProblem[] {
  const result = validateReward({
    ...input,
    kind: input.kind.toLowerCase(),
    cost: input.cost ?? undefined,
    validFrom: input.validFrom ? new Date(input.validFrom) : null,
    validUntil: input.validUntil ? new Date(input.validUntil) : null,
    eligibility: { tierCodes: input.tierCodes ?? [], segmentIds: input.segmentIds ?? [] },
  });
  if (result.ok) return [];
  const problems = result.problems.map((p) => ({
    ...p,
    path: p.path.replace(/^eligibility\./, ""),
  }));
  // The schema checks a discount's value only once the rest parses: say it all at once.
  const missing =
    input.kind === "DISCOUNT_AMOUNT" && input.valueMinor == null
      ? { path: "valueMinor", message: "a discount amount needs its value in minor units" }
      : input.kind === "DISCOUNT_PERCENT" && input.percent == null
        ? { path: "percent", message: "a percent discount needs a percent from 1 to 100" }
        : null;
  if (missing && !problems.some((p) => p.path === missing.path)) problems.push(missing);
  return problems;
}
