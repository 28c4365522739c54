import { describe, expect, it } from "vitest";
import {
  dashboardVariables,
  dayOf,
  msOf,
  parseDashboardQuery,
  toDashboardQuery,
} from "./dashboard-filters";

// 15 March 2025, mid-afternoon UTC.
const NOW = new Date(Date.UTC(2025, 2, 15, 15, 30));
const DEFAULT = parseDashboardQuery({});

describe("dashboard selection", () => {
  it("reads granularity, range, segment and currency from the URL", () => {
    expect(
      parseDashboardQuery({
        period: "quarter",
        range: "custom",
        from: "2024-01-01",
        to: "2024-06-30",
        segment: "s1",
        currency: "USD",
      }),
    ).toEqual({
      granularity: "quarter",
      range: "custom",
      from: "2024-01-01",
      to: "2024-06-30",
      segmentId: "s1",
      currency: "USD",
    });
  });

  it("falls back to twelve months of months for anything unreadable", () => {
    expect(DEFAULT).toEqual({
      granularity: "month",
      range: "12m",
      from: null,
      to: null,
      segmentId: null,
      currency: null,
    });
    expect(
      parseDashboardQuery({ period: "year", range: "5y", segment: "", currency: "euro" }),
    ).toEqual(DEFAULT);
    // A custom range needs both days, valid and in order.
    expect(parseDashboardQuery({ range: "custom", from: "2024-01-01" })).toEqual(DEFAULT);
    expect(parseDashboardQuery({ range: "custom", from: "2024-02-30x", to: "2024-03-01" })).toEqual(
      DEFAULT,
    );
    expect(parseDashboardQuery({ range: "custom", from: "2024-05-01", to: "2024-04-01" })).toEqual(
      DEFAULT,
    );
  });

  it("writes only what differs from the default, and custom days only for a custom range", () => {
    expect(toDashboardQuery({ ...DEFAULT, from: "2024-01-01" })).toEqual({
      period: undefined,
      range: undefined,
      from: undefined,
      to: undefined,
      segment: undefined,
      currency: undefined,
    });
    const state = {
      granularity: "quarter" as const,
      range: "custom" as const,
      from: "2024-01-01",
      to: "2024-06-30",
      segmentId: "s1",
      currency: "USD",
    };
    // What is written reads back the same.
    expect(parseDashboardQuery(toDashboardQuery(state) as Record<string, string>)).toEqual(state);
  });

  it("asks for whole UTC months: the running one and the eleven or twenty-three before", () => {
    expect(dashboardVariables(DEFAULT, NOW)).toEqual({
      from: "2024-04-01T00:00:00.000Z",
      to: null,
      period: "MONTH",
      segmentId: null,
      currency: null,
    });
    expect(
      dashboardVariables({ ...DEFAULT, range: "24m", granularity: "quarter", segmentId: "s" }, NOW),
    ).toMatchObject({ from: "2023-04-01T00:00:00.000Z", period: "QUARTER", segmentId: "s" });
  });

  it("turns custom days into a UTC range that includes the last day", () => {
    expect(
      dashboardVariables(
        { ...DEFAULT, range: "custom", from: "2024-01-01", to: "2024-12-31" },
        NOW,
      ),
    ).toMatchObject({ from: "2024-01-01T00:00:00.000Z", to: "2025-01-01T00:00:00.000Z" });
  });

  it("converts between date picker values and days", () => {
    expect(dayOf(msOf("2024-02-29"))).toBe("2024-02-29");
    expect(dayOf(new Date(2025, 0, 5, 23, 59).getTime())).toBe("2025-01-05");
  });
});
