import { afterEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient } from "@/testing/fake-client";
import { mountPage } from "@/testing/mount-app";
import CustomersPage from "./CustomersPage.vue";
import { customersPage, listCustomer } from "./fixtures";
import { SEARCH_DEBOUNCE_MS } from "./use-customer-list";

enableAutoUnmount(afterEach);
afterEach(() => vi.useRealTimers());

const tags = { data: { customerTags: ["vip", "newsletter"] } };

async function mountList(answer: Parameters<typeof fakeClient>[0]["Customers"], at = "/customers") {
  const { client, calls } = fakeClient({ Customers: answer, CustomerTags: tags });
  const mounted = await mountPage({ client, page: CustomersPage, path: "/customers", at });
  return { ...mounted, calls: () => calls.filter((c) => c.name === "Customers") };
}

describe("CustomersPage", () => {
  it("lists customers with their total count", async () => {
    const { wrapper } = await mountList(
      customersPage(
        [
          listCustomer({ id: "c1", name: "Anna de Vries", personalityColour: "GREEN" }),
          listCustomer({
            id: "c2",
            name: "Bram Jansen",
            email: "bram@example.com",
            personalityColour: null,
            tags: [],
          }),
        ],
        { hasNextPage: true },
        1234,
      ),
    );
    const rows = wrapper.findAll('[data-test="customer-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain("Anna de Vries");
    expect(rows[0]!.text()).toContain("Social media");
    expect(rows[0]!.text()).toContain("Green");
    expect(rows[1]!.text()).toContain("bram@example.com");
    expect(wrapper.find('[data-test="total-count"]').text()).toBe("1,234 customers");
    expect(wrapper.find('[data-test="empty"]').exists()).toBe(false);
  });

  it("shows an empty state that offers to clear the filters", async () => {
    const { wrapper, router } = await mountList(customersPage([]), "/customers?colour=RED&q=zz");
    const empty = wrapper.find('[data-test="empty"]');
    expect(empty.exists()).toBe(true);
    expect(empty.text()).toContain("No customer matches these filters");
    expect(wrapper.findAll('[data-test="customer-row"]')).toHaveLength(0);

    await wrapper.find('[data-test="clear-filters"]').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({});
  });

  it("sends the filters, sort and page size from the URL to the API", async () => {
    const { calls } = await mountList(
      customersPage([listCustomer()]),
      "/customers?tag=vip&colour=RED&sort=name-asc&size=50",
    );
    expect(calls()[0]!.variables).toEqual({
      first: 50,
      filter: { tags: ["vip"], personalityColours: ["RED"] },
      orderBy: { field: "NAME", direction: "ASC" },
    });
  });

  it("pages with cursors and keeps the page in the URL", async () => {
    const { wrapper, router, calls } = await mountList(
      customersPage([listCustomer({ id: "c1" }), listCustomer({ id: "c2" })], {
        hasNextPage: true,
      }),
    );
    await wrapper.find('[data-test="next"]').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ after: "cur-c2" });
    expect(calls().at(-1)!.variables).toMatchObject({ first: 25, after: "cur-c2" });

    await wrapper.find('[data-test="previous"]').trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ before: "cur-c1" });
    expect(calls().at(-1)!.variables).toMatchObject({ last: 25, before: "cur-c1" });
  });

  it("searches once typing pauses", async () => {
    vi.useFakeTimers();
    const { wrapper, router } = await mountList(customersPage([listCustomer()]));
    const input = wrapper.find('[data-test="search"] input');
    await input.setValue("an");
    await input.setValue("anna");
    expect(router.currentRoute.value.query).toEqual({});
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ q: "anna" });
  });

  it("opens a customer from its row, by click or with Enter", async () => {
    const { wrapper, router } = await mountList(customersPage([listCustomer({ id: "c7" })]));
    await wrapper.find('[data-test="customer-row"]').trigger("keydown", { key: "Enter" });
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe("/customers/c7");
  });
});
