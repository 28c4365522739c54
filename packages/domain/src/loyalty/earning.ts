import { formatMoney } from "../money/money";
import { addDays, isoDay } from "./calendar";
import { lotExpiresAt } from "./expiry";
import type { LedgerIntent } from "./ledger";
import type { BonusAction, ConfigOf, Expiry, ProgramConfig, RoundingMode } from "./program";

export interface OrderForEarning {
  netMinor: number;
  currency: string;
  occurredAt: Date;
  lines: { category: string | null; amountMinor: number; discountMinor: number }[];
}

export interface CampaignForEarning {
  id: string;
  name: string;
  multiplier: number;
  bonusPoints: number;
  stacking: "stackable" | "exclusive";
  capPerCustomer: number | null;
}

export interface EarnContext {
  now: Date;
  /** Current tier (tiered programs): its earnMultiplier applies. */
  tierCode: string | null;
  /** Active campaigns the customer is targeted by (the caller checked segment and time). */
  campaigns: CampaignForEarning[];
  /** Points this customer already got from each campaign (for caps). */
  campaignEarned: Record<string, number>;
  /** Cashback already credited in the current cap period. */
  periodCreditedMinor: number;
  /** Current punches on the card (punch_card). */
  punches: number;
  /** Spend so far (spend program), before this order. */
  cumulativeSpendMinor: number;
  /** Spend threshold codes already unlocked. */
  reachedThresholds: string[];
  /**
   * The program's currency (it lives on the program, not in its config). When given, an
   * order in another currency earns nothing; when absent the currency is not checked.
   */
  programCurrency?: string | null;
}

export interface EarnOutcome {
  /** earn or pending entries; a completed punch card adds a burn of punchesRequired. */
  intents: LedgerIntent[];
  /** Human-readable why, one step per line. */
  explanation: string[];
  /** Punch card: cards filled by this order (0 or 1). */
  completedCards: number;
  /** Spend program: threshold codes newly crossed. */
  unlockedThresholds: string[];
}

const nothing = (explanation: string[]): EarnOutcome => ({
  intents: [],
  explanation,
  completedCards: 0,
  unlockedThresholds: [],
});

export const pts = (n: number): string => `${n} ${Math.abs(n) === 1 ? "pt" : "pts"}`;

function money(amountMinor: number, currency: string): string {
  try {
    return formatMoney({ amountMinor, currency });
  } catch {
    return `${amountMinor} ${currency} (minor units)`;
  }
}

/** Multipliers have at most two decimals, so hundredths keep the arithmetic in integers. */
export const toHundredths = (multiplier: number): number => Math.round(multiplier * 100);
const times = (hundredths: number): string => `×${hundredths / 100}`;

/** Rounds the non-negative fraction num/den with the program's rounding ("round" is half up). */
export function roundFraction(num: bigint, den: bigint, mode: RoundingMode): number {
  switch (mode) {
    case "floor":
      return Number(num / den);
    case "ceil":
      return Number((num + den - 1n) / den);
    case "round":
      return Number((2n * num + den) / (2n * den));
  }
}

const ROUNDING_WORDS: Record<RoundingMode, string> = {
  floor: "rounded down",
  ceil: "rounded up",
  round: "rounded",
};

/** num/den with two decimals, for explanations only ("42.57…" when truncated). */
function decimal(num: bigint, den: bigint): string {
  const whole = num / den;
  const hundredths = ((num % den) * 100n) / den;
  const exact = ((num % den) * 100n) % den === 0n;
  return `${whole}.${hundredths.toString().padStart(2, "0")}${exact ? "" : "…"}`;
}

function creditIntent(
  amount: number,
  reason: string,
  order: OrderForEarning,
  pendingDays: number,
  expiry: Expiry,
  campaignId: string | null,
): LedgerIntent {
  if (pendingDays > 0) {
    const unlockAt = addDays(order.occurredAt, pendingDays);
    // Pending points are earned when they unlock, so a fixed expiry counts from then.
    return {
      kind: "pending",
      amount: 0,
      pendingDelta: amount,
      reason,
      unlockAt,
      expiresAt: lotExpiresAt(expiry, unlockAt),
      campaignId,
    };
  }
  return {
    kind: "earn",
    amount,
    pendingDelta: 0,
    reason,
    unlockAt: null,
    expiresAt: lotExpiresAt(expiry, order.occurredAt),
    campaignId,
  };
}

function pendingNote(order: OrderForEarning, pendingDays: number): string {
  const day = isoDay(addDays(order.occurredAt, pendingDays));
  return `Pending for ${pendingDays} days (return window): spendable from ${day}`;
}

export interface CampaignValue {
  campaign: CampaignForEarning;
  raw: number;
  granted: number;
}

