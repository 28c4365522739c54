import { toValue, watch, type MaybeRefOrGetter } from "vue";
import { useClientHandle } from "@urql/vue";
import type { Client } from "@urql/core";
import { graphql } from "@/graphql/generated";
import type { SegmentMembersQuery as MembersResult } from "@/graphql/generated/graphql";
import { queryConnectionPage, type PageResult } from "@/composables/connection-page";
import { useCursorPages } from "@/composables/use-cursor-pages";

export const SegmentMembersQuery = graphql(`
  query SegmentMembers($id: ID!, $first: Int!, $after: String) {
    segment(id: $id) {
      id
      members(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
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
            signedUpAt
          }
        }
      }
    }
  }
`);

export type SegmentMember = NonNullable<
  MembersResult["segment"]
>["members"]["edges"][number]["node"];

export const MEMBERS_PAGE_SIZE = 25;

/** One page of a segment's members after the cursor `after`. */
export function fetchMembersPage(
  client: Client,
  segmentId: string,
  after: string | null,
  first = MEMBERS_PAGE_SIZE,
): Promise<PageResult<SegmentMember>> {
  return queryConnectionPage(
    client,
    SegmentMembersQuery,
    { id: segmentId, first, after },
    (data) => data?.segment?.members,
  );
}

/** The segment's members after its latest refresh, a page at a time. */
export function useSegmentMembers(
  segmentId: MaybeRefOrGetter<string>,
  refreshed: MaybeRefOrGetter<number>,
) {
  const { client } = useClientHandle();
  const pages = useCursorPages((after) => fetchMembersPage(client, toValue(segmentId), after));
  watch(
    () => toValue(segmentId),
    () => void pages.reload(),
    { immediate: true },
  );
  watch(
    () => toValue(refreshed),
    () => void pages.reload(),
  );
  return pages;
}
