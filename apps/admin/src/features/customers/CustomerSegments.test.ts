import { afterEach, describe, expect, it } from "vitest";
import { enableAutoUnmount } from "@vue/test-utils";
import { fakeClient } from "@/testing/fake-client";
import { SUPPORT, mountPage } from "@/testing/mount-app";
import CustomerSegments from "./CustomerSegments.vue";

enableAutoUnmount(afterEach);

describe("CustomerSegments", () => {
  it("lists the customer's segments as links, each with a link to its explanation", async () => {
    const { client } = fakeClient({
      CustomerSegments: {
        data: {
          customer: {
            id: "c1",
            segments: [
              { id: "s2", name: "Lapsed", memberCount: 5 },
              { id: "s1", name: "Advocates", memberCount: 3 },
            ],
          },
        },
      },
    });
    const { wrapper } = await mountPage({
      client,
      page: { components: { CustomerSegments }, template: '<CustomerSegments customer-id="c1" />' },
      path: "/card",
      at: "/card",
      user: SUPPORT,
    });
    const items = wrapper.findAll('[data-test="customer-segment"]');
    expect(items.map((i) => i.find("a").text())).toEqual(["Advocates", "Lapsed"]);
    expect(items[0]!.find("a").attributes("href")).toBe("/segments/s1");
    expect(items[0]!.find('[data-test="explain-link"]').attributes("href")).toBe(
      "/segments/s1?explain=c1",
    );
  });

  it("says when the customer is in no segment", async () => {
    const { client } = fakeClient({
      CustomerSegments: { data: { customer: { id: "c1", segments: [] } } },
    });
    const { wrapper } = await mountPage({
      client,
      page: { components: { CustomerSegments }, template: '<CustomerSegments customer-id="c1" />' },
      path: "/card",
      at: "/card",
    });
    expect(wrapper.find('[data-test="customer-segments"]').text()).toContain(
      "Not a member of any saved segment.",
    );
  });
});
