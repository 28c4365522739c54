import { computed, onBeforeUnmount, ref, watch } from "vue";
import { useQuery } from "@urql/vue";
import { useRoute, useRouter } from "vue-router";
import { graphql } from "@/graphql/generated";
import { useRelayPager } from "@/composables/use-relay-pager";
import {
  EMPTY_FILTERS,
  hasActiveFilters,
  parseListQuery,
  toListQuery,
  toQueryVariables,
  type CustomerListFilters,
  type CustomerListState,
  type PageSize,
  type SortKey,
} from "./list-query";

export const CustomersQuery = graphql(`
  query Customers(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $filter: CustomerFilter
    $orderBy: CustomerOrder
  ) {
    customers(
      first: $first
      after: $after
      last: $last
      before: $before
      filter: $filter
      orderBy: $orderBy
    ) {
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
          externalId
          name
          email
          tags
          acquisitionSource
          personalityColour
          signedUpAt
          createdAt
        }
      }
    }
  }
`);

export const CustomerTagsQuery = graphql(`
  query CustomerTags {
    customerTags
  }
`);

export const SEARCH_DEBOUNCE_MS = 300;

/** Every tag in use, for filter and edit pickers. */
export function useCustomerTags() {
  const result = useQuery({ query: CustomerTagsQuery });
  return computed(() => result.data.value?.customerTags ?? []);
}

export function useCustomerList() {
  const route = useRoute();
  const router = useRouter();
  const state = computed(() => parseListQuery(route.query));

  const result = useQuery({
    query: CustomersQuery,
    variables: computed(() => toQueryVariables(state.value)),
  });
  const tagOptions = useCustomerTags();

  const connection = computed(() => result.data.value?.customers);
  const rows = computed(() => connection.value?.edges.map((edge) => edge.node) ?? []);
  const pageInfo = computed(() => connection.value?.pageInfo);

  function go(next: CustomerListState) {
    return router.push({ query: toListQuery(next) });
  }

  const pager = useRelayPager(state, pageInfo, (position) => go({ ...state.value, ...position }));

  /** Any change of filters, sort or page size starts again at the first page. */
  function update(patch: Partial<CustomerListFilters> & { sort?: SortKey; size?: PageSize }) {
    return go({ ...state.value, ...patch, after: null, before: null });
  }

  // The search box types freely; the URL follows once typing pauses.
  const searchInput = ref(state.value.search);
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(searchInput, (value) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (value.trim() !== state.value.search) void update({ search: value });
    }, SEARCH_DEBOUNCE_MS);
  });
  watch(
    () => state.value.search,
    (search) => {
      if (search !== searchInput.value.trim()) searchInput.value = search;
    },
  );
  onBeforeUnmount(() => clearTimeout(timer));

  return {
    state,
    searchInput,
    rows,
    totalCount: computed(() => connection.value?.totalCount ?? 0),
    fetching: result.fetching,
    /** True until the first answer arrives: show a skeleton rather than an empty table. */
    firstLoad: computed(() => result.fetching.value && !connection.value),
    error: result.error,
    tagOptions,
    filtersActive: computed(() => hasActiveFilters(state.value)),
    ...pager,
    update,
    clearFilters: () => {
      searchInput.value = "";
      return update({ ...EMPTY_FILTERS });
    },
    openCustomer: (id: string) => router.push({ name: "customer", params: { id } }),
    retry: () => result.executeQuery({ requestPolicy: "network-only" }),
  };
}
