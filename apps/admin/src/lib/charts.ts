import { use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { BarChart, GaugeChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import VChart from "vue-echarts";

/**
 * The admin's charts: ECharts (tree-shaken to what the pages draw) through vue-echarts,
 * registered once here. Pages import VChart from this module, not from vue-echarts.
 */
use([
  CanvasRenderer,
  LineChart,
  BarChart,
  GaugeChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
]);

export { VChart };
