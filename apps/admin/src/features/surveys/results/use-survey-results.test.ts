import { describe, expect, it } from "vitest";
import {
  highlightParts,
  mentions,
  parseResultsQuery,
  periodRange,
  toResultsQuery,
} from "./use-survey-results";

// 15 March 2025, mid-afternoon local time.
const NOW = new Date(2025, 2, 15, 15, 30);
const local = (y: number, m: number, d: number) => new Date(y, m - 1, d).toISOString();

describe("survey results filters", () => {
  it("reads the period, segment, question, keyword and NPS category from the URL", () => {
    expect(
      parseResultsQuery({
        period: "custom",
        from: "2025-01-01",
        to: "nope",
        segment: "s1",
        keyword: "slow",
        category: "DETRACTOR",
      }),
    ).toEqual({
      period: "custom",
      from: "2025-01-01",
      to: null,
      segmentId: "s1",
      questionId: null,
      keyword: "slow",
      category: "DETRACTOR",
    });
    expect(parseResultsQuery({ period: "5y", category: "FAN" })).toMatchObject({
      period: "12m",
      category: null,
    });
  });

  it("keeps the default period out of the URL, and custom dates only for a custom period", () => {
    const base = parseResultsQuery({});
    expect(toResultsQuery({ ...base, from: "2025-01-01" })).toEqual({
      period: undefined,
      from: undefined,
      to: undefined,
      segment: undefined,
      question: undefined,
      keyword: undefined,
      category: undefined,
    });
    expect(
      toResultsQuery({ ...base, period: "custom", from: "2025-01-01", to: "2025-01-31" }),
    ).toMatchObject({ period: "custom", from: "2025-01-01", to: "2025-01-31" });
  });

  it("turns a period into the instants it covers, twelve months being twelve whole months", () => {
    expect(periodRange({ period: "30d", from: null, to: null }, NOW)).toEqual({
      from: local(2025, 2, 14),
      to: null,
    });
    expect(periodRange({ period: "12m", from: null, to: null }, NOW)).toEqual({
      from: local(2024, 4, 1),
      to: null,
    });
    expect(periodRange({ period: "all", from: null, to: null }, NOW)).toEqual({
      from: null,
      to: null,
    });
    // A custom period includes its last day.
    expect(periodRange({ period: "custom", from: "2025-01-01", to: "2025-01-31" }, NOW)).toEqual({
      from: local(2025, 1, 1),
      to: local(2025, 2, 1),
    });
  });

  it("finds a keyword as a whole word, as the keyword counts do", () => {
    expect(mentions("Slow delivery, so SLOW!", "slow")).toBe(true);
    expect(mentions("Slowly but surely", "slow")).toBe(false);
    expect(mentions("Don’t like the e-mail", "don't")).toBe(true);
    expect(mentions("Snelle levering", "levering")).toBe(true);
  });

  it("cuts an answer where it uses the keyword, for marking it", () => {
    expect(highlightParts("Slow delivery, so slow.", "slow")).toEqual([
      { text: "Slow", hit: true },
      { text: " delivery, so ", hit: false },
      { text: "slow", hit: true },
      { text: ".", hit: false },
    ]);
    expect(highlightParts("Fine", null)).toEqual([{ text: "Fine", hit: false }]);
  });
});
