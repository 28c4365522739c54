import { describe, expect, it, vi } from "vitest";
import { CombinedError } from "@urql/core";
import type { PageResult } from "./connection-page";
import { useCursorPages } from "./use-cursor-pages";

type Item = { id: string };
const page = (ids: string[], endCursor: string | null): PageResult<Item> => ({
  page: {
    items: ids.map((id) => ({ id })),
    endCursor,
    hasNextPage: endCursor !== null,
    totalCount: 5,
  },
});

describe("useCursorPages", () => {
  it("pages forward with the end cursor and back with the cursor each page was asked with", async () => {
    const answers: Record<string, PageResult<Item>> = {
      start: page(["a", "b"], "c2"),
      c2: page(["c", "d"], "c4"),
      c4: page(["e"], null),
    };
    const fetchPage = vi.fn((after: string | null) => Promise.resolve(answers[after ?? "start"]!));
    const pages = useCursorPages(fetchPage);

    await pages.reload();
    expect(pages.items.value.map((i) => i.id)).toEqual(["a", "b"]);
    expect(pages.hasPrevious.value).toBe(false);
    await pages.next();
    await pages.next();
    expect(pages.items.value.map((i) => i.id)).toEqual(["e"]);
    expect(pages.page.value).toBe(2);
    expect(pages.hasNext.value).toBe(false);
    await pages.next();
    await pages.previous();
    expect(pages.items.value.map((i) => i.id)).toEqual(["c", "d"]);
    await pages.refresh();
    expect(fetchPage.mock.calls.map(([after]) => after)).toEqual([null, "c2", "c4", "c2", "c2"]);
    expect(pages.totalCount.value).toBe(5);
  });

  it("keeps the page shown and reports the error when a page fails", async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: "Boom" }] });
    const fetchPage = vi
      .fn<(after: string | null) => Promise<PageResult<Item>>>()
      .mockResolvedValueOnce(page(["a"], "c1"))
      .mockResolvedValueOnce({ error });
    const pages = useCursorPages(fetchPage);
    await pages.reload();
    await pages.next();
    expect(pages.error.value).toBe(error);
    expect(pages.items.value.map((i) => i.id)).toEqual(["a"]);
    expect(pages.page.value).toBe(0);
    expect(pages.loading.value).toBe(false);
  });

  it("ignores an answer that arrives after a newer request", async () => {
    let answerFirst: (r: PageResult<Item>) => void = () => {};
    const fetchPage = vi
      .fn<(after: string | null) => Promise<PageResult<Item>>>()
      .mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)))
      .mockResolvedValueOnce(page(["new"], null));
    const pages = useCursorPages(fetchPage);
    const first = pages.reload();
    await pages.reload();
    answerFirst(page(["old"], null));
    await first;
    expect(pages.items.value.map((i) => i.id)).toEqual(["new"]);
  });
});
