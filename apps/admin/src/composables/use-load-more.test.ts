import { describe, expect, it, vi } from "vitest";
import type { PageResult } from "./connection-page";
import { useLoadMore } from "./use-load-more";

type Item = { id: string; label: string };
const page = (ids: string[], endCursor: string | null): PageResult<Item> => ({
  page: {
    items: ids.map((id) => ({ id, label: id })),
    endCursor,
    hasNextPage: endCursor !== null,
    totalCount: 3,
  },
});

describe("useLoadMore", () => {
  it("appends the next page after the end cursor and starts over on reload", async () => {
    const fetchPage = vi.fn((after: string | null) =>
      Promise.resolve(after === null ? page(["a", "b"], "c2") : page(["c"], null)),
    );
    const list = useLoadMore(fetchPage);
    await list.reload();
    expect(list.hasMore.value).toBe(true);
    await list.loadMore();
    expect(list.items.value.map((i) => i.id)).toEqual(["a", "b", "c"]);
    expect(list.hasMore.value).toBe(false);
    await list.loadMore();
    expect(fetchPage.mock.calls.map(([after]) => after)).toEqual([null, "c2"]);
    await list.reload();
    expect(list.items.value.map((i) => i.id)).toEqual(["a", "b"]);
    expect(list.totalCount.value).toBe(3);
  });

  it("replaces one loaded item by id", async () => {
    const list = useLoadMore(() => Promise.resolve(page(["a", "b"], null)));
    await list.reload();
    list.replace({ id: "b", label: "changed" });
    expect(list.items.value.map((i) => i.label)).toEqual(["a", "changed"]);
  });
});
