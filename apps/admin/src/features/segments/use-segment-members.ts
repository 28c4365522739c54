import { toValue, watch, type MaybeRefOrGetter } from "vue";
import { useClientHandle } from "@urql/vue";
import type { Client } from "@urql/core";
import { graphql } from "@/graphql/generated";
import type { SegmentMembersQuery as MembersResult } from "@/graphql/generated/graphql";
import type { PageResult } from "@/graphql/use-load-more";
import { useCursorPages } from "./use-cursor-pages";

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
export async function fetchMembersPage(
  client: Client,
  segmentId: string,
  after: string | null,
  first = MEMBERS_PAGE_SIZE,
): Promise<PageResult<SegmentMember>> {
  const result = await client
    .query(SegmentMembersQuery, { id: segmentId, first, after }, { requestPolicy: "network-only" })
    .toPromise();
  if (result.error) return { error: result.error };
  const members = result.data?.segment?.members;
  return {
    page: {
      items: members?.edges.map((e) => e.node) ?? [],
      endCursor: members?.pageInfo.endCursor ?? null,
      hasNextPage: members?.pageInfo.hasNextPage ?? false,
      totalCount: members?.totalCount ?? 0,
    },
  };
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
