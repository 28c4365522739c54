import {
  isCurrencyCode,
  minorDigits,
  validateProgramConfig,
  type ConfigOf,
  type DowngradePolicy,
  type ProgramConfig,
  type ProgramType,
  type RefundPolicy,
  type RoundingMode,
} from "@trouw/domain";

/**
 * The program form's model and its translation to and from the domain's program `config`.
 * People type money in currency units, percentages as percent and durations as whole numbers;
 * the config speaks minor units and basis points. Problems use the API's paths
 * (`name`, `config.tiers[1].threshold`), so client and server problems land on the same field.
 */

export interface FormProblem {
  path: string;
  message: string;
}

let nextKey = 0;
/** A stable key for a row of a list editor (v-for), never sent anywhere. */
export const rowKey = () => ++nextKey;

export interface CategoryMultiplierRow {
  key: number;
  category: string;
  multiplier: number | null;
}

export interface CustomBonusRow {
  key: number;
  code: string;
  label: string;
  points: number | null;
}

export interface TierRow {
  key: number;
  name: string;
  code: string;
  /** Points, or currency units when tiers are reached by spend. */
  threshold: number | null;
  earnMultiplier: number | null;
  perks: string[];
}

export interface SpendThresholdRow {
  key: number;
  code: string;
  /** Currency units. */
  spend: number | null;
  rewardDescription: string;
  rewardId: string | null;
}

export type ExpiryKind = "none" | "fixed" | "inactivity";
export type QualificationBasis = "points_earned" | "spend";
export type WindowKind = "rolling" | "calendar_year";
export type Period = "month" | "year";

export interface PointsEarningDraft {
  ratePoints: number | null;
  /** Points are earned for every this many currency units. */
  ratePer: number | null;
  categoryMultipliers: CategoryMultiplierRow[];
  rounding: RoundingMode;
  bonuses: {
    signup: number | null;
    birthday: number | null;
    survey_answered: number | null;
    referral: number | null;
    custom: CustomBonusRow[];
  };
  pendingDays: number | null;
  expiryKind: ExpiryKind;
  expiryMonths: number | null;
  expiringNoticeDays: number | null;
}

export interface ProgramDraft {
  type: ProgramType;
  name: string;
  description: string;
  currency: string;
  /** Epoch milliseconds, as naive-ui's date pickers speak them. */
  validFrom: number | null;
  validUntil: number | null;
  autoEnrol: boolean;
  refundPolicy: RefundPolicy;
  anniversary: { enabled: boolean; description: string; rewardId: string | null };
  earning: PointsEarningDraft;
  tiers: TierRow[];
  qualificationBasis: QualificationBasis;
  windowKind: WindowKind;
  windowMonths: number | null;
  downgradePolicy: DowngradePolicy;
  cashback: {
    /** Percent of net spend, e.g. 2.5. */
    ratePercent: number | null;
    perOrderCap: number | null;
    periodCapEnabled: boolean;
    periodCap: number | null;
    period: Period;
    minimumPayout: number | null;
    pendingDays: number | null;
  };
  punchCard: {
    punchesRequired: number | null;
    minimumOrder: number | null;
    categories: string[];
    rewardDescription: string;
    rewardId: string | null;
  };
  membership: {
    plan: string;
    fee: number | null;
    billingPeriod: Period;
    graceDays: number | null;
    perks: string[];
  };
  spend: { thresholds: SpendThresholdRow[] };
  referral: {
    referrerPoints: number | null;
    refereePoints: number | null;
    minimumOrder: number | null;
    maxPerReferrer: number | null;
  };
}

export interface GeneralFields {
  name: string;
  description: string | null;
  currency: string;
  validFrom: string | null;
  validUntil: string | null;
}

const tier = (name: string, code: string, threshold: number, earnMultiplier: number): TierRow => ({
  key: rowKey(),
  name,
  code,
  threshold,
  earnMultiplier,
  perks: [],
});

