import { and, or, rule, type RuleNode } from "../ast";
import { EVER, ORDERS, aggregateOf, between, countOf, daysSince, gte } from "./signals";
import {
  checkAscending,
  type SegmentTemplate,
  type TemplateParameter,
  type TemplateValues,
} from "./template";

/*
 * RFM: every buyer gets a score of 1-5 per dimension from four cut points each, and the
 * classic named cells are ranges of recency (R) and of FM, the mean of frequency and
 * monetary rounded down (floor((F + M) / 2)). The cells tile the 5 x 5 grid of R and FM,
 * so every customer with an order is in exactly one (customers without one are in none).
 *
 *   FM \ R  |  1                  2             3                4                   5
 *   5       |  Can't lose them    Can't lose    Loyal            Loyal               Champions
 *   4       |  At risk            At risk       Loyal            Loyal               Champions
 *   3       |  At risk            At risk       Need attention   Potential loyalist  Potential loyalist
 *   2       |  Lost               Hibernating   About to sleep   Potential loyalist  Potential loyalist
 *   1       |  Lost               Hibernating   About to sleep   Promising           New
 */

export type ScoreRange = readonly [lo: number, hi: number];

export interface RfmCell {
  key: string;
  name: string;
  recency: ScoreRange;
  fm: ScoreRange;
  meaning: string;
  treatment: string;
}

export const RFM_CELLS: readonly RfmCell[] = [
  {
    key: "rfm_champions",
    name: "Champions",
    recency: [5, 5],
    fm: [4, 5],
    meaning: "Bought recently, buy often and spend the most.",
    treatment: "Reward them; early access to new products; they will promote the brand.",
  },
  {
    key: "rfm_loyal",
    name: "Loyal",
    recency: [3, 4],
    fm: [4, 5],
    meaning: "Buy often and spend well, though not in the last weeks.",
    treatment: "Offer higher-value products and loyalty perks; ask for reviews.",
  },
  {
    key: "rfm_potential_loyalist",
    name: "Potential loyalist",
    recency: [4, 5],
    fm: [2, 3],
    meaning: "Recent customers with a few orders and average spend.",
    treatment: "Invite them into the loyalty program; recommend related products.",
  },
  {
    key: "rfm_new",
    name: "New",
    recency: [5, 5],
    fm: [1, 1],
    meaning: "Bought very recently, once or twice, for a small amount.",
    treatment: "Onboard them and make the second order easy.",
  },
  {
    key: "rfm_promising",
    name: "Promising",
    recency: [4, 4],
    fm: [1, 1],
    meaning: "Bought recently, but little and rarely.",
    treatment: "Build awareness of the range; a small incentive for the next order.",
  },
  {
    key: "rfm_need_attention",
    name: "Need attention",
    recency: [3, 3],
    fm: [3, 3],
    meaning: "Average recency, frequency and spend.",
    treatment: "Limited-time offers and recommendations based on past purchases.",
  },
  {
    key: "rfm_about_to_sleep",
    name: "About to sleep",
    recency: [3, 3],
    fm: [1, 2],
    meaning: "Below-average frequency and spend, and fading recency.",
    treatment: "Reconnect with popular products and useful content before they drift off.",
  },
  {
    key: "rfm_at_risk",
    name: "At risk",
    recency: [1, 2],
    fm: [3, 4],
    meaning: "Bought often and spent well, but long ago.",
    treatment: "Personal win-back messages; find out what changed.",
  },
  {
    key: "rfm_cant_lose_them",
    name: "Can't lose them",
    recency: [1, 2],
    fm: [5, 5],
    meaning: "Were among the best customers and have not come back for a long time.",
    treatment:
      "Contact them personally; win them back with what they used to buy, not just a discount.",
  },
  {
    key: "rfm_hibernating",
    name: "Hibernating",
    recency: [2, 2],
    fm: [1, 2],
    meaning: "Last order long ago, few orders, low spend.",
    treatment: "Offer relevant products and an occasional special offer; do not over-mail.",
  },
  {
    key: "rfm_lost",
    name: "Lost",
    recency: [1, 1],
    fm: [1, 2],
    meaning: "Lowest recency, frequency and spend.",
    treatment: "One reactivation campaign at most; otherwise let them go.",
  },
];

