import { describe, expect, it, vi } from "vitest";
import { ref } from "vue";
import { useRelayPager, type CursorPosition } from "./use-relay-pager";

const pageInfo = (over: Partial<{ hasNextPage: boolean; hasPreviousPage: boolean }> = {}) => ({
  hasNextPage: false,
  hasPreviousPage: false,
  startCursor: "s",
  endCursor: "e",
  ...over,
});

describe("useRelayPager", () => {
  it("offers next and previous as the page info says", () => {
    const pager = useRelayPager(
      ref<CursorPosition>({ after: null, before: null }),
      ref(pageInfo({ hasNextPage: true })),
      vi.fn(),
    );
    expect(pager.hasNext.value).toBe(true);
    expect(pager.hasPrevious.value).toBe(false);
  });

  it("counts the cursor it came with as a page behind (after) or ahead (before)", () => {
    const info = ref(pageInfo());
    expect(useRelayPager(ref({ after: "x", before: null }), info, vi.fn()).hasPrevious.value).toBe(
      true,
    );
    expect(useRelayPager(ref({ after: null, before: "x" }), info, vi.fn()).hasNext.value).toBe(
      true,
    );
  });

  it("moves after the end cursor for next and before the start cursor for previous", () => {
    const go = vi.fn();
    const pager = useRelayPager(ref({ after: null, before: null }), ref(pageInfo()), go);
    pager.nextPage();
    pager.previousPage();
    expect(go.mock.calls).toEqual([[{ after: "e", before: null }], [{ before: "s", after: null }]]);
  });

  it("stays put before the first answer gives it cursors", () => {
    const go = vi.fn();
    const pager = useRelayPager(ref({ after: null, before: null }), ref(undefined), go);
    pager.nextPage();
    pager.previousPage();
    expect(go).not.toHaveBeenCalled();
  });
});