/** A new program of `type` with the defaults a retailer would most likely keep. */
export function newDraft(type: ProgramType, currency = "EUR"): ProgramDraft {
  return {
    type,
    name: "",
    description: "",
    currency,
    validFrom: null,
    validUntil: null,
    autoEnrol: true,
    refundPolicy: "clamp",
    anniversary: { enabled: false, description: "", rewardId: null },
    earning: {
      ratePoints: 1,
      ratePer: 1,
      categoryMultipliers: [],
      rounding: "floor",
      bonuses: {
        signup: null,
        birthday: null,
        survey_answered: null,
        referral: null,
        custom: [],
      },
      pendingDays: 0,
      expiryKind: "none",
      expiryMonths: 12,
      expiringNoticeDays: 30,
    },
    tiers: [tier("Bronze", "bronze", 0, 1), tier("Silver", "silver", 500, 1.25)],
    qualificationBasis: "points_earned",
    windowKind: "rolling",
    windowMonths: 12,
    downgradePolicy: "drop_one",
    cashback: {
      ratePercent: 2,
      perOrderCap: null,
      periodCapEnabled: false,
      periodCap: null,
      period: "month",
      minimumPayout: 0,
      pendingDays: 0,
    },
    punchCard: {
      punchesRequired: 10,
      minimumOrder: 0,
      categories: [],
      rewardDescription: "",
      rewardId: null,
    },
    membership: { plan: "", fee: null, billingPeriod: "month", graceDays: 7, perks: [] },
    spend: {
      thresholds: [{ key: rowKey(), code: "", spend: null, rewardDescription: "", rewardId: null }],
    },
    referral: { referrerPoints: 100, refereePoints: 100, minimumOrder: 0, maxPerReferrer: null },
  };
}

/** Currency units → minor units (19.99 EUR → 1999); a blank stays blank. */
export function toMinor(major: number | null, currency: string): number | undefined {
  if (major === null || !Number.isFinite(major)) return undefined;
  return Math.round(major * 10 ** minorDigits(currency));
}

export function toMajor(minor: number | null | undefined, currency: string): number | null {
  if (minor === null || minor === undefined) return null;
  return minor / 10 ** minorDigits(currency);
}

/** 2.5 % → 250 basis points. */
export const toBasisPoints = (percent: number | null) =>
  percent === null || !Number.isFinite(percent) ? undefined : Math.round(percent * 100);

const num = (v: number | null) => (v === null || !Number.isFinite(v) ? undefined : v);
const text = (v: string) => v.trim();
/** A blank code is missing, not malformed: the domain then says "fill this in". */
const codeText = (v: string) => v.trim() || undefined;

function earningConfig(e: PointsEarningDraft, currency: string) {
  const multipliers: Record<string, number | undefined> = {};
  for (const row of e.categoryMultipliers)
    if (row.category !== "" && !(row.category in multipliers))
      multipliers[row.category] = num(row.multiplier);
  const bonuses: Record<string, unknown> = {
    custom: e.bonuses.custom.map((b) => ({
      code: codeText(b.code),
      label: text(b.label),
      points: num(b.points),
    })),
  };
  for (const action of ["signup", "birthday", "survey_answered", "referral"] as const) {
    const value = num(e.bonuses[action]);
    if (value !== undefined) bonuses[action] = value;
  }
  return {
    rate: { points: num(e.ratePoints), perMinor: toMinor(e.ratePer, currency) },
    categoryMultipliers: multipliers,
    rounding: e.rounding,
    bonuses,
    pendingDays: num(e.pendingDays),
    expiry:
      e.expiryKind === "none"
        ? { kind: "none" }
        : { kind: e.expiryKind, months: num(e.expiryMonths) },
    expiringNoticeDays: num(e.expiringNoticeDays),
  };
}

/**
 * The config the form stands for. Unparsed on purpose: blanks stay out, so the domain's
 * validation names what is missing and fills in its defaults.
 */
