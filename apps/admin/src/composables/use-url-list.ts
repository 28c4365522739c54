import { computed, onBeforeUnmount, ref, watch, type ComputedRef, type Ref } from "vue";
import { useQuery, type AnyVariables } from "@urql/vue";
import type { TypedDocumentNode } from "@urql/core";
import type { CombinedError } from "@urql/core";
import { useRoute, useRouter, type LocationQuery } from "vue-router";
import { isOneOf } from "@/lib/enums";
import { useRelayPager, type CursorPosition } from "./use-relay-pager";

export const LIST_PAGE_SIZE = 25;
export const SEARCH_DEBOUNCE_MS = 300;

/** Reads one filter from its URL parameter; anything it does not know becomes null. */
export type FilterParser<T extends string> = (raw: string | null) => T | null;
export type FilterParsers = Record<string, FilterParser<string>>;

/** The filter values a set of parsers yields. */
export type FilterValues<P extends FilterParsers> = { [K in keyof P]: ReturnType<P[K]> };

/** Where a searchable, filterable, Relay-paged list stands; all of it lives in the URL. */
export type UrlListState<P extends FilterParsers> = { search: string } & FilterValues<P> &
  CursorPosition;

/** A filter whose value must be one of `values` (an enum). */
export const oneOf =
  <T extends string>(values: readonly T[]): FilterParser<T> =>
  (raw) =>
    isOneOf(values, raw) ? raw : null;

const one = (v: LocationQuery[string] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

/** The list state in a URL query: search in `q`, each filter under its own name, a cursor. */
export function parseUrlListQuery<P extends FilterParsers>(
  query: LocationQuery,
  filters: P,
): UrlListState<P> {
  const values = Object.fromEntries(
    Object.entries(filters).map(([name, parse]) => [name, parse(one(query[name]))]),
  ) as FilterValues<P>;
  return {
    search: (one(query.q) ?? "").trim(),
    ...values,
    after: one(query.after),
    before: one(query.after) ? null : one(query.before),
  };
}

/** The URL query of a list state: only what is set, `after` winning over `before`. */
export function toUrlListQuery<P extends FilterParsers>(
  state: UrlListState<P>,
  filters: P,
): Record<string, string> {
  const query: Record<string, string> = {};
  if (state.search) query.q = state.search;
  for (const name of Object.keys(filters)) {
    const value = state[name as keyof UrlListState<P>] as string | null;
    if (value) query[name] = value;
  }
  if (state.after) query.after = state.after;
  else if (state.before) query.before = state.before;
  return query;
}

interface Connection<Node> {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor?: string | null;
    endCursor?: string | null;
  };
  edges: ReadonlyArray<{ node: Node }>;
}

export interface UrlListOptions<Data, V extends AnyVariables, Node, P extends FilterParsers> {
  query: TypedDocumentNode<Data, V>;
  /** The connection in the query's answer. */
  connection: (data: Data) => Connection<Node> | undefined;
  /** The list's filters besides the search, by URL parameter and query variable name. */
  filters: P;
  pageSize?: number;
}

/** What a list page shows and does, whatever its filters (see ListPage.vue). */
export interface ListView<Node> {
  /** The search box's text; the URL follows it after a short pause. */
  searchInput: Ref<string>;
  rows: ComputedRef<Node[]>;
  totalCount: ComputedRef<number>;
  fetching: Ref<boolean>;
  /** Nothing to show yet: the first answer is still on its way. */
  firstLoad: ComputedRef<boolean>;
  error: Ref<CombinedError | undefined>;
  /** A search or filter narrows the list. */
  filtered: ComputedRef<boolean>;
  hasNext: ComputedRef<boolean>;
  hasPrevious: ComputedRef<boolean>;
  nextPage(): void;
  previousPage(): void;
  clearFilters(): unknown;
  retry(): unknown;
}

export interface UrlList<Node, P extends FilterParsers> extends ListView<Node> {
  state: ComputedRef<UrlListState<P>>;
  /** Changes filters; any change starts again at the first page. */
  filter(patch: Partial<{ search: string } & FilterValues<P>>): unknown;
}

/**
 * A searchable, filterable list a page at a time (Relay cursors both ways), whose whole state
 * lives in the URL so that reload, back and shared links show the same page.
 */
export function useUrlList<Data, V extends AnyVariables, Node, P extends FilterParsers>(
  options: UrlListOptions<Data, V, Node, P>,
): UrlList<Node, P> {
  const { filters, pageSize = LIST_PAGE_SIZE } = options;
  const route = useRoute();
  const router = useRouter();
  const state = computed(() => parseUrlListQuery(route.query, filters));

  const result = useQuery<Data, V>({
    query: options.query,
    variables: computed(() => {
      const s = state.value;
      const variables: Record<string, unknown> = { search: s.search || undefined };
      for (const name of Object.keys(filters)) {
        variables[name] = s[name as keyof UrlListState<P>] ?? undefined;
      }
      return s.before
        ? { last: pageSize, before: s.before, ...variables }
        : { first: pageSize, after: s.after ?? undefined, ...variables };
    }) as unknown as V,
    requestPolicy: "cache-and-network",
  });

  const connection = computed(() =>
    result.data.value ? options.connection(result.data.value as Data) : undefined,
  );
  const rows = computed(() => connection.value?.edges.map((e) => e.node) ?? []);
  const pageInfo = computed(() => connection.value?.pageInfo);

  const go = (next: UrlListState<P>) => router.push({ query: toUrlListQuery(next, filters) });
  const pager = useRelayPager(state, pageInfo, (position) => go({ ...state.value, ...position }));
  const filter = (patch: Partial<{ search: string } & FilterValues<P>>) =>
    go({ ...state.value, ...patch, after: null, before: null });

  const searchInput = ref(state.value.search);
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(searchInput, (value) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (value.trim() !== state.value.search) void filter({ search: value.trim() } as never);
    }, SEARCH_DEBOUNCE_MS);
  });
  onBeforeUnmount(() => clearTimeout(timer));

  const cleared = () =>
    ({
      ...Object.fromEntries(Object.keys(filters).map((name) => [name, null])),
      search: "",
      after: null,
      before: null,
    }) as UrlListState<P>;

  return {
    state,
    searchInput,
    rows,
    totalCount: computed(() => connection.value?.totalCount ?? 0),
    fetching: result.fetching,
    firstLoad: computed(() => result.fetching.value && !connection.value),
    error: result.error,
    filtered: computed(
      () =>
        state.value.search !== "" ||
        Object.keys(filters).some((name) => state.value[name as keyof UrlListState<P>] != null),
    ),
    ...pager,
    filter,
    clearFilters() {
      searchInput.value = "";
      return go(cleared());
    },
    retry: () => result.executeQuery({ requestPolicy: "network-only" }),
  };
}
