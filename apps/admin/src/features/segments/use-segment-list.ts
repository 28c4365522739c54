import { graphql } from "@/graphql/generated";
import { useUrlList } from "@/composables/use-url-list";

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

/** Saved segments by name, searchable, a page at a time; the state lives in the URL. */
export const useSegmentList = () =>
  useUrlList({ query: SegmentsQuery, connection: (data) => data.segments, filters: {} });
