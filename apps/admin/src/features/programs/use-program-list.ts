import { graphql } from "@/graphql/generated";
import {
  oneOf,
  parseUrlListQuery,
  toUrlListQuery,
  useUrlList,
  type UrlListState,
} from "@/composables/use-url-list";
import type { LocationQuery } from "vue-router";
import { PROGRAM_STATUS_VALUES, PROGRAM_TYPE_VALUES } from "@/lib/enums";

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

export const PROGRAM_LIST_FILTERS = {
  status: oneOf(PROGRAM_STATUS_VALUES),
  type: oneOf(PROGRAM_TYPE_VALUES),
};

export type ProgramListState = UrlListState<typeof PROGRAM_LIST_FILTERS>;

export const parseProgramListQuery = (query: LocationQuery) =>
  parseUrlListQuery(query, PROGRAM_LIST_FILTERS);
export const toProgramListQuery = (state: ProgramListState) =>
  toUrlListQuery(state, PROGRAM_LIST_FILTERS);

/** Loyalty programs by name, filtered by status and type, a page at a time; state in the URL. */
export const useProgramList = () =>
  useUrlList({
    query: LoyaltyProgramsQuery,
    connection: (data) => data.loyaltyPrograms,
    filters: PROGRAM_LIST_FILTERS,
  });
