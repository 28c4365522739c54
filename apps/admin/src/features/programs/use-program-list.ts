import { computed, onBeforeUnmount, ref, watch } from "vue";
import { useQuery } from "@urql/vue";
import { useRoute, useRouter, type LocationQuery } from "vue-router";
import { graphql } from "@/graphql/generated";
import type { LoyaltyProgramStatus, LoyaltyProgramType } from "@/graphql/generated/graphql";
import { useRelayPager } from "@/composables/use-relay-pager";
import { PROGRAM_STATUS_VALUES, PROGRAM_TYPE_VALUES, isOneOf } from "@/lib/enums";

export const LoyaltyProgramsQuery = graphql(`
  query LoyaltyPrograms(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $search: String
    $status: LoyaltyProgramStatus
    $type: LoyaltyProgramType
  ) {
    loyaltyPrograms(
      first: $first
      after: $after
      last: $last
      before: $before
      search: $search
      status: $status
      type: $type
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
          name
          description
          type
          status
          currency
          unit
          memberCount
          updatedAt
        }
      }
    }
  }
`);

export const PROGRAMS_PAGE_SIZE = 25;
export const SEARCH_DEBOUNCE_MS = 300;

export interface ProgramListState {
  search: string;
  status: LoyaltyProgramStatus | null;
  type: LoyaltyProgramType | null;
  after: string | null;
  before: string | null;
}

const one = (v: LocationQuery[string] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export function parseProgramListQuery(query: LocationQuery): ProgramListState {
  const status = one(query.status);
  const type = one(query.type);
  return {
    search: (one(query.q) ?? "").trim(),
    status: isOneOf(PROGRAM_STATUS_VALUES, status) ? status : null,
    type: isOneOf(PROGRAM_TYPE_VALUES, type) ? type : null,
    after: one(query.after),
    before: one(query.after) ? null : one(query.before),
  };
}

export function toProgramListQuery(state: ProgramListState): Record<string, string> {
  const query: Record<string, string> = {};
  if (state.search) query.q = state.search;
  if (state.status) query.status = state.status;
  if (state.type) query.type = state.type;
  if (state.after) query.after = state.after;
  else if (state.before) query.before = state.before;
  return query;
}

/** Loyalty programs by name, filtered by status and type, a page at a time; state in the URL. */
export function useProgramList() {
  const route = useRoute();
  const router = useRouter();
  const state = computed(() => parseProgramListQuery(route.query));

  const result = useQuery({
    query: LoyaltyProgramsQuery,
    variables: computed(() => {
      const s = state.value;
      const filters = {
        search: s.search || undefined,
        status: s.status ?? undefined,
        type: s.type ?? undefined,
      };
      return s.before
        ? { last: PROGRAMS_PAGE_SIZE, before: s.before, ...filters }
        : { first: PROGRAMS_PAGE_SIZE, after: s.after ?? undefined, ...filters };
    }),
    requestPolicy: "cache-and-network",
  });

  const connection = computed(() => result.data.value?.loyaltyPrograms);
  const rows = computed(() => connection.value?.edges.map((e) => e.node) ?? []);
  const pageInfo = computed(() => connection.value?.pageInfo);

  const go = (next: ProgramListState) => router.push({ query: toProgramListQuery(next) });
  const pager = useRelayPager(state, pageInfo, (position) => go({ ...state.value, ...position }));
  /** Any filter change starts again at the first page. */
  const filter = (patch: Partial<Pick<ProgramListState, "search" | "status" | "type">>) =>
    go({ ...state.value, ...patch, after: null, before: null });

  const searchInput = ref(state.value.search);
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(searchInput, (value) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (value.trim() !== state.value.search) void filter({ search: value.trim() });
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
    filtered: computed(() => Boolean(state.value.search || state.value.status || state.value.type)),
    ...pager,
    filter,
    clearFilters() {
      searchInput.value = "";
      return go({ search: "", status: null, type: null, after: null, before: null });
    },
    retry: () => result.executeQuery({ requestPolicy: "network-only" }),
  };
}