export function toConfig(d: ProgramDraft): Record<string, unknown> {
  const cur = d.currency;
  const common: Record<string, unknown> = {
    type: d.type,
    autoEnrol: d.autoEnrol,
    refundPolicy: d.refundPolicy,
  };
  if (d.anniversary.enabled)
    common.anniversaryReward = {
      description: text(d.anniversary.description),
      ...(d.anniversary.rewardId ? { rewardId: d.anniversary.rewardId } : {}),
    };
  const money = (v: number | null) => toMinor(v, cur);
  switch (d.type) {
    case "points":
      return { ...common, earning: earningConfig(d.earning, cur) };
    case "tiered": {
      const bySpend = d.qualificationBasis === "spend";
      return {
        ...common,
        earning: earningConfig(d.earning, cur),
        tiers: d.tiers.map((t) => ({
          code: codeText(t.code),
          name: text(t.name),
          threshold: bySpend ? money(t.threshold) : num(t.threshold),
          earnMultiplier: num(t.earnMultiplier),
          perks: t.perks.map(text).filter(Boolean),
        })),
        qualification: {
          basis: d.qualificationBasis,
          window:
            d.windowKind === "rolling"
              ? { kind: "rolling", months: num(d.windowMonths) }
              : { kind: "calendar_year" },
        },
        downgradePolicy: d.downgradePolicy,
      };
    }
    case "cashback": {
      const c = d.cashback;
      return {
        ...common,
        rateBasisPoints: toBasisPoints(c.ratePercent),
        ...(c.perOrderCap !== null ? { perOrderCapMinor: money(c.perOrderCap) } : {}),
        ...(c.periodCapEnabled
          ? { perPeriodCap: { amountMinor: money(c.periodCap), period: c.period } }
          : {}),
        minimumPayoutMinor: money(c.minimumPayout),
        pendingDays: num(c.pendingDays),
      };
    }
    case "punch_card": {
      const p = d.punchCard;
      return {
        ...common,
        punchesRequired: num(p.punchesRequired),
        minimumOrderMinor: money(p.minimumOrder),
        categories: p.categories.map(text).filter(Boolean),
        rewardDescription: text(p.rewardDescription),
        ...(p.rewardId ? { rewardId: p.rewardId } : {}),
      };
    }
    case "paid_membership": {
      const m = d.membership;
      return {
        ...common,
        plan: text(m.plan),
        feeMinor: money(m.fee),
        billingPeriod: m.billingPeriod,
        graceDays: num(m.graceDays),
        perks: m.perks.map(text).filter(Boolean),
      };
    }
    case "spend":
      return {
        ...common,
        thresholds: d.spend.thresholds.map((t) => ({
          code: codeText(t.code),
          spendMinor: money(t.spend),
          rewardDescription: text(t.rewardDescription),
          ...(t.rewardId ? { rewardId: t.rewardId } : {}),
        })),
      };
    case "referral": {
      const r = d.referral;
      return {
        ...common,
        referrerPoints: num(r.referrerPoints),
        refereePoints: num(r.refereePoints),
        minimumOrderMinor: money(r.minimumOrder),
        ...(r.maxPerReferrer !== null ? { maxPerReferrer: num(r.maxPerReferrer) } : {}),
      };
    }
  }
}

function earningDraft(
  e: ConfigOf<"points">["earning"],
  currency: string,
  base: PointsEarningDraft,
): PointsEarningDraft {
  return {
    ratePoints: e.rate.points,
    ratePer: toMajor(e.rate.perMinor, currency),
    categoryMultipliers: Object.entries(e.categoryMultipliers).map(([category, multiplier]) => ({
      key: rowKey(),
      category,
      multiplier,
    })),
    rounding: e.rounding,
    bonuses: {
      signup: e.bonuses.signup ?? null,
      birthday: e.bonuses.birthday ?? null,
      survey_answered: e.bonuses.survey_answered ?? null,
      referral: e.bonuses.referral ?? null,
      custom: e.bonuses.custom.map((b) => ({ key: rowKey(), ...b })),
    },
    pendingDays: e.pendingDays,
    expiryKind: e.expiry.kind,
    expiryMonths: e.expiry.kind === "none" ? base.expiryMonths : e.expiry.months,
    expiringNoticeDays: e.expiringNoticeDays,
  };
}

/**
 * The form for a saved program. The config is parsed with the domain's schema first, so
 * defaults a stored config left out show as the values that apply.
 */
export function draftFrom(general: GeneralFields, stored: Record<string, unknown>): ProgramDraft {
  const checked = validateProgramConfig(stored);
  // A stored config always passed validation; fall back to its raw shape if the rules tightened.
  const config = (checked.ok ? checked.config : stored) as ProgramConfig;
  const cur = general.currency;
  const d = newDraft(config.type, cur);
  d.name = general.name;
  d.description = general.description ?? "";
  d.validFrom = general.validFrom ? Date.parse(general.validFrom) : null;
  d.validUntil = general.validUntil ? Date.parse(general.validUntil) : null;
  d.autoEnrol = config.autoEnrol ?? true;
  d.refundPolicy = config.refundPolicy ?? "clamp";
  if (config.anniversaryReward)
    d.anniversary = {
      enabled: true,
      description: config.anniversaryReward.description,
      rewardId: config.anniversaryReward.rewardId ?? null,
    };
  switch (config.type) {
    case "points":
      d.earning = earningDraft(config.earning, cur, d.earning);
      break;
    case "tiered": {
      d.earning = earningDraft(config.earning, cur, d.earning);
      const bySpend = config.qualification.basis === "spend";
      d.tiers = config.tiers.map((t) => ({
        key: rowKey(),
        name: t.name,
        code: t.code,
        threshold: bySpend ? toMajor(t.threshold, cur) : t.threshold,
        earnMultiplier: t.earnMultiplier,
        perks: [...t.perks],
      }));
      d.qualificationBasis = config.qualification.basis;
      d.windowKind = config.qualification.window.kind;
      if (config.qualification.window.kind === "rolling")
        d.windowMonths = config.qualification.window.months;
      d.downgradePolicy = config.downgradePolicy;
      break;
    }
    case "cashback":
      d.cashback = {
        ratePercent: config.rateBasisPoints / 100,
        perOrderCap: toMajor(config.perOrderCapMinor, cur),
        periodCapEnabled: Boolean(config.perPeriodCap),
        periodCap: toMajor(config.perPeriodCap?.amountMinor, cur),
        period: config.perPeriodCap?.period ?? "month",
        minimumPayout: toMajor(config.minimumPayoutMinor, cur),
        pendingDays: config.pendingDays,
      };
      break;
    case "punch_card":
      d.punchCard = {
        punchesRequired: config.punchesRequired,
        minimumOrder: toMajor(config.minimumOrderMinor, cur),
        categories: [...config.categories],
        rewardDescription: config.rewardDescription,
        rewardId: config.rewardId ?? null,
      };
      break;
    case "paid_membership":
      d.membership = {
        plan: config.plan,
        fee: toMajor(config.feeMinor, cur),
        billingPeriod: config.billingPeriod,
        graceDays: config.graceDays,
        perks: [...config.perks],
      };
      break;
    case "spend":
      d.spend.thresholds = config.thresholds.map((t) => ({
        key: rowKey(),
        code: t.code,
        spend: toMajor(t.spendMinor, cur),
        rewardDescription: t.rewardDescription,
        rewardId: t.rewardId ?? null,
      }));
      break;
    case "referral":
      d.referral = {
        referrerPoints: config.referrerPoints,
        refereePoints: config.refereePoints,
        minimumOrder: toMajor(config.minimumOrderMinor, cur),
        maxPerReferrer: config.maxPerReferrer ?? null,
      };
      break;
  }
  return d;
}

