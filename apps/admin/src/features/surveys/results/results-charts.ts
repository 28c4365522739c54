/**
 * ECharts options for the survey results: the NPS gauge, the 0-10 answer histogram and the
 * score trend per month, where a month with too few answers to trust is drawn grey and dashed.
 * Pure functions of the API's numbers, so they are tested without a canvas.
 */

export type ConfidenceLevel = "INSUFFICIENT" | "LOW" | "OK";

export const NPS_COLOURS = {
  detractor: "#dc2626",
  passive: "#f59e0b",
  promoter: "#16a34a",
} as const;
const ACCENT = "#0f766e";
const GREY = "#9ca3af";

/** A gauge from -100 to 100, banded red below 0, amber to 30, green to 70, teal above. */
export function npsGaugeOption(score: number | null, label: string, locale: string) {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    animation: false,
    series: [
      {
        type: "gauge",
        min: -100,
        max: 100,
        startAngle: 180,
        endAngle: 0,
        splitNumber: 4,
        // A half circle filling a wide, low box: the radius is relative to half the box's height.
        radius: "130%",
        center: ["50%", "70%"],
        axisLine: {
          lineStyle: {
            width: 18,
            color: [
              [0.5, NPS_COLOURS.detractor],
              [0.65, NPS_COLOURS.passive],
              [0.85, NPS_COLOURS.promoter],
              [1, ACCENT],
            ],
          },
        },
        pointer: { show: score !== null, length: "60%", width: 6, itemStyle: { color: "#1f2328" } },
        anchor: { show: score !== null, size: 10, itemStyle: { color: "#1f2328" } },
        axisTick: { show: false },
        splitLine: { length: 18, lineStyle: { color: "#fff", width: 2 } },
        axisLabel: { distance: 24, color: "#6b7280", fontSize: 11 },
        title: { show: false },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, "22%"],
          fontSize: 28,
          fontWeight: 700,
          color: "#1f2328",
          formatter: () => (score === null ? "—" : number.format(score)),
        },
        data: [{ value: score ?? 0, name: label }],
      },
    ],
  };
}

/** Answers per NPS score 0 to 10, coloured by category. */
export function distributionOption(
  distribution: readonly number[],
  labels: { answers: string },
  locale: string,
) {
  const number = new Intl.NumberFormat(locale);
  const colour = (score: number) =>
    score <= 6 ? NPS_COLOURS.detractor : score <= 8 ? NPS_COLOURS.passive : NPS_COLOURS.promoter;
  return {
    animation: false,
    tooltip: { trigger: "axis", valueFormatter: (v: number) => number.format(v) },
    grid: { left: 40, right: 12, top: 16, bottom: 28 },
    xAxis: { type: "category", data: distribution.map((_, i) => String(i)) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        name: labels.answers,
        type: "bar",
        barMaxWidth: 36,
        data: distribution.map((value, i) => ({ value, itemStyle: { color: colour(i) } })),
      },
    ],
  };
}

export interface TrendPoint {
  /** Start of the period (ISO); null for an open start. */
  start: string | null;
  score: number | null;
  n: number;
  level: ConfidenceLevel;
  marginOfError: number | null;
}

export interface TrendLabels {
  score: string;
  insufficient: string;
  /** The tooltip's line for one period. */
  describe: (point: TrendPoint) => string;
}

/** "Mar 2025" for a period start, in the admin's language and in UTC (periods are UTC months). */
export function monthLabel(start: string | null, locale: string): string {
  if (!start) return "";
  return new Intl.DateTimeFormat(locale, {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(start));
}

/**
 * The score per period as a line. Months with enough answers are a solid line; a month with
 * too few (INSUFFICIENT) is a grey point on a dashed grey line, so it is seen but not trusted;
 * a month without answers is a gap.
 */
export function trendOption(
  points: readonly TrendPoint[],
  labels: TrendLabels,
  locale: string,
  range: { min: number; max: number },
) {
  const trusted = (p: TrendPoint) => p.score !== null && p.level !== "INSUFFICIENT";
  return {
    animation: false,
    color: [ACCENT, GREY],
    legend: { data: [labels.score, labels.insufficient], top: 0 },
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const p = points[params[0]?.dataIndex ?? -1];
        return p ? `${monthLabel(p.start, locale)}<br/>${labels.describe(p)}` : "";
      },
    },
    grid: { left: 44, right: 16, top: 36, bottom: 28 },
    xAxis: { type: "category", data: points.map((p) => monthLabel(p.start, locale)) },
    yAxis: { type: "value", min: range.min, max: range.max },
    series: [
      {
        name: labels.score,
        type: "line",
        z: 3,
        connectNulls: false,
        symbolSize: 8,
        lineStyle: { width: 3, color: ACCENT },
        itemStyle: { color: ACCENT },
        data: points.map((p) => (trusted(p) ? p.score : null)),
      },
      {
        name: labels.insufficient,
        type: "line",
        z: 2,
        // The dashed line runs through every month with answers, trusted or not.
        connectNulls: true,
        symbol: "emptyCircle",
        symbolSize: 8,
        lineStyle: { width: 2, type: "dashed", color: GREY },
        itemStyle: { color: GREY },
        data: points.map((p) =>
          p.score === null ? null : { value: p.score, symbolSize: trusted(p) ? 0 : 8 },
        ),
      },
    ],
  };
}