function campaignValue(
  c: CampaignForEarning,
  base: number,
  earned: number,
  rounding: RoundingMode,
): CampaignValue {
  const extraHundredths = Math.max(0, toHundredths(c.multiplier) - 100);
  const raw =
    roundFraction(BigInt(base) * BigInt(extraHundredths), 100n, rounding) +
    Math.max(0, Math.trunc(c.bonusPoints));
  const left = c.capPerCustomer === null ? raw : Math.max(0, c.capPerCustomer - earned);
  return { campaign: c, raw, granted: Math.min(raw, left) };
}

function describeCampaign(v: CampaignValue): string {
  const label = `${v.campaign.name} (campaign)`;
  if (v.granted === 0 && v.raw > 0) return `${label}: cap reached`;
  if (v.granted < v.raw)
    return `${label}: +${pts(v.granted)} (cap reached: ${v.campaign.capPerCustomer} per customer)`;
  return `${label}: +${pts(v.granted)}`;
}

/**
 * Which campaigns apply. Every stackable campaign adds `base × (multiplier − 1) + bonus`
 * (multipliers act on the base, never on each other or on the tier bonus, so they do not
 * compound), each capped by what is left of its per-customer cap. The best single exclusive
 * campaign competes with the sum of all stackable ones: the larger applies, the stackables
 * on a tie.
 */
export function chooseCampaigns(
  campaigns: readonly CampaignForEarning[],
  base: number,
  earned: Record<string, number>,
  rounding: RoundingMode,
): { applied: CampaignValue[]; explanation: string[] } {
  const values = campaigns.map((c) => campaignValue(c, base, earned[c.id] ?? 0, rounding));
  const stackable = values.filter((v) => v.campaign.stacking === "stackable");
  const stackedTotal = stackable.reduce((s, v) => s + v.granted, 0);
  let best: CampaignValue | null = null;
  for (const v of values)
    if (v.campaign.stacking === "exclusive" && (best === null || v.granted > best.granted))
      best = v;

  if (best !== null && best.granted > stackedTotal) {
    const others = values.filter((v) => v !== best).map((v) => v.campaign.name);
    const explanation = [describeCampaign(best)];
    if (others.length)
      explanation.push(
        `${best.campaign.name} is exclusive and worth more: ${others.join(", ")} not applied`,
      );
    return { applied: [best], explanation };
  }
  const explanation = stackable.map(describeCampaign);
  if (best !== null && best.granted === 0) explanation.push(describeCampaign(best));
  else if (best !== null)
    explanation.push(
      `${best.campaign.name} (exclusive, +${pts(best.granted)}) is not worth more than the stackable campaigns (+${pts(stackedTotal)}): not applied`,
    );
  return { applied: stackable, explanation };
}

function earnPoints(
  config: ConfigOf<"points"> | ConfigOf<"tiered">,
  order: OrderForEarning,
  ctx: EarnContext,
): EarnOutcome {
  const e = config.earning;
  const cur = order.currency;
  if (order.netMinor <= 0) return nothing([`Nothing paid (${money(0, cur)} net): nothing earned`]);

  // Per line: net × points / perMinor × category multiplier, summed exactly and rounded once.
  const lines = order.lines.length
    ? order.lines
    : [{ category: null, amountMinor: order.netMinor, discountMinor: 0 }];
  let num = 0n;
  let net = 0;
  const boosted = new Map<string, { hundredths: number; net: number }>();
  for (const line of lines) {
    const lineNet = Math.max(0, line.amountMinor - line.discountMinor);
    net += lineNet;
    const m =
      line.category !== null && Object.hasOwn(e.categoryMultipliers, line.category)
        ? e.categoryMultipliers[line.category]
        : undefined;
    const hundredths = m === undefined ? 100 : toHundredths(m);
    num += BigInt(lineNet) * BigInt(e.rate.points) * BigInt(hundredths);
    if (hundredths !== 100 && line.category !== null) {
      const b = boosted.get(line.category) ?? { hundredths, net: 0 };
      boosted.set(line.category, { hundredths, net: b.net + lineNet });
    }
  }
  const den = BigInt(e.rate.perMinor) * 100n;
  const base = roundFraction(num, den, e.rounding);
  const categories = [...boosted].map(
    ([c, b]) => `${c} ${times(b.hundredths)} on ${money(b.net, cur)}`,
  );
  const rounded = num % den === 0n ? "" : ` (${decimal(num, den)} ${ROUNDING_WORDS[e.rounding]})`;
  const explanation = [
    `${money(net, cur)} net × ${pts(e.rate.points)} per ${money(e.rate.perMinor, cur)}` +
      (categories.length ? `, ${categories.join(", ")}` : "") +
      ` = ${pts(base)}${rounded}`,
  ];

  let tierExtra = 0;
  let tierLabel = "";
  if (config.type === "tiered" && ctx.tierCode !== null) {
    const tier = config.tiers.find((t) => t.code === ctx.tierCode);
    if (!tier)
      explanation.push(`Tier "${ctx.tierCode}" is not in this program: no tier multiplier`);
    else {
      const h = toHundredths(tier.earnMultiplier);
      if (h !== 100) {
        tierExtra = roundFraction(BigInt(base) * BigInt(h), 100n, e.rounding) - base;
        tierLabel = `${tier.name} tier ${times(h)}`;
        explanation.push(`${tierLabel}: ${tierExtra >= 0 ? "+" : "−"}${pts(Math.abs(tierExtra))}`);
      }
    }
  }

  const intents: LedgerIntent[] = [];
  const orderPoints = base + tierExtra;
  if (orderPoints > 0) {
    const reason = tierExtra
      ? `Order: ${base} base ${tierExtra > 0 ? "+" : "−"} ${Math.abs(tierExtra)} ${tierLabel}`
      : "Order";
    intents.push(creditIntent(orderPoints, reason, order, e.pendingDays, e.expiry, null));
  }

  if (ctx.campaigns.length) {
    const { applied, explanation: why } = chooseCampaigns(
      ctx.campaigns,
      base,
      ctx.campaignEarned,
      e.rounding,
    );
    explanation.push(...why);
    for (const v of applied)
      if (v.granted > 0)
        intents.push(
          creditIntent(
            v.granted,
            `Campaign: ${v.campaign.name}`,
            order,
            e.pendingDays,
            e.expiry,
            v.campaign.id,
          ),
        );
  }

  if (intents.length === 0) explanation.push("Nothing earned");
  else if (e.pendingDays > 0) explanation.push(pendingNote(order, e.pendingDays));
  return { intents, explanation, completedCards: 0, unlockedThresholds: [] };
}