const SCORES = [1, 2, 3, 4, 5] as const;

export const RECENCY_KEYS = ["r5MaxDays", "r4MaxDays", "r3MaxDays", "r2MaxDays"] as const;
export const FREQUENCY_KEYS = ["f2MinOrders", "f3MinOrders", "f4MinOrders", "f5MinOrders"] as const;
export const MONETARY_KEYS = [
  "m2MinSpendMinor",
  "m3MinSpendMinor",
  "m4MinSpendMinor",
  "m5MinSpendMinor",
] as const;

const RECENCY_DEFAULTS = [30, 90, 180, 365];
const FREQUENCY_DEFAULTS = [2, 3, 5, 8];
const MONETARY_DEFAULTS = [5_000, 15_000, 40_000, 100_000];

export const RFM_PARAMETERS: TemplateParameter[] = [
  ...RECENCY_KEYS.map(
    (key, i): TemplateParameter => ({
      key,
      label: `Recency ${5 - i}: last order at most (days)`,
      description: `Score R${5 - i} or higher when the last order was at most this many days ago.`,
      type: "days",
      default: RECENCY_DEFAULTS[i]!,
    }),
  ),
  ...FREQUENCY_KEYS.map(
    (key, i): TemplateParameter => ({
      key,
      label: `Frequency ${i + 2}: at least (orders)`,
      description: `Score F${i + 2} or higher from this many orders (all time).`,
      type: "count",
      default: FREQUENCY_DEFAULTS[i]!,
      min: 2,
    }),
  ),
  ...MONETARY_KEYS.map(
    (key, i): TemplateParameter => ({
      key,
      label: `Monetary ${i + 2}: at least (order value)`,
      description: `Score M${i + 2} or higher from this net order value (all time, after discounts, before refunds), in minor units of the shop currency.`,
      type: "money",
      default: MONETARY_DEFAULTS[i]!,
      min: 1,
    }),
  ),
];

/** Recency cut points run downwards in days (R5 is the most recent), the others upwards. */
function checkCutPoints(v: TemplateValues) {
  return [
    ...checkAscending(v, [...RECENCY_KEYS]),
    ...checkAscending(v, [...FREQUENCY_KEYS]),
    ...checkAscending(v, [...MONETARY_KEYS]),
  ];
}

/** Least value (inclusive) for score s, s = 2..5, from the ascending minimum cut points. */
const minFor = (v: TemplateValues, keys: readonly string[], s: number) => v[keys[s - 2]!]!;
/** Most days since the last order for recency score s = 2..5. */
const maxDaysFor = (v: TemplateValues, s: number) => v[RECENCY_KEYS[5 - s]!]!;

/** R in [lo, hi]: days since the last order, which also requires an order. */
function recencyIn(v: TemplateValues, [lo, hi]: ScoreRange): RuleNode {
  const minDays = hi < 5 ? maxDaysFor(v, hi + 1) + 1 : 0;
  const maxDays = lo > 1 ? maxDaysFor(v, lo) : null;
  return daysSince("last", ORDERS, maxDays === null ? gte(minDays) : between(minDays, maxDays));
}

/** An integer measure in the score range [lo, hi] given ascending minimum cut points. */
function scoreBetween(
  v: TemplateValues,
  keys: readonly string[],
  [lo, hi]: ScoreRange,
): { min: number; max: number | null } {
  return {
    min: lo > 1 ? minFor(v, keys, lo) : 0,
    max: hi < 5 ? minFor(v, keys, hi + 1) - 1 : null,
  };
}

function frequencyIs(v: TemplateValues, f: number): RuleNode {
  const { min, max } = scoreBetween(v, FREQUENCY_KEYS, [f, f]);
  return countOf(ORDERS, EVER, max === null ? gte(min) : between(min, max));
}

