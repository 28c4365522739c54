/* eslint-disable vue/one-component-per-file -- a chart stub, and a page that hands the dashboard its clock */
import { afterEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { mountPage } from "@/testing/mount-app";
import DashboardPage from "./DashboardPage.vue";

// Canvas charts do not draw in happy-dom; the stub keeps the option it was given.
vi.mock("vue-echarts", () => ({
  default: defineComponent({
    props: { option: { type: Object, required: true } },
    render() {
      return h("div", { "data-test": "chart", "data-x": JSON.stringify(this.option.xAxis) });
    },
  }),
}));

enableAutoUnmount(afterEach);

const month = (m: number) => `2025-${String(m).padStart(2, "0")}-01T00:00:00.000Z`;
const confidence = (level: "INSUFFICIENT" | "LOW" | "OK", n: number) => ({
  level,
  n,
  marginOfError: n ? 12.5 : null,
  minimumSample: 30,
  recommendedSample: 100,
});
const eur = (amountMinor: number) => ({ amountMinor, currency: "EUR" });

function dashboard(over: Record<string, unknown> = {}) {
  return {
    from: month(1),
    to: month(4),
    period: "MONTH",
    segmentId: null,
    retention: {
      source: "ROLLUP",
      definition: { withinDays: 90, eventTypes: ["ORDER"] },
      periods: [1, 2, 3].map((m) => ({
        periodStart: month(m),
        periodEnd: month(m + 1),
        complete: m < 3,
        atStart: 1000,
        acquired: 200,
        newCustomers: 150,
        reactivated: 50,
        lost: 100,
        atEnd: 1100,
        retentionRate: m === 2 ? 90 : 80,
        churnRate: m === 2 ? 10 : 20,
      })),
    },
    orders: {
      currency: "EUR",
      currencies: ["EUR", "USD"],
      periods: [1, 2, 3].map((m) => ({
        periodStart: month(m),
        complete: m < 3,
        orders: 40,
        customers: 30,
        repeatCustomers: 6,
        repeatPurchaseRate: 20,
        revenue: eur(170000),
        averageOrderValue: eur(4250),
      })),
    },
    clv: {
      currency: "EUR",
      currencies: ["EUR", "USD"],
      customers: 30,
      averageHistoric: eur(12345),
      bucketWidthMinor: 5000,
      buckets: [
        { fromMinor: 0, toMinor: 5000, customers: 20 },
        { fromMinor: 5000, toMinor: null, customers: 10 },
      ],
    },
    loyalty: {
      unit: "POINTS",
      liability: [eur(250000), { amountMinor: 9900, currency: "USD" }],
      programs: [
        {
          programId: "p1",
          name: "Stars",
          type: "POINTS",
          unit: "POINTS",
          outstanding: 250000,
          pending: 0,
          liability: eur(250000),
        },
      ],
      periods: [1, 2, 3].map((m) => ({
        periodStart: month(m),
        complete: m < 3,
        earned: 1000,
        burned: 250,
        redemptionRate: 25,
        outstandingAtEnd: 250000,
      })),
    },
    nps: {
      overall: { score: 30, total: 64, confidence: confidence("LOW", 64) },
      periods: [
        {
          periodStart: month(1),
          complete: true,
          nps: { score: 25, total: 40, confidence: confidence("LOW", 40) },
        },
        {
          periodStart: month(2),
          complete: true,
          nps: { score: 41.7, total: 24, confidence: confidence("INSUFFICIENT", 24) },
        },
        {
          periodStart: month(3),
          complete: false,
          nps: { score: null, total: 0, confidence: confidence("INSUFFICIENT", 0) },
        },
      ],
    },
    segmentSizes: [
      { id: "s1", name: "VIP", memberCount: 120 },
      { id: "s2", name: "Lapsed", memberCount: 80 },
    ],
    ...over,
  };
}

function handlers(over: FakeHandlers = {}): FakeHandlers {
  return {
    SegmentOptions: {
      data: {
        segments: {
          edges: [
            { node: { id: "s1", name: "VIP", memberCount: 120 } },
            { node: { id: "s2", name: "Lapsed", memberCount: 80 } },
          ],
        },
      },
    },
    Dashboard: { data: { dashboard: dashboard() } },
    ...over,
  };
}

const NOW = new Date(Date.UTC(2025, 2, 15, 12));
const Page = defineComponent({ render: () => h(DashboardPage, { now: () => NOW }) });

async function mountDashboard(at = "/dashboard", over: FakeHandlers = {}) {
  const { client, calls } = fakeClient(handlers(over));
  const mounted = await mountPage({ client, page: Page, path: "/dashboard", at });
  const text = (test: string) =>
    mounted.wrapper.find(`[data-test="${test}"]`).text().replace(/\s+/g, " ").trim();
  return { ...mounted, calls, text };
}

describe("dashboard page", () => {
  it("asks for every card in one request and shows the latest ended period's figures", async () => {
    const { calls, text, wrapper } = await mountDashboard();
    const asked = calls.filter((c) => c.name === "Dashboard");
    expect(asked).toHaveLength(1);
    expect(asked[0]!.variables).toMatchObject({
      from: "2024-04-01T00:00:00.000Z",
      to: null,
      period: "MONTH",
      segmentId: null,
      currency: null,
    });
    // February ended, March is running: the cards report February.
    expect(text("kpi-retention")).toContain("Feb 2025");
    expect(text("retention-value")).toBe("90%");
    expect(text("retention-at-start")).toBe("1,000");
    expect(text("retention-acquired")).toBe("200 (150 new)");
    expect(text("retention-at-end")).toBe("1,100");
    expect(text("churn-value")).toBe("10%");
    expect(text("repeat-value")).toBe("20%");
    expect(text("aov-value")).toBe("€42.50");
    expect(text("clv-value")).toBe("€123.45");
    // NPS: the latest period with answers, flagged as too few to trust.
    expect(text("nps-value")).toBe("41.7");
    expect(text("kpi-nps")).toContain("Feb 2025");
    expect(text("kpi-nps")).toMatch(/24/);
    // Liability per currency.
    expect(
      wrapper.findAll('[data-test="liability-value"] span').map((e) => e.text().trim()),
    ).toEqual(["€2,500.00", "US$99.00"]);
    expect(text("redemption-value")).toBe("25%");
    // Two currencies: a switch between them.
    expect(wrapper.find('[data-test="dashboard-currency"]').exists()).toBe(true);
    expect(wrapper.findAll('[data-test="chart"]')).toHaveLength(6);
  });

  it("reads the selection from the URL and asks for it", async () => {
    const { calls } = await mountDashboard(
      "/dashboard?period=quarter&range=custom&from=2024-01-01&to=2024-12-31&segment=s1&currency=USD",
    );
    expect(calls.find((c) => c.name === "Dashboard")!.variables).toMatchObject({
      from: "2024-01-01T00:00:00.000Z",
      to: "2025-01-01T00:00:00.000Z",
      period: "QUARTER",
      segmentId: "s1",
      currency: "USD",
    });
  });

  it("labels quarters on the charts when the API answers in quarters", async () => {
    const { wrapper } = await mountDashboard("/dashboard?period=quarter", {
      Dashboard: { data: { dashboard: dashboard({ period: "QUARTER" }) } },
    });
    const x = JSON.parse(wrapper.find('[data-test="chart"]').attributes("data-x")!);
    expect(x.data).toEqual(["Q1 2025", "Q1 2025", "Q1 2025"]);
  });

  it("says so when there are no orders, answers, programs or segments yet", async () => {
    const empty = dashboard({
      retention: {
        source: "ROLLUP",
        definition: { withinDays: 90, eventTypes: ["ORDER"] },
        periods: [
          {
            periodStart: month(3),
            periodEnd: month(4),
            complete: false,
            atStart: 0,
            acquired: 0,
            newCustomers: 0,
            reactivated: 0,
            lost: 0,
            atEnd: 0,
            retentionRate: null,
            churnRate: null,
          },
        ],
      },
      orders: { currency: null, currencies: [], periods: [] },
      clv: {
        currency: null,
        currencies: [],
        customers: 0,
        averageHistoric: null,
        bucketWidthMinor: 0,
        buckets: [],
      },
      loyalty: { unit: "POINTS", liability: [], programs: [], periods: [] },
      nps: {
        overall: { score: null, total: 0, confidence: confidence("INSUFFICIENT", 0) },
        periods: [],
      },
      segmentSizes: [],
    });
    const { text, wrapper } = await mountDashboard("/dashboard", {
      Dashboard: { data: { dashboard: empty } },
    });
    expect(text("retention-card")).toContain("No orders yet");
    expect(text("orders-card")).toContain("No orders yet in this range.");
    expect(text("clv-card")).toContain("No orders yet");
    expect(text("nps-card")).toContain("No survey responses in this range.");
    expect(text("loyalty-card")).toContain("No loyalty programs yet.");
    expect(text("segments-card")).toContain("No saved segments yet.");
    expect(text("retention-value")).toBe("—");
    expect(text("aov-value")).toBe("—");
    expect(wrapper.find('[data-test="chart"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="dashboard-currency"]').exists()).toBe(false);
  });

  it("shows an unknown segment inline and offers all customers instead", async () => {
    const { wrapper, router, text } = await mountDashboard(
      "/dashboard?segment=gone&period=quarter",
      {
        Dashboard: gqlError("Segment not found", { code: "NOT_FOUND" }),
      },
    );
    expect(text("dashboard-error")).toContain("This segment no longer exists.");
    await wrapper.find('[data-test="dashboard-error"] button').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ period: "quarter" });
  });

  it("shows other failures inline with a retry", async () => {
    const { text, calls, wrapper } = await mountDashboard("/dashboard", {
      Dashboard: gqlError("Too many periods", { code: "BAD_USER_INPUT" }),
    });
    expect(text("dashboard-error")).toContain("Too many periods");
    const before = calls.filter((c) => c.name === "Dashboard").length;
    await wrapper.find('[data-test="dashboard-error"] button').trigger("click");
    await flushPromises();
    expect(calls.filter((c) => c.name === "Dashboard").length).toBe(before + 1);
  });

  it("shows the figures in Dutch formatting", async () => {
    const { client } = fakeClient(handlers());
    const { wrapper } = await mountPage({
      client,
      page: Page,
      path: "/dashboard",
      at: "/dashboard",
      locale: "nl",
    });
    const text = (t: string) => wrapper.find(`[data-test="${t}"]`).text().trim();
    expect(text("retention-at-start")).toBe("1.000");
    expect(text("aov-value").replace(/\s/g, " ")).toBe("€ 42,50");
    expect(text("nps-value")).toBe("41,7");
    expect(wrapper.find('[data-test="kpi-retention"]').text()).toContain("feb 2025");
  });
});