function percent(basisPoints: number): string {
  return `${basisPoints / 100}%`;
}

function earnCashback(
  config: ConfigOf<"cashback">,
  order: OrderForEarning,
  ctx: EarnContext,
): EarnOutcome {
  const cur = order.currency;
  if (order.netMinor <= 0) return nothing([`Nothing paid (${money(0, cur)} net): no cashback`]);
  const raw = Number((BigInt(order.netMinor) * BigInt(config.rateBasisPoints)) / 10_000n);
  const explanation = [
    `${money(order.netMinor, cur)} net × ${percent(config.rateBasisPoints)} = ${money(raw, cur)} credit (rounded down)`,
  ];
  let credit = raw;
  if (config.perOrderCapMinor !== undefined && credit > config.perOrderCapMinor) {
    credit = config.perOrderCapMinor;
    explanation.push(`Capped at ${money(credit, cur)} per order`);
  }
  if (config.perPeriodCap !== undefined) {
    const { amountMinor, period } = config.perPeriodCap;
    const left = Math.max(0, amountMinor - ctx.periodCreditedMinor);
    const cap = `${period === "month" ? "monthly" : "yearly"} cap of ${money(amountMinor, cur)}`;
    if (left === 0 && credit > 0) {
      credit = 0;
      explanation.push(`The ${cap} is reached: no more cashback this ${period}`);
    } else if (credit > left) {
      credit = left;
      explanation.push(`Capped by the ${cap}: ${money(left, cur)} was left this ${period}`);
    }
  }
  if (ctx.campaigns.length) explanation.push("Campaigns apply to points programs only");
  if (credit === 0) return nothing([...explanation, "Nothing earned"]);
  const intents = [
    creditIntent(credit, "Cashback", order, config.pendingDays, { kind: "none" }, null),
  ];
  if (config.pendingDays > 0) explanation.push(pendingNote(order, config.pendingDays));
  return { intents, explanation, completedCards: 0, unlockedThresholds: [] };
}

/**
 * One punch per qualifying order: net at least `minimumOrderMinor` (set it to 1 to leave
 * out free orders) and, when the card lists categories, a line in one of them. The punch
 * that fills the card also burns `punchesRequired`, so the card starts again.
 */
