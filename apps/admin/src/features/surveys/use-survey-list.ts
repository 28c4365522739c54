import { computed, onBeforeUnmount, ref, watch } from "vue";
import { useQuery } from "@urql/vue";
import { useRoute, useRouter, type LocationQuery } from "vue-router";
import { graphql } from "@/graphql/generated";
import type { SurveyStatus } from "@/graphql/generated/graphql";
import { useRelayPager } from "@/composables/use-relay-pager";
import { SURVEY_STATUS_VALUES, isOneOf } from "@/lib/enums";

export const SurveysQuery = graphql(`
  query Surveys(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $search: String
    $status: SurveyStatus
  ) {
    surveys(
      first: $first
      after: $after
      last: $last
      before: $before
      search: $search
      status: $status
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
          title
          status
          locales
          audienceSegmentId
          allowMultipleResponses
          responseCount
          responseQuota
          templateKey
          updatedAt
        }
      }
    }
  }
`);

export const SURVEYS_PAGE_SIZE = 25;
export const SEARCH_DEBOUNCE_MS = 300;

export interface SurveyListState {
  search: string;
  status: SurveyStatus | null;
  after: string | null;
  before: string | null;
}

const one = (v: LocationQuery[string] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export function parseSurveyListQuery(query: LocationQuery): SurveyListState {
  const status = one(query.status);
  return {
    search: (one(query.q) ?? "").trim(),
    status: isOneOf(SURVEY_STATUS_VALUES, status) ? status : null,
    after: one(query.after),
    before: one(query.after) ? null : one(query.before),
  };
}

export function toSurveyListQuery(state: SurveyListState): Record<string, string> {
  const query: Record<string, string> = {};
  if (state.search) query.q = state.search;
  if (state.status) query.status = state.status;
  if (state.after) query.after = state.after;
  else if (state.before) query.before = state.before;
  return query;
}

/** Surveys by title, filtered by status, a page at a time; the state lives in the URL. */
export function useSurveyList() {
  const route = useRoute();
  const router = useRouter();
  const state = computed(() => parseSurveyListQuery(route.query));

  const result = useQuery({
    query: SurveysQuery,
    variables: computed(() => {
      const s = state.value;
      const filters = { search: s.search || undefined, status: s.status ?? undefined };
      return s.before
        ? { last: SURVEYS_PAGE_SIZE, before: s.before, ...filters }
        : { first: SURVEYS_PAGE_SIZE, after: s.after ?? undefined, ...filters };
    }),
    requestPolicy: "cache-and-network",
  });

  const connection = computed(() => result.data.value?.surveys);
  const rows = computed(() => connection.value?.edges.map((e) => e.node) ?? []);
  const pageInfo = computed(() => connection.value?.pageInfo);

  const go = (next: SurveyListState) => router.push({ query: toSurveyListQuery(next) });
  const pager = useRelayPager(state, pageInfo, (position) => go({ ...state.value, ...position }));
  /** Any filter change starts again at the first page. */
  const filter = (patch: Partial<Pick<SurveyListState, "search" | "status">>) =>
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
    filtered: computed(() => Boolean(state.value.search || state.value.status)),
    ...pager,
    filter,
    clearFilters() {
      searchInput.value = "";
      return go({ search: "", status: null, after: null, before: null });
    },
    retry: () => result.executeQuery({ requestPolicy: "network-only" }),
  };
}
