import { computed, type Ref } from "vue";

/** Where a Relay-paged list stands: after one cursor, before another, or at the start. */
export interface CursorPosition {
  after: string | null;
  before: string | null;
}

interface RelayPageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/**
 * Previous and next for a list paged both ways with Relay cursors (`first/after`,
 * `last/before`), whose position is kept elsewhere (the URL); `go` moves it.
 */
export function useRelayPager(
  position: Ref<CursorPosition>,
  pageInfo: Ref<RelayPageInfo | undefined>,
  go: (next: CursorPosition) => unknown,
) {
  return {
    // Relay lets a server report hasPreviousPage=false while paging forward, so the cursor we
    // came with also counts as evidence that there is something behind us (and ahead, when going
    // back).
    hasPrevious: computed(() => Boolean(pageInfo.value?.hasPreviousPage || position.value.after)),
    hasNext: computed(() => Boolean(pageInfo.value?.hasNextPage || position.value.before)),
    nextPage() {
      const cursor = pageInfo.value?.endCursor;
      if (cursor) void go({ after: cursor, before: null });
    },
    previousPage() {
      const cursor = pageInfo.value?.startCursor;
      if (cursor) void go({ before: cursor, after: null });
    },
  };
}