function earnPunch(
  config: ConfigOf<"punch_card">,
  order: OrderForEarning,
  ctx: EarnContext,
): EarnOutcome {
  const cur = order.currency;
  if (order.netMinor < config.minimumOrderMinor)
    return nothing([
      `${money(order.netMinor, cur)} is below the ${money(config.minimumOrderMinor, cur)} minimum for a punch`,
    ]);
  if (
    config.categories.length > 0 &&
    !order.lines.some((l) => l.category !== null && config.categories.includes(l.category))
  )
    return nothing([`No line in ${config.categories.join(", ")}: no punch`]);

  const after = ctx.punches + 1;
  const intents: LedgerIntent[] = [
    {
      kind: "earn",
      amount: 1,
      pendingDelta: 0,
      reason: "Punch",
      unlockAt: null,
      expiresAt: null,
      campaignId: null,
    },
  ];
  const explanation = [
    `Punch ${Math.min(after, config.punchesRequired)} of ${config.punchesRequired}`,
  ];
  if (ctx.campaigns.length) explanation.push("Campaigns apply to points programs only");
  if (after < config.punchesRequired)
    return { intents, explanation, completedCards: 0, unlockedThresholds: [] };
  intents.push({
    kind: "burn",
    amount: -config.punchesRequired,
    pendingDelta: 0,
    reason: "card completed",
    unlockAt: null,
    expiresAt: null,
    campaignId: null,
  });
  explanation.push(`Card completed: ${config.rewardDescription}; a new card starts`);
  return { intents, explanation, completedCards: 1, unlockedThresholds: [] };
}

/** Spend programs count net spend (unit: minor units) and unlock each threshold once. */
function earnSpend(
  config: ConfigOf<"spend">,
  order: OrderForEarning,
  ctx: EarnContext,
): EarnOutcome {
  const cur = order.currency;
  if (order.netMinor <= 0)
    return nothing([`Nothing paid (${money(0, cur)} net): no spend counted`]);
  const total = ctx.cumulativeSpendMinor + order.netMinor;
  const explanation = [
    `${money(order.netMinor, cur)} counted: ${money(total, cur)} spent in total`,
  ];
  const crossed = [...config.thresholds]
    .sort((a, b) => a.spendMinor - b.spendMinor)
    .filter((t) => t.spendMinor <= total && !ctx.reachedThresholds.includes(t.code));
  for (const t of crossed)
    explanation.push(`Reached ${money(t.spendMinor, cur)}: ${t.rewardDescription}`);
  if (ctx.campaigns.length) explanation.push("Campaigns apply to points programs only");
  return {
    intents: [
      {
        kind: "earn",
        amount: order.netMinor,
        pendingDelta: 0,
        reason: "Spend",
        unlockAt: null,
        expiresAt: null,
        campaignId: null,
      },
    ],
    explanation,
    completedCards: 0,
    unlockedThresholds: crossed.map((t) => t.code),
  };
}

/**
 * What one order earns in one program, and why. Pure: the caller supplies the customer's
 * current tier, punches, spend and caps, and writes the returned intents to the ledger.
 *
 * Points and tiered programs: each line's net (amount − discount) × rate × its category
 * multiplier, summed exactly (integers in hundredths, BigInt) and rounded once with the
 * program's rounding ("round" is half up), so small lines are not each rounded away. The
 * tier multiplier and campaigns act on that base, each rounded the same way. Pending points
 * unlock `pendingDays` after the order; a fixed expiry counts from the day points become
 * spendable (the order date, or the unlock date for pending points).
 */
export function earnForOrder(
  config: ProgramConfig,
  order: OrderForEarning,
  ctx: EarnContext,
): EarnOutcome {
  if (ctx.programCurrency && order.currency !== ctx.programCurrency)
    return nothing([
      `The order is in ${order.currency} and the program in ${ctx.programCurrency}: nothing earned`,
    ]);
  switch (config.type) {
    case "points":
    case "tiered":
      return earnPoints(config, order, ctx);
    case "cashback":
      return earnCashback(config, order, ctx);
    case "punch_card":
      return earnPunch(config, order, ctx);
    case "spend":
      return earnSpend(config, order, ctx);
    case "paid_membership":
      return nothing(["Paid memberships earn nothing from orders: members get their perks"]);
    case "referral":
      return nothing(["Referral programs reward the referee's first order, not every order"]);
  }
}

const BONUS_LABELS: Record<BonusAction, string> = {
  signup: "Signup bonus",
  birthday: "Birthday bonus",
  survey_answered: "Survey bonus",
  referral: "Referral bonus",
};

/**
 * Fixed points for an action other than an order (points and tiered programs). Null when
 * the program has no such bonus; a bonus configured as 0 counts as none. Tier multipliers
 * do not apply to bonuses.
 */
export function bonusPoints(
  config: ProgramConfig,
  action: BonusAction | { custom: string },
): { points: number; explanation: string } | null {
  if (config.type !== "points" && config.type !== "tiered") return null;
  const bonuses = config.earning.bonuses;
  if (typeof action === "string") {
    const points = bonuses[action];
    return points ? { points, explanation: `${BONUS_LABELS[action]}: ${pts(points)}` } : null;
  }
  const custom = bonuses.custom.find((c) => c.code === action.custom);
  return custom
    ? { points: custom.points, explanation: `${custom.label}: ${pts(custom.points)}` }
    : null;
}
