import { computed, onBeforeUnmount, ref, watch } from "vue";
import { useQuery } from "@urql/vue";
import { useRoute, useRouter, type LocationQuery } from "vue-router";
import { graphql } from "@/graphql/generated";
import { useRelayPager } from "@/composables/use-relay-pager";

export const SegmentsQuery = graphql(`
  query Segments($first: Int, $after: String, $last: Int, $before: String, $search: String) {
    segments(first: $first, after: $after, last: $last, before: $before, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          description
          tags
          templateKey
          memberCount
          refreshedAt
          refreshJob {
            ...JobFields
          }
        }
      }
    }
  }
`);

export const SEGMENTS_PAGE_SIZE = 25;
export const SEARCH_DEBOUNCE_MS = 300;

export interface SegmentListState {
  search: string;
  after: string | null;
  before: string | null;
}

const one = (v: LocationQuery[string] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export function parseSegmentListQuery(query: LocationQuery): SegmentListState {
  return {
    search: (one(query.q) ?? "").trim(),
    after: one(query.after),
    before: one(query.after) ? null : one(query.before),
  };
}

export function toSegmentListQuery(state: SegmentListState): Record<string, string> {
  const query: Record<string, string> = {};
  if (state.search) query.q = state.search;
  if (state.after) query.after = state.after;
  else if (state.before) query.before = state.before;
  return query;
}

/** Saved segments by name, searchable, a page at a time; the state lives in the URL. */
export function useSegmentList() {
  const route = useRoute();
  const router = useRouter();
  const state = computed(() => parseSegmentListQuery(route.query));

  const result = useQuery({
    query: SegmentsQuery,
    variables: computed(() => {
      const s = state.value;
      const search = s.search || undefined;
      return s.before
        ? { last: SEGMENTS_PAGE_SIZE, before: s.before, search }
        : { first: SEGMENTS_PAGE_SIZE, after: s.after ?? undefined, search };
    }),
    requestPolicy: "cache-and-network",
  });

  const connection = computed(() => result.data.value?.segments);
  const rows = computed(() => connection.value?.edges.map((e) => e.node) ?? []);
  const pageInfo = computed(() => connection.value?.pageInfo);

  const go = (next: SegmentListState) => router.push({ query: toSegmentListQuery(next) });
  const pager = useRelayPager(state, pageInfo, (position) => go({ ...state.value, ...position }));

  const searchInput = ref(state.value.search);
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(searchInput, (value) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (value.trim() !== state.value.search)
        void go({ search: value.trim(), after: null, before: null });
    }, SEARCH_DEBOUNCE_MS);
  });
  onBeforeUnmount(() => clearTimeout(timer));

  return {
    state,
    searchInput,
    rows,
    totalCount: computed(() => connection.value?.totalCount ?? 0),
    fetching: result.fetching,
    firstLoad: computed(() => result.fetching.value && !connection.value),
    error: result.error,
    searching: computed(() => state.value.search !== ""),
    ...pager,
    clearSearch() {
      searchInput.value = "";
      return go({ search: "", after: null, before: null });
    },
    retry: () => result.executeQuery({ requestPolicy: "network-only" }),
  };
}
