import { computed, ref, shallowRef, type Ref } from "vue";
import type { CombinedError } from "@urql/core";
import type { PageResult } from "./connection-page";

/**
 * A list that grows page by page ("load more"), for connections nested under one record.
 * `fetchPage(after)` asks the API for the page after a cursor.
 */
export function useLoadMore<T extends { id: string }>(
  fetchPage: (after: string | null) => Promise<PageResult<T>>,
) {
  const items: Ref<T[]> = shallowRef([]);
  const totalCount = ref(0);
  const hasMore = ref(false);
  const loading = ref(false);
  const error = shallowRef<CombinedError | null>(null);
  let endCursor: string | null = null;
  let generation = 0;

  async function load(after: string | null) {
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
      const { page } = result;
      items.value = after === null ? page.items : [...items.value, ...page.items];
      endCursor = page.endCursor;
      hasMore.value = page.hasNextPage;
      totalCount.value = page.totalCount;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return {
    items,
    totalCount,
    hasMore,
    loading,
    error,
    initialLoading: computed(() => loading.value && items.value.length === 0),
    reload: () => load(null),
    loadMore: () => (hasMore.value && !loading.value ? load(endCursor) : Promise.resolve()),
    /** Replaces one loaded item, e.g. with a mutation's result. */
    replace(item: T) {
      items.value = items.value.map((existing) => (existing.id === item.id ? item : existing));
    },
  };
}