function monetaryIn(v: TemplateValues, range: ScoreRange): RuleNode | null {
  if (range[0] === 1 && range[1] === 5) return null;
  const { min, max } = scoreBetween(v, MONETARY_KEYS, range);
  return aggregateOf("sum", ORDERS, EVER, max === null ? gte(min) : between(min, max));
}

/** floor((F + M) / 2) in [lo, hi], as one branch per frequency score. */
function fmIn(v: TemplateValues, [lo, hi]: ScoreRange): RuleNode {
  const branches: RuleNode[] = [];
  for (const f of SCORES) {
    const m: ScoreRange = [Math.max(1, 2 * lo - f), Math.min(5, 2 * hi + 1 - f)];
    if (m[0] > m[1]) continue;
    const money = monetaryIn(v, m);
    branches.push(money ? and(frequencyIs(v, f), money) : frequencyIs(v, f));
  }
  return or(...branches);
}

const RFM_DESCRIPTION =
  "Scores every buyer 1-5 on recency (days since the last order), frequency (orders, all time) and monetary value (net order value, all time); FM is the mean of F and M rounded down. The cut points are parameters because a rule looks at one customer at a time: the defaults approximate the quintiles of a typical retailer and can be recomputed from the shop's own data (for example the 20/40/60/80% percentiles of each measure over all buyers). Refunds are not subtracted from the order value.";

function describeRange(dim: string, [lo, hi]: ScoreRange) {
  return lo === hi ? `${dim} ${lo}` : `${dim} ${lo}-${hi}`;
}

export const RFM_TEMPLATES: SegmentTemplate[] = RFM_CELLS.map((cell) => ({
  key: cell.key,
  name: cell.name,
  group: "rfm",
  description: `${cell.meaning} Cell: ${describeRange("R", cell.recency)} and ${describeRange("FM", cell.fm)}. ${RFM_DESCRIPTION}`,
  treatment: cell.treatment,
  parameters: RFM_PARAMETERS,
  check: checkCutPoints,
  build: (v) => rule(and(recencyIn(v, cell.recency), fmIn(v, cell.fm))),
}));

/** What RFM scores a buyer on; how the API would read it from the events table. */
export interface BuyerMeasures {
  daysSinceLastOrder: number;
  orders: number;
  spendMinor: number;
}

/**
 * Cut points at the 20/40/60/80% quantiles of the shop's own buyers, to replace the defaults.
 * Ties (most customers order once) would make cut points equal; they are then nudged apart,
 * which leaves the lowest score larger than a fifth, as it is in the data.
 */
export function rfmCutPointsFromData(buyers: readonly BuyerMeasures[]): TemplateValues {
  if (buyers.length === 0) return Object.fromEntries(RFM_PARAMETERS.map((p) => [p.key, p.default]));
  const sorted = (pick: (b: BuyerMeasures) => number) => buyers.map(pick).sort((a, b) => a - b);
  const n = buyers.length;
  /** Strictly increasing from `floor`, each at least its quantile. */
  const ascending = (quantiles: number[], floor: number) => {
    const out: number[] = [];
    for (const q of quantiles) out.push(Math.max(q, out.length ? out[out.length - 1]! + 1 : floor));
    return out;
  };
  const days = sorted((b) => b.daysSinceLastOrder);
  // R5 is the most recent fifth: the largest days-since among them, and so on.
  const recency = ascending(
    [1, 2, 3, 4].map((k) => days[Math.max(0, Math.ceil((k * n) / 5) - 1)]!),
    0,
  );
  // Score s starts at the first value of the upper (5 - s + 1) fifths.
  const upper = (values: number[], floor: number) =>
    ascending(
      [1, 2, 3, 4].map((k) => values[Math.min(n - 1, Math.floor((k * n) / 5))]!),
      floor,
    );
  const frequency = upper(
    sorted((b) => b.orders),
    2,
  );
  const monetary = upper(
    sorted((b) => b.spendMinor),
    1,
  );
  return Object.fromEntries([
    ...RECENCY_KEYS.map((k, i) => [k, recency[i]!]),
    ...FREQUENCY_KEYS.map((k, i) => [k, frequency[i]!]),
    ...MONETARY_KEYS.map((k, i) => [k, monetary[i]!]),
  ]);
}
