import { describe, expect, it } from "vitest";
import { mount } from "@vue/test-utils";
import { CombinedError } from "@urql/vue";
import { createI18n } from "vue-i18n";
import en from "@/i18n/en";
import PagedCard from "./PagedCard.vue";

const i18n = createI18n({ legacy: false, locale: "en", messages: { en } });
const base = {
  title: "Things",
  errorTitle: "Could not load",
  emptyText: "Nothing yet",
  totalCount: 0,
  hasMore: false,
  loading: false,
  initialLoading: false,
  error: null,
  testId: "things",
};
const mountCard = (props: Partial<typeof base> & { shown: number }) =>
  mount(PagedCard, {
    props: { ...base, ...props },
    slots: { default: "<ul data-test='list'><li>one</li></ul>" },
    global: { plugins: [i18n] },
  });

describe("PagedCard", () => {
  it("shows the empty state when there is nothing", () => {
    const w = mountCard({ shown: 0 });
    expect(w.find('[data-test="things-empty"]').exists()).toBe(true);
    expect(w.find('[data-test="list"]').exists()).toBe(false);
  });

  it("shows the list, the shown-of-total count and load more, which it emits", async () => {
    const w = mountCard({ shown: 1, totalCount: 5, hasMore: true });
    expect(w.find('[data-test="list"]').exists()).toBe(true);
    expect(w.text()).toContain("5");
    await w.find('[data-test="things-more"]').trigger("click");
    expect(w.emitted("more")).toHaveLength(1);
  });

  it("shows the error with a retry that it emits, instead of the list", async () => {
    const w = mountCard({
      shown: 1,
      error: new CombinedError({ graphQLErrors: [{ message: "boom" }] }) as never,
    });
    expect(w.text()).toContain("boom");
    expect(w.find('[data-test="list"]').exists()).toBe(false);
    await w.find("button").trigger("click");
    expect(w.emitted("retry")).toHaveLength(1);
  });
});
