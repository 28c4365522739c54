import { afterEach, describe, expect, it } from "vitest";
import { enableAutoUnmount, mount, type VueWrapper } from "@vue/test-utils";
import { NSelect } from "naive-ui";
import { createAppI18n } from "@/i18n";
import EventAggregateEditor from "./EventAggregateEditor.vue";

enableAutoUnmount(afterEach);

const countOrders = {
  filter: { types: ["order"] },
  window: { kind: "last_days", days: 90 },
  aggregate: "count",
  compare: { op: "gte", value: 2 },
};

function mountEditor(
  args: Record<string, unknown> = countOrders,
  problems = [] as { field: string; message: string }[],
) {
  return mount(EventAggregateEditor, {
    props: { args, problems, idPrefix: "c1" },
    global: { plugins: [createAppI18n("en")] },
    attachTo: document.body,
  });
}

/** The naive-ui select marked with `data-test`, to choose a value as a person would. */
function select(wrapper: VueWrapper, test: string) {
  const found = wrapper.findAllComponents(NSelect).find((c) => c.attributes("data-test") === test);
  if (!found) throw new Error(`no select ${test}`);
  return found;
}

const lastArgs = (wrapper: VueWrapper): Record<string, unknown> =>
  (wrapper.emitted("update:args") as Record<string, unknown>[][]).at(-1)![0]!;

describe("EventAggregateEditor", () => {
  it("shows the events, window and comparison, and no measure for a count", () => {
    const wrapper = mountEditor();
    expect(wrapper.find('[data-test="event-types"]').text()).toContain("Order");
    expect(wrapper.find('[data-test="window-days"] input').element).toHaveProperty("value", "90");
    expect(wrapper.find('[data-test="compare-value"] input').element).toHaveProperty("value", "2");
    expect(wrapper.find('[data-test="measure"]').exists()).toBe(false);
  });

  it("asks for a measure for sums and keeps money amounts in minor units", async () => {
    const wrapper = mountEditor();
    select(wrapper, "aggregate").vm.$emit("update:value", "sum");
    expect(lastArgs(wrapper)).toEqual({
      ...countOrders,
      aggregate: "sum",
      measure: "amount",
      compare: { op: "gte", value: 200 },
    });

    await wrapper.setProps({ args: lastArgs(wrapper) });
    expect(wrapper.find('[data-test="measure"]').exists()).toBe(true);
    // People type currency units; the rule holds cents.
    expect(wrapper.find('[data-test="compare-value"] input').element).toHaveProperty("value", "2");
    await wrapper.find('[data-test="compare-value"] input').setValue("49.95");
    expect(lastArgs(wrapper)).toMatchObject({ compare: { op: "gte", value: 4995 } });
  });

  it("compares between a minimum and a maximum", async () => {
    const wrapper = mountEditor();
    select(wrapper, "compare-op").vm.$emit("update:value", "between");
    expect(lastArgs(wrapper)).toMatchObject({ compare: { op: "between", min: 2, max: 2 } });
    await wrapper.setProps({ args: lastArgs(wrapper) });
    await wrapper.find('[data-test="compare-max"] input').setValue("5");
    expect(lastArgs(wrapper)).toMatchObject({ compare: { op: "between", min: 2, max: 5 } });
  });

  it("filters events by type, category and discount, and changes the time window", async () => {
    const wrapper = mountEditor();
    select(wrapper, "event-types").vm.$emit("update:value", ["order", "refund"]);
    expect(lastArgs(wrapper)).toMatchObject({ filter: { types: ["order", "refund"] } });

    await wrapper.find('[data-test="more-filters"]').trigger("click");
    await wrapper.find('[data-test="event-category"] input').setValue("shoes");
    expect(lastArgs(wrapper)).toMatchObject({ filter: { types: ["order"], category: "shoes" } });
    select(wrapper, "event-discounted").vm.$emit("update:value", "yes");
    expect((lastArgs(wrapper).filter as Record<string, unknown>).discounted).toBe(true);

    select(wrapper, "window-kind").vm.$emit("update:value", "between_days_ago");
    expect(lastArgs(wrapper)).toMatchObject({
      window: { kind: "between_days_ago", min: 0, max: 90 },
    });
  });

  it("marks the inputs a problem belongs to", () => {
    const wrapper = mountEditor(countOrders, [{ field: "compare.value", message: "too big" }]);
    const value = wrapper.find('[data-test="compare-value"]');
    expect(value.element.closest('[role="group"]')!.getAttribute("data-status")).toBe("error");
    const days = wrapper.find('[data-test="window-days"]');
    expect(days.element.closest('[role="group"]')!.getAttribute("data-status")).toBeNull();
  });
});
