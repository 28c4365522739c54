import { graphql } from "@/graphql/generated";
import {
  oneOf,
  parseUrlListQuery,
  toUrlListQuery,
  useUrlList,
  type UrlListState,
} from "@/composables/use-url-list";
import type { LocationQuery } from "vue-router";
import { SURVEY_STATUS_VALUES } from "@/lib/enums";

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

export const SURVEY_LIST_FILTERS = { status: oneOf(SURVEY_STATUS_VALUES) };

export type SurveyListState = UrlListState<typeof SURVEY_LIST_FILTERS>;

export const parseSurveyListQuery = (query: LocationQuery) =>
  parseUrlListQuery(query, SURVEY_LIST_FILTERS);
export const toSurveyListQuery = (state: SurveyListState) =>
  toUrlListQuery(state, SURVEY_LIST_FILTERS);

/** Surveys by title, filtered by status, a page at a time; the state lives in the URL. */
export const useSurveyList = () =>
  useUrlList({
    query: SurveysQuery,
    connection: (data) => data.surveys,
    filters: SURVEY_LIST_FILTERS,
  });
