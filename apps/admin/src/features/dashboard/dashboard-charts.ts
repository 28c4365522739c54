/**
 * What the dashboard draws, as pure functions of the API's numbers: period labels, the period
 * a KPI card reports, and the ECharts options of each card (tested without a canvas).
 */
import { formatMoney, minorDigits, type Money } from "@trouw/domain";
import {
  NPS_COLOURS,
  trendOption,
  type TrendPoint,
} from "@/features/surveys/results/results-charts";

const ACCENT = "#0f766e";
const RED = NPS_COLOURS.detractor;
const AMBER = NPS_COLOURS.passive;
const BLUE = "#2563eb";
const GREY = "#9ca3af";
/** Bars of a running (unfinished) period are drawn fainter: their figures still move. */
const RUNNING_OPACITY = 0.45;

export interface PeriodLike {
  periodStart: string;
  complete: boolean;
}

/**
 * The period a KPI card reports: the latest one that has ended, or the running one when none
 * has (a running period's counts are partial, so a finished one is the fairer headline).
 */
export function reportedPeriod<T extends PeriodLike>(periods: readonly T[]): T | null {
  for (let i = periods.length - 1; i >= 0; i--) if (periods[i]!.complete) return periods[i]!;
  return periods.at(-1) ?? null;
}

/** "Mar 2025" or, for quarters, what `quarter(q, year)` says ("Q1 2025"); periods are UTC. */
export function periodLabel(
  start: string,
  granularity: "month" | "quarter",
  locale: string,
  quarter: (q: number, year: number) => string,
): string {
  const d = new Date(start);
  if (granularity === "quarter")
    return quarter(Math.floor(d.getUTCMonth() / 3) + 1, d.getUTCFullYear());
  return new Intl.DateTimeFormat(locale, {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(d);
}

/** A percentage with at most one decimal, in the admin's language: "87.5%" / "87,5%". */
export function formatPercent(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(
    value / 100,
  );
}

/** Money in its currency, rounded to whole major units (axis labels, bucket bounds). */
export function formatMoneyShort(m: Money, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: m.currency,
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  }).format(m.amountMinor / 10 ** minorDigits(m.currency));
}

const fade = (running: boolean, color: string) =>
  running ? { color, opacity: RUNNING_OPACITY } : { color };

export interface RetentionPoint extends PeriodLike {
  retentionRate: number | null;
  churnRate: number | null;
}

/** Retention and churn per period as bars on a 0-100% axis; a running period is fainter. */
export function retentionOption(
  periods: readonly RetentionPoint[],
  axis: readonly string[],
  names: { retention: string; churn: string },
  locale: string,
) {
  const percent = (v: number | null) => formatPercent(v, locale);
  return {
    animation: false,
    color: [ACCENT, RED],
    legend: { data: [names.retention, names.churn], top: 0 },
    tooltip: { trigger: "axis", valueFormatter: percent },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: "category", data: [...axis] },
    yAxis: {
      type: "value",
      min: 0,
      max: 100,
      axisLabel: { formatter: (v: number) => percent(v) },
    },
    series: [
      {
        name: names.retention,
        type: "bar",
        barMaxWidth: 22,
        data: periods.map((p) => ({
          value: p.retentionRate,
          itemStyle: fade(!p.complete, ACCENT),
        })),
      },
      {
        name: names.churn,
        type: "bar",
        barMaxWidth: 22,
        data: periods.map((p) => ({ value: p.churnRate, itemStyle: fade(!p.complete, RED) })),
      },
    ],
  };
}

export interface OrderPoint extends PeriodLike {
  repeatPurchaseRate: number | null;
  averageOrderValue: Money | null | undefined;
}