/** The program input the API takes (create and update). */
export function toProgramInput(d: ProgramDraft) {
  return {
    name: d.name.trim(),
    description: d.description.trim() || null,
    currency: d.currency.trim().toUpperCase(),
    validFrom: d.validFrom === null ? null : new Date(d.validFrom).toISOString(),
    validUntil: d.validUntil === null ? null : new Date(d.validUntil).toISOString(),
    config: toConfig({ ...d, currency: d.currency.trim().toUpperCase() }),
  };
}

/** Rows the config cannot express: a category multiplier without a category, or twice the same one. */
function rowProblems(d: ProgramDraft): FormProblem[] {
  if (d.type !== "points" && d.type !== "tiered") return [];
  const problems: FormProblem[] = [];
  const seen = new Set<string>();
  d.earning.categoryMultipliers.forEach((row, i) => {
    const path = `config.earning.categoryMultipliers[${i}]`;
    if (row.category.trim() === "") problems.push({ path, message: "category required" });
    else if (seen.has(row.category))
      problems.push({ path, message: `duplicates the category "${row.category}"` });
    seen.add(row.category);
  });
  return problems;
}

/** The API's own checks of the fields around the config (name, currency, validity). */
function generalProblems(d: ProgramDraft): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!d.name.trim()) problems.push({ path: "name", message: "must not be empty" });
  else if (d.name.trim().length > 120)
    problems.push({ path: "name", message: "at most 120 characters" });
  if (!isCurrencyCode(d.currency.trim().toUpperCase()))
    problems.push({ path: "currency", message: "must be an ISO 4217 code such as EUR" });
  if (d.validFrom !== null && d.validUntil !== null && d.validUntil <= d.validFrom)
    problems.push({ path: "validUntil", message: "must be after validFrom" });
  return problems;
}

/** Every problem of the form, with the API's paths. */
export function draftProblems(d: ProgramDraft): FormProblem[] {
  const result = validateProgramConfig(toProgramInput(d).config);
  return [
    ...generalProblems(d),
    ...rowProblems(d),
    ...(result.ok
      ? []
      : result.problems.map((p) => ({ ...p, path: p.path ? `config.${p.path}` : "config" }))),
  ];
}

/** Where a category multiplier row's problems are: by its category (domain) or its index (form). */
export function categoryRowPaths(row: CategoryMultiplierRow, index: number): string[] {
  return [
    `config.earning.categoryMultipliers[${index}]`,
    ...(row.category ? [`config.earning.categoryMultipliers.${row.category}`] : []),
  ];
}

/** Moves a row of a list editor up (-1) or down (+1). */
export function moveRow<T>(rows: T[], index: number, delta: -1 | 1): void {
  const to = index + delta;
  if (to < 0 || to >= rows.length) return;
  const [row] = rows.splice(index, 1);
  rows.splice(to, 0, row!);
}

/** A tier code from its name ("Gold Plus" → "gold-plus"), for people who leave the code alone. */
export function codeFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|-+$/g, "")
    .slice(0, 40);
}
