import { describe, expect, it } from "vitest";
import {
  clvBucketLabels,
  clvHistogramOption,
  formatMoneyShort,
  formatPercent,
  npsOption,
  ordersOption,
  periodLabel,
  reportedPeriod,
  retentionOption,
  segmentSizesOption,
} from "./dashboard-charts";

const quarter = (q: number, year: number) => `Q${q} ${year}`;
const confidence = (level: "INSUFFICIENT" | "LOW" | "OK", n: number) => ({
  level,
  n,
  marginOfError: n ? 10 : null,
});

describe("dashboard figures", () => {
  it("reports the latest ended period, or the running one when none has ended", () => {
    const periods = [
      { periodStart: "2025-01-01T00:00:00.000Z", complete: true, id: "jan" },
      { periodStart: "2025-02-01T00:00:00.000Z", complete: true, id: "feb" },
      { periodStart: "2025-03-01T00:00:00.000Z", complete: false, id: "mar" },
    ];
    expect(reportedPeriod(periods)?.id).toBe("feb");
    expect(reportedPeriod(periods.slice(2))?.id).toBe("mar");
    expect(reportedPeriod([])).toBeNull();
  });

  it("labels months and quarters in UTC, in the admin's language", () => {
    expect(periodLabel("2025-03-01T00:00:00.000Z", "month", "en-GB", quarter)).toBe("Mar 2025");
    expect(periodLabel("2025-03-01T00:00:00.000Z", "month", "nl-NL", quarter)).toBe("mrt 2025");
    expect(periodLabel("2025-10-01T00:00:00.000Z", "quarter", "en-GB", quarter)).toBe("Q4 2025");
  });

  it("formats percentages and whole money amounts by locale", () => {
    expect(formatPercent(87.5, "en-GB")).toBe("87.5%");
    expect(formatPercent(87.5, "nl-NL")).toBe("87,5%");
    expect(formatPercent(null, "en-GB")).toBe("—");
    expect(formatMoneyShort({ amountMinor: 123456, currency: "EUR" }, "en-GB")).toBe("€1,235");
    expect(formatMoneyShort({ amountMinor: 5000, currency: "JPY" }, "en-GB")).toBe("JP¥5,000");
  });

  it("labels CLV buckets with their bounds, the last one open-ended", () => {
    const buckets = [
      { fromMinor: 0, toMinor: 5000, customers: 3 },
      { fromMinor: 5000, toMinor: 10000, customers: 2 },
      { fromMinor: 10000, toMinor: null, customers: 1 },
    ];
    expect(clvBucketLabels(buckets, "EUR", "en-GB")).toEqual(["€0–€50", "€50–€100", "€100+"]);
    const option = clvHistogramOption(buckets, "EUR", { customers: "Customers" }, "en-GB");
    expect(option.series[0]!.data).toEqual([3, 2, 1]);
  });

  it("draws retention and churn per period, a running period fainter", () => {
    const option = retentionOption(
      [
        { periodStart: "a", complete: true, retentionRate: 90, churnRate: 10 },
        { periodStart: "b", complete: false, retentionRate: 95, churnRate: null },
      ],
      ["Jan", "Feb"],
      { retention: "Retention", churn: "Churn" },
      "en-GB",
    );
    expect(option.xAxis.data).toEqual(["Jan", "Feb"]);
    expect(option.series[0]!.data.map((d) => d.value)).toEqual([90, 95]);
    expect(option.series[1]!.data.map((d) => d.value)).toEqual([10, null]);
    expect(option.series[0]!.data[0]!.itemStyle).not.toHaveProperty("opacity");
    expect(option.series[0]!.data[1]!.itemStyle.opacity).toBeLessThan(1);
  });

  it("draws the average order value in major units and the repeat rate on its own axis", () => {
    const option = ordersOption(
      [
        {
          periodStart: "a",
          complete: true,
          repeatPurchaseRate: 25,
          averageOrderValue: { amountMinor: 4250, currency: "EUR" },
        },
        { periodStart: "b", complete: true, repeatPurchaseRate: null, averageOrderValue: null },
      ],
      ["Jan", "Feb"],
      "EUR",
      { aov: "AOV", repeat: "Repeat" },
      "en-GB",
    );
    expect(option.series[0]!.data.map((d) => (d as { value: number | null }).value)).toEqual([
      42.5,
      null,
    ]);
    expect(option.series[1]!.data).toEqual([25, null]);
    expect(option.series[1]!.yAxisIndex).toBe(1);
    expect(option.yAxis[0]!.axisLabel.formatter(42.5)).toBe("€43");
  });

  it("keeps periods with too few NPS answers off the trusted line and counts answers as bars", () => {
    const option = npsOption(
      [
        {
          periodStart: "2025-01-01T00:00:00.000Z",
          complete: true,
          nps: { score: 40, total: 120, confidence: confidence("OK", 120) },
        },
        {
          periodStart: "2025-02-01T00:00:00.000Z",
          complete: true,
          nps: { score: -50, total: 4, confidence: confidence("INSUFFICIENT", 4) },
        },
        {
          periodStart: "2025-03-01T00:00:00.000Z",
          complete: false,
          nps: { score: null, total: 0, confidence: confidence("INSUFFICIENT", 0) },
        },
      ],
      ["Jan", "Feb", "Mar"],
      { score: "NPS", insufficient: "Too few", responses: "Answers", describe: () => "" },
      "en-GB",
    );
    expect(option.xAxis.data).toEqual(["Jan", "Feb", "Mar"]);
    expect(option.series[0]!.data).toEqual([40, null, null]);
    expect(option.series[2]!.data).toEqual([120, 4, 0]);
    expect(option.series[2]).toMatchObject({ yAxisIndex: 1 });
  });

  it("puts the largest segment on top and keeps each bar's segment id for the click", () => {
    const option = segmentSizesOption(
      [
        { id: "b", name: "Big", memberCount: 900 },
        { id: "s", name: "Small", memberCount: 10 },
        { id: "m", name: "Medium", memberCount: 300 },
      ],
      { members: "Members" },
      "en-GB",
    );
    // Category axes run bottom-up.
    expect(option.yAxis.data).toEqual(["Small", "Medium", "Big"]);
    expect(option.series[0]!.data).toEqual([
      { value: 10, id: "s" },
      { value: 300, id: "m" },
      { value: 900, id: "b" },
    ]);
  });
});
