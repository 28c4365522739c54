import { describe, expect, it } from "vitest";
import { distributionOption, npsGaugeOption, trendOption, type TrendPoint } from "./results-charts";

const point = (start: string, score: number | null, n: number, level: TrendPoint["level"]) => ({
  start,
  score,
  n,
  level,
  marginOfError: null,
});

describe("results charts", () => {
  it("draws trusted months solid and months with too few answers grey and dashed, empty months as gaps", () => {
    const option = trendOption(
      [
        point("2025-01-01T00:00:00.000Z", 40, 120, "OK"),
        point("2025-02-01T00:00:00.000Z", 10, 12, "INSUFFICIENT"),
        point("2025-03-01T00:00:00.000Z", null, 0, "INSUFFICIENT"),
        point("2025-04-01T00:00:00.000Z", 35, 60, "LOW"),
      ],
      { score: "NPS", insufficient: "Too few", describe: (p) => `n=${p.n}` },
      "en-GB",
      { min: -100, max: 100 },
    );
    const [solid, dashed] = option.series;
    expect(solid!.data).toEqual([40, null, null, 35]);
    expect(solid!.connectNulls).toBe(false);
    expect(dashed!.lineStyle).toMatchObject({ type: "dashed", color: "#9ca3af" });
    expect(dashed!.data).toEqual([
      { value: 40, symbolSize: 0 },
      { value: 10, symbolSize: 8 },
      null,
      { value: 35, symbolSize: 0 },
    ]);
    expect(option.xAxis.data).toEqual(["Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025"]);
    expect(option.tooltip.formatter([{ dataIndex: 1 }])).toBe("Feb 2025<br/>n=12");
  });

  it("colours the 0-10 answers by NPS category", () => {
    const option = distributionOption(
      [1, 0, 0, 0, 0, 0, 2, 3, 0, 4, 5],
      { answers: "Answers" },
      "en",
    );
    const colours = option.series[0]!.data.map((d) => d.itemStyle.color);
    expect(colours.slice(0, 7).every((c) => c === "#dc2626")).toBe(true);
    expect(colours.slice(7, 9)).toEqual(["#f59e0b", "#f59e0b"]);
    expect(colours.slice(9)).toEqual(["#16a34a", "#16a34a"]);
  });

  it("shows the NPS on a gauge from -100 to 100, and no needle without answers", () => {
    const gauge = npsGaugeOption(42.5, "NPS", "en").series[0]!;
    expect([gauge.min, gauge.max]).toEqual([-100, 100]);
    expect(gauge.detail.formatter()).toBe("42.5");
    const empty = npsGaugeOption(null, "NPS", "en").series[0]!;
    expect(empty.pointer.show).toBe(false);
    expect(empty.detail.formatter()).toBe("—");
  });
});
