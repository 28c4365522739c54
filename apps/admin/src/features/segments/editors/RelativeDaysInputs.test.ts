import { afterEach, describe, expect, it } from "vitest";
import { enableAutoUnmount, mount } from "@vue/test-utils";
import { NInputNumber } from "naive-ui";
import { createAppI18n } from "@/i18n";
import RelativeDaysInputs, { type RelativeDays } from "./RelativeDaysInputs.vue";

enableAutoUnmount(afterEach);

function mountInputs(props: {
  value: RelativeDays;
  range?: boolean;
  problems?: { field: string; message: string }[];
  daysTestId?: string;
}) {
  return mount(RelativeDaysInputs, {
    props,
    global: { plugins: [createAppI18n("en")] },
    attachTo: document.body,
  });
}

const labels = (wrapper: ReturnType<typeof mountInputs>) =>
  wrapper.findAll('[role="group"]').map((g) => g.attributes("aria-label"));

describe("RelativeDaysInputs", () => {
  it("shows one days input, marked with the given test id", () => {
    const wrapper = mountInputs({ value: { days: 30 }, daysTestId: "window-days" });
    expect(labels(wrapper)).toEqual(["Days"]);
    expect(wrapper.find('[data-test="window-days"] input').element).toHaveProperty("value", "30");
  });

  it("shows min and max days ago for a range", () => {
    const wrapper = mountInputs({ value: { min: 7, max: 30 }, range: true });
    expect(labels(wrapper)).toEqual(["From (days ago)", "To (days ago)"]);
    const values = wrapper.findAll("input").map((i) => (i.element as HTMLInputElement).value);
    expect(values).toEqual(["7", "30"]);
  });

  it("sends whole day counts, as a patch of the one field typed in", async () => {
    const wrapper = mountInputs({ value: { min: 0, max: 30 }, range: true });
    const [min, max] = wrapper.findAllComponents(NInputNumber);
    min!.vm.$emit("update:value", 2.6);
    max!.vm.$emit("update:value", null);
    expect(wrapper.emitted("update")).toEqual([[{ min: 3 }], [{ max: null }]]);
  });

  it("marks the field a problem names", () => {
    const wrapper = mountInputs({
      value: { min: 40, max: 30 },
      range: true,
      problems: [{ field: "max", message: "max must be at least min" }],
    });
    const statuses = wrapper.findAll('[role="group"]').map((g) => g.attributes("data-status"));
    expect(statuses).toEqual([undefined, "error"]);
  });
});
