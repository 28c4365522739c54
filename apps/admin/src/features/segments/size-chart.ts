export interface SizePoint {
  at: string;
  size: number;
  entered: number;
  exited: number;
}

export interface SizeChartLabels {
  size: string;
  entered: string;
  exited: string;
}

/**
 * ECharts options for a segment's size over time: the size as a line, and per refresh how
 * many entered (up) and left (down) as bars on a second axis.
 */
export function sizeChartOption(
  points: readonly SizePoint[],
  labels: SizeChartLabels,
  locale: string,
) {
  const sorted = [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const number = new Intl.NumberFormat(locale);
  return {
    animation: false,
    color: ["#0f766e", "#16a34a", "#dc2626"],
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: number) => number.format(Math.abs(v)),
    },
    legend: { data: [labels.size, labels.entered, labels.exited], top: 0 },
    grid: { left: 56, right: 56, top: 40, bottom: 40 },
    xAxis: { type: "time" },
    yAxis: [
      { type: "value", name: labels.size, minInterval: 1 },
      {
        type: "value",
        minInterval: 1,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => number.format(Math.abs(v)) },
      },
    ],
    series: [
      {
        name: labels.size,
        type: "line",
        step: "end",
        showSymbol: sorted.length < 60,
        data: sorted.map((p) => [p.at, p.size]),
      },
      {
        name: labels.entered,
        type: "bar",
        yAxisIndex: 1,
        stack: "changes",
        barMaxWidth: 14,
        data: sorted.map((p) => [p.at, p.entered]),
      },
      {
        name: labels.exited,
        type: "bar",
        yAxisIndex: 1,
        stack: "changes",
        barMaxWidth: 14,
        data: sorted.map((p) => [p.at, -p.exited]),
      },
    ],
  };
}
