import { afterEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h, nextTick, ref } from "vue";
import { flushPromises, mount } from "@vue/test-utils";
import urql from "@urql/vue";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { simulation } from "./fixtures";
import {
  SIMULATE_DEBOUNCE_MS,
  sampleLine,
  sampleOrder,
  useEarningSimulator,
  type SampleLine,
} from "./use-earning-simulator";

afterEach(() => vi.useRealTimers());

function mountSimulator(
  handlers: FakeHandlers,
  config: Record<string, unknown> | null = { type: "points" },
) {
  const { client, calls } = fakeClient(handlers);
  const state = {
    config: ref<Record<string, unknown> | null>(config),
    lines: ref<SampleLine[]>([sampleLine("shoes", 79.95)]),
    problems: [] as unknown[],
    result: null as unknown as ReturnType<typeof useEarningSimulator>,
  };
  const Host = defineComponent({
    setup() {
      state.result = useEarningSimulator({
        config: state.config,
        currency: "EUR",
        lines: state.lines,
        onProblems: (p) => state.problems.push(...p),
      });
      return () => h("div");
    },
  });
  mount(Host, { global: { plugins: [[urql, client]] } });
  return { ...state, calls: () => calls.filter((c) => c.name === "SimulateEarning") };
}

describe("useEarningSimulator", () => {
  it("sends the sample order in minor units and leaves out lines without an amount", () => {
    expect(sampleOrder([sampleLine(" shoes ", 79.95), sampleLine("bags", null)], "EUR")).toEqual({
      currency: "EUR",
      lines: [{ productId: "sample-1", quantity: 1, amountMinor: 7995, category: "shoes" }],
    });
  });

  it("asks once the form has been still for the debounce time", async () => {
    vi.useFakeTimers();
    const s = mountSimulator({ SimulateEarning: simulation(99) });
    s.lines.value[0]!.amount = 80;
    await nextTick();
    s.lines.value[0]!.amount = 81;
    await nextTick();
    vi.advanceTimersByTime(SIMULATE_DEBOUNCE_MS - 1);
    expect(s.calls()).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await flushPromises();
    expect(s.calls()).toHaveLength(1);
    expect(
      (s.calls()[0]!.variables.order as { lines: { amountMinor: number }[] }).lines[0]!.amountMinor,
    ).toBe(8100);
    expect(s.result.simulation.value?.earned).toBe(99);
    expect(s.result.pending.value).toBe(false);
  });

  it("asks nothing while the form has problems", async () => {
    vi.useFakeTimers();
    const s = mountSimulator({ SimulateEarning: simulation() }, null);
    vi.advanceTimersByTime(SIMULATE_DEBOUNCE_MS * 3);
    await flushPromises();
    expect(s.calls()).toHaveLength(0);
    expect(s.result.simulation.value).toBeNull();
  });

  it("hands the API's config problems to the form and keeps order problems itself", async () => {
    vi.useFakeTimers();
    const s = mountSimulator({
      SimulateEarning: gqlError("Invalid", {
        code: "BAD_USER_INPUT",
        problems: [
          { path: "config.earning.rate.points", message: "too many" },
          { path: "order.lines[0].amountMinor", message: "too big" },
        ],
      }),
    });
    vi.advanceTimersByTime(SIMULATE_DEBOUNCE_MS);
    await flushPromises();
    expect(s.problems).toEqual([{ path: "config.earning.rate.points", message: "too many" }]);
    expect(s.result.orderProblems.value).toEqual([
      { path: "order.lines[0].amountMinor", message: "too big" },
    ]);
  });
});