/** Average order value as bars (money axis) and the repeat purchase rate as a line (0-100%). */
export function ordersOption(
  periods: readonly OrderPoint[],
  axis: readonly string[],
  currency: string,
  names: { aov: string; repeat: string },
  locale: string,
) {
  const digits = minorDigits(currency);
  const money = (major: number) =>
    formatMoneyShort({ amountMinor: Math.round(major * 10 ** digits), currency }, locale);
  return {
    animation: false,
    color: [BLUE, AMBER],
    legend: { data: [names.aov, names.repeat], top: 0 },
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const k = params[0]?.dataIndex ?? -1;
        const p = periods[k];
        if (!p) return "";
        const aov = p.averageOrderValue ? formatMoney(p.averageOrderValue, locale) : "—";
        return `${axis[k]}<br/>${names.aov}: ${aov}<br/>${names.repeat}: ${formatPercent(p.repeatPurchaseRate, locale)}`;
      },
    },
    grid: { left: 64, right: 56, top: 36, bottom: 28 },
    xAxis: { type: "category", data: [...axis] },
    yAxis: [
      { type: "value", axisLabel: { formatter: money } },
      {
        type: "value",
        min: 0,
        max: 100,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => formatPercent(v, locale) },
      },
    ],
    series: [
      {
        name: names.aov,
        type: "bar",
        barMaxWidth: 22,
        data: periods.map((p) => ({
          value: p.averageOrderValue ? p.averageOrderValue.amountMinor / 10 ** digits : null,
          itemStyle: fade(!p.complete, BLUE),
        })),
      },
      {
        name: names.repeat,
        type: "line",
        yAxisIndex: 1,
        connectNulls: false,
        symbolSize: 7,
        data: periods.map((p) => p.repeatPurchaseRate),
      },
    ],
  };
}

export interface ClvBucketLike {
  fromMinor: number;
  toMinor: number | null;
  customers: number;
}

/** "€0–€50" per bucket, "€500+" for the open-ended last one. */
export function clvBucketLabels(
  buckets: readonly ClvBucketLike[],
  currency: string,
  locale: string,
): string[] {
  const m = (amountMinor: number) => formatMoneyShort({ amountMinor, currency }, locale);
  return buckets.map((b) =>
    b.toMinor === null ? `${m(b.fromMinor)}+` : `${m(b.fromMinor)}–${m(b.toMinor)}`,
  );
}

/** Customers per historic-CLV bucket. */
export function clvHistogramOption(
  buckets: readonly ClvBucketLike[],
  currency: string,
  names: { customers: string },
  locale: string,
) {
  const number = new Intl.NumberFormat(locale);
  return {
    animation: false,
    color: [ACCENT],
    tooltip: { trigger: "axis", valueFormatter: (v: number) => number.format(v) },
    grid: { left: 48, right: 12, top: 16, bottom: 48 },
    xAxis: {
      type: "category",
      data: clvBucketLabels(buckets, currency, locale),
      axisLabel: { interval: 0, rotate: buckets.length > 6 ? 30 : 0, fontSize: 11 },
    },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        name: names.customers,
        type: "bar",
        barCategoryGap: "12%",
        data: buckets.map((b) => b.customers),
      },
    ],
  };
}

export interface NpsPoint extends PeriodLike {
  nps: {
    score: number | null;
    total: number;
    confidence: { level: TrendPoint["level"]; n: number; marginOfError: number | null };
  };
}

/**
 * The NPS per period as the survey results draw it (a period with too few answers grey and
 * dashed), plus the answers per period as bars on a second axis.
 */
export function npsOption(
  periods: readonly NpsPoint[],
  axis: readonly string[],
  names: {
    score: string;
    insufficient: string;
    responses: string;
    describe: (p: TrendPoint) => string;
  },
  locale: string,
) {
  const points: TrendPoint[] = periods.map((p) => ({
    start: p.periodStart,
    score: p.nps.score,
    n: p.nps.confidence.n,
    level: p.nps.confidence.level,
    marginOfError: p.nps.confidence.marginOfError,
  }));
  const base = trendOption(points, names, locale, { min: -100, max: 100 });
  const number = new Intl.NumberFormat(locale);
  return {
    ...base,
    color: [ACCENT, GREY, "#cbd5e1"],
    legend: { data: [names.score, names.insufficient, names.responses], top: 0 },
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const k = params[0]?.dataIndex ?? -1;
        const p = points[k];
        return p ? `${axis[k]}<br/>${names.describe(p)}` : "";
      },
    },
    grid: { left: 44, right: 16, top: 36, bottom: 28 },
    xAxis: { type: "category", data: [...axis] },
    yAxis: [
      base.yAxis,
      {
        // The answer counts stay in the lower third, under the score line; each bar is labelled.
        type: "value",
        min: 0,
        max: (extent: { max: number }) => Math.max(1, extent.max) * 3,
        show: false,
      },
    ],
    series: [
      ...base.series,
      {
        name: names.responses,
        type: "bar",
        yAxisIndex: 1,
        z: 1,
        barMaxWidth: 18,
        itemStyle: { color: "#cbd5e1" },
        label: {
          show: true,
          position: "insideBottom",
          color: "#374151",
          fontSize: 11,
          formatter: (p: { value: number }) => (p.value ? number.format(p.value) : ""),
        },
        data: periods.map((p) => p.nps.total),
      },
    ],
  };
}

