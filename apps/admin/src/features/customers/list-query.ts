import type { LocationQuery, LocationQueryRaw } from "vue-router";
import type {
  AcquisitionSource,
  CustomerSortField,
  CustomersQueryVariables,
  PersonalityColour,
  SortDirection,
} from "@/graphql/generated/graphql";
import { ACQUISITION_SOURCE_VALUES, PERSONALITY_COLOUR_VALUES, isOneOf } from "@/lib/enums";

/**
 * The customers list keeps all of its state in the URL query, so a link reproduces the view
 * and the browser's back and forward buttons step through it.
 */
export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const SORTS = {
  "signed-up-desc": { field: "SIGNED_UP_AT", direction: "DESC" },
  "signed-up-asc": { field: "SIGNED_UP_AT", direction: "ASC" },
  "name-asc": { field: "NAME", direction: "ASC" },
  "name-desc": { field: "NAME", direction: "DESC" },
  "created-desc": { field: "CREATED_AT", direction: "DESC" },
  "created-asc": { field: "CREATED_AT", direction: "ASC" },
} as const satisfies Record<string, { field: CustomerSortField; direction: SortDirection }>;
export type SortKey = keyof typeof SORTS;
export const SORT_KEYS = Object.keys(SORTS) as SortKey[];
const DEFAULT_SORT: SortKey = "signed-up-desc";
const DEFAULT_SIZE: PageSize = 25;

export interface CustomerListFilters {
  search: string;
  tags: string[];
  sources: AcquisitionSource[];
  colours: PersonalityColour[];
  /** Inclusive local dates, `YYYY-MM-DD`. */
  signedUpFrom: string | null;
  signedUpTo: string | null;
}

export interface CustomerListState extends CustomerListFilters {
  sort: SortKey;
  size: PageSize;
  /** At most one of the two cursors is set: `after` pages forward, `before` back. */
  after: string | null;
  before: string | null;
}

export const EMPTY_FILTERS: CustomerListFilters = {
  search: "",
  tags: [],
  sources: [],
  colours: [],
  signedUpFrom: null,
  signedUpTo: null,
};

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function all(value: LocationQuery[string] | undefined): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === "string" && v !== "",
  );
}

function one(value: LocationQuery[string] | undefined): string | null {
  return all(value)[0] ?? null;
}

export function parseListQuery(query: LocationQuery): CustomerListState {
  const sort = one(query.sort);
  const size = Number(one(query.size));
  const from = one(query.from);
  const to = one(query.to);
  const after = one(query.after);
  return {
    search: one(query.q) ?? "",
    tags: all(query.tag),
    sources: all(query.source).filter((v) => isOneOf(ACQUISITION_SOURCE_VALUES, v)),
    colours: all(query.colour).filter((v) => isOneOf(PERSONALITY_COLOUR_VALUES, v)),
    signedUpFrom: from && LOCAL_DATE.test(from) ? from : null,
    signedUpTo: to && LOCAL_DATE.test(to) ? to : null,
    sort: sort && sort in SORTS ? (sort as SortKey) : DEFAULT_SORT,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? (size as PageSize) : DEFAULT_SIZE,
    after,
    before: after ? null : one(query.before),
  };
}

/** The URL query for a state; defaults are left out to keep links short. */
export function toListQuery(state: CustomerListState): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (state.search.trim()) query.q = state.search.trim();
  if (state.tags.length) query.tag = [...state.tags];
  if (state.sources.length) query.source = [...state.sources];
  if (state.colours.length) query.colour = [...state.colours];
  if (state.signedUpFrom) query.from = state.signedUpFrom;
  if (state.signedUpTo) query.to = state.signedUpTo;
  if (state.sort !== DEFAULT_SORT) query.sort = state.sort;
  if (state.size !== DEFAULT_SIZE) query.size = String(state.size);
  if (state.after) query.after = state.after;
  else if (state.before) query.before = state.before;
  return query;
}

/** Start of a local day, or with `endOfDay` its last millisecond, as an ISO instant. */
export function localDateToInstant(date: string, endOfDay = false): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const at = endOfDay ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d);
  return at.toISOString();
}

export function toQueryVariables(state: CustomerListState): CustomersQueryVariables {
  const filter: NonNullable<CustomersQueryVariables["filter"]> = {};
  if (state.search.trim()) filter.search = state.search.trim();
  if (state.tags.length) filter.tags = state.tags;
  if (state.sources.length) filter.acquisitionSources = state.sources;
  if (state.colours.length) filter.personalityColours = state.colours;
  if (state.signedUpFrom) filter.signedUpFrom = localDateToInstant(state.signedUpFrom);
  if (state.signedUpTo) filter.signedUpTo = localDateToInstant(state.signedUpTo, true);
  const page = state.before
    ? { last: state.size, before: state.before }
    : { first: state.size, ...(state.after ? { after: state.after } : {}) };
  return { ...page, filter, orderBy: SORTS[state.sort] };
}

export function hasActiveFilters(state: CustomerListFilters): boolean {
  return (
    state.search.trim() !== "" ||
    state.tags.length > 0 ||
    state.sources.length > 0 ||
    state.colours.length > 0 ||
    state.signedUpFrom !== null ||
    state.signedUpTo !== null
  );
}

/** Date picker timestamps (local midnight) to and from `YYYY-MM-DD`. */
export function timestampToLocalDate(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function localDateToTimestamp(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}
