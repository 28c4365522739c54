import { computed, ref, shallowRef, type Ref } from "vue";
import type { CombinedError } from "@urql/core";
import type { Page, PageResult } from "./connection-page";

/**
 * A table paged forward with cursors: the cursors of the pages already seen make "previous"
 * exact. `fetchPage(after)` asks for the page after a cursor (null: the first page).
 */
export function useCursorPages<T>(fetchPage: (after: string | null) => Promise<PageResult<T>>) {
  const items: Ref<T[]> = shallowRef([]);
  const totalCount = ref(0);
  const loading = ref(false);
  const error = shallowRef<CombinedError | null>(null);
  // starts[i] is the cursor the i-th page was asked with.
  const starts = ref<(string | null)[]>([null]);
  const page = ref(0);
  const last = shallowRef<Page<T> | null>(null);
  let generation = 0;

  async function load(index: number, after: string | null) {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const result = await fetchPage(after);
      if (mine !== generation) return;
      if (result.error) {
        error.value = result.error;
        return;
      }
      last.value = result.page;
      items.value = result.page.items;
      totalCount.value = result.page.totalCount;
      page.value = index;
      starts.value = [...starts.value.slice(0, index), after];
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return {
    items,
    totalCount,
    loading,
    error,
    /** Zero-based number of the page shown. */
    page,
    firstLoad: computed(() => loading.value && !last.value),
    hasNext: computed(() => Boolean(last.value?.hasNextPage && last.value.endCursor)),
    hasPrevious: computed(() => page.value > 0),
    reload: () => load(0, null),
    /** The page shown, asked again (e.g. after a refresh). */
    refresh: () => load(page.value, starts.value[page.value] ?? null),
    next: () =>
      last.value?.hasNextPage && last.value.endCursor
        ? load(page.value + 1, last.value.endCursor)
        : Promise.resolve(),
    previous: () =>
      page.value > 0
        ? load(page.value - 1, starts.value[page.value - 1] ?? null)
        : Promise.resolve(),
  };
}