export interface LoyaltyPoint extends PeriodLike {
  earned: number;
  burned: number;
  redemptionRate: number | null;
}

/** Points earned and redeemed per period as bars, the redemption rate as a line (%). */
export function loyaltyOption(
  periods: readonly LoyaltyPoint[],
  axis: readonly string[],
  names: { earned: string; burned: string; rate: string },
  locale: string,
) {
  const number = new Intl.NumberFormat(locale, { notation: "compact" });
  return {
    animation: false,
    color: [ACCENT, AMBER, BLUE],
    legend: { data: [names.earned, names.burned, names.rate], top: 0 },
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const k = params[0]?.dataIndex ?? -1;
        const p = periods[k];
        if (!p) return "";
        const n = new Intl.NumberFormat(locale);
        return `${axis[k]}<br/>${names.earned}: ${n.format(p.earned)}<br/>${names.burned}: ${n.format(p.burned)}<br/>${names.rate}: ${formatPercent(p.redemptionRate, locale)}`;
      },
    },
    grid: { left: 56, right: 56, top: 36, bottom: 28 },
    xAxis: { type: "category", data: [...axis] },
    yAxis: [
      { type: "value", axisLabel: { formatter: (v: number) => number.format(v) } },
      {
        type: "value",
        min: 0,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => formatPercent(v, locale) },
      },
    ],
    series: [
      {
        name: names.earned,
        type: "bar",
        barMaxWidth: 16,
        data: periods.map((p) => ({ value: p.earned, itemStyle: fade(!p.complete, ACCENT) })),
      },
      {
        name: names.burned,
        type: "bar",
        barMaxWidth: 16,
        data: periods.map((p) => ({ value: p.burned, itemStyle: fade(!p.complete, AMBER) })),
      },
      {
        name: names.rate,
        type: "line",
        yAxisIndex: 1,
        symbolSize: 7,
        data: periods.map((p) => p.redemptionRate),
      },
    ],
  };
}

export interface SegmentSize {
  id: string;
  name: string;
  memberCount: number;
}

/**
 * The largest segments as horizontal bars, largest on top; each bar carries its segment id so
 * a click can open the segment.
 */
export function segmentSizesOption(
  segments: readonly SegmentSize[],
  names: { members: string },
  locale: string,
) {
  const number = new Intl.NumberFormat(locale);
  // ECharts draws a category axis bottom-up: the smallest first puts the largest on top.
  const ordered = [...segments].sort((a, b) => a.memberCount - b.memberCount);
  return {
    animation: false,
    color: [ACCENT],
    tooltip: { trigger: "axis", valueFormatter: (v: number) => number.format(v) },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: "value",
      minInterval: 1,
      axisLabel: { show: false },
      splitLine: { show: false },
    },
    yAxis: {
      type: "category",
      data: ordered.map((s) => s.name),
      axisLabel: { width: 160, overflow: "truncate" },
    },
    series: [
      {
        name: names.members,
        type: "bar",
        barMaxWidth: 18,
        cursor: "pointer",
        label: {
          show: true,
          position: "right",
          formatter: (p: { value: number }) => number.format(p.value),
        },
        data: ordered.map((s) => ({ value: s.memberCount, id: s.id })),
      },
    ],
  };
}
