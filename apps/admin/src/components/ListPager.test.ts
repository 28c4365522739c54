import { afterEach, describe, expect, it } from "vitest";
import { enableAutoUnmount, mount } from "@vue/test-utils";
import { createAppI18n } from "@/i18n";
import ListPager from "./ListPager.vue";

enableAutoUnmount(afterEach);

function mountPager(props: InstanceType<typeof ListPager>["$props"], slot = "") {
  return mount(ListPager, {
    props,
    slots: { default: slot },
    global: { plugins: [createAppI18n("en")] },
  });
}

const disabled = (wrapper: ReturnType<typeof mountPager>, test: string) =>
  wrapper.find(`[data-test="${test}"]`).attributes("disabled") !== undefined;

describe("ListPager", () => {
  it("asks for the previous and next page, with the count or picker it is given beside", async () => {
    const wrapper = mountPager({ hasPrevious: true, hasNext: true }, "<span>12 members</span>");
    expect(wrapper.text()).toContain("12 members");
    await wrapper.find('[data-test="previous"]').trigger("click");
    await wrapper.find('[data-test="next"]').trigger("click");
    expect(wrapper.emitted("previous")).toHaveLength(1);
    expect(wrapper.emitted("next")).toHaveLength(1);
  });

  it("turns off a direction there is no page in", () => {
    const wrapper = mountPager({ hasPrevious: false, hasNext: true });
    expect(disabled(wrapper, "previous")).toBe(true);
    expect(disabled(wrapper, "next")).toBe(false);
  });

  it("turns both buttons off while a page is loading", () => {
    const wrapper = mountPager({ hasPrevious: true, hasNext: true, loading: true });
    expect(disabled(wrapper, "previous")).toBe(true);
    expect(disabled(wrapper, "next")).toBe(true);
  });

  it("prefixes the buttons' test ids and labels them in the interface language", () => {
    const wrapper = mount(ListPager, {
      props: { hasPrevious: true, hasNext: true, testPrefix: "members-" },
      global: { plugins: [createAppI18n("nl")] },
    });
    expect(wrapper.find('[data-test="members-previous"]').text()).toBe("Vorige");
    expect(wrapper.find('[data-test="members-next"]').text()).toBe("Volgende");
  });
});
