import { computed, ref, toValue, watch, type MaybeRefOrGetter } from "vue";
import { useClientHandle, useQuery } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type {
  MembershipChange,
  SegmentMembershipChangesQuery as ChangesResult,
} from "@/graphql/generated/graphql";
import { queryConnectionPage } from "@/composables/connection-page";
import { useCursorPages } from "@/composables/use-cursor-pages";

export const SegmentMembershipChangesQuery = graphql(`
  query SegmentMembershipChanges(
    $id: ID!
    $first: Int!
    $after: String
    $change: MembershipChange
    $from: DateTime
    $to: DateTime
  ) {
    segment(id: $id) {
      id
      membershipChanges(first: $first, after: $after, change: $change, from: $from, to: $to) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            at
            change
            customer {
              id
              externalId
              name
              email
            }
          }
        }
      }
    }
  }
`);

export const SegmentSizeHistoryQuery = graphql(`
  query SegmentSizeHistory($id: ID!, $from: DateTime, $to: DateTime) {
    segment(id: $id) {
      id
      sizeHistory(from: $from, to: $to) {
        at
        size
        entered
        exited
        scope
      }
    }
  }
`);

export const SegmentVersionsQuery = graphql(`
  query SegmentVersions($id: ID!) {
    segment(id: $id) {
      id
      versions {
        version
        name
        description
        rule
        changedAt
        changedBy
      }
    }
  }
`);

export type MembershipChangeRow = NonNullable<
  ChangesResult["segment"]
>["membershipChanges"]["edges"][number]["node"];

export const CHANGES_PAGE_SIZE = 25;

/** A [from, to] range of epoch milliseconds as the date picker gives it; `to` covers its whole day. */
export type DayRange = [number, number] | null;

export function rangeVariables(range: DayRange): { from?: string; to?: string } {
  if (!range) return {};
  const to = new Date(range[1]);
  to.setHours(23, 59, 59, 999);
  return { from: new Date(range[0]).toISOString(), to: to.toISOString() };
}

/** Who entered or left the segment, newest first, filtered by change and date range. */
export function useMembershipChanges(
  segmentId: MaybeRefOrGetter<string>,
  refreshed: MaybeRefOrGetter<number>,
) {
  const { client } = useClientHandle();
  const change = ref<MembershipChange | null>(null);
  const range = ref<DayRange>(null);
  const pages = useCursorPages((after) =>
    queryConnectionPage(
      client,
      SegmentMembershipChangesQuery,
      {
        id: toValue(segmentId),
        first: CHANGES_PAGE_SIZE,
        after,
        change: change.value,
        ...rangeVariables(range.value),
      },
      (data) => data?.segment?.membershipChanges,
    ),
  );
  watch(
    () => [toValue(segmentId), toValue(refreshed), change.value, range.value],
    () => void pages.reload(),
    { immediate: true },
  );
  return { ...pages, change, range };
}

/** The segment's size after each refresh, within an optional date range. */
export function useSizeHistory(
  segmentId: MaybeRefOrGetter<string>,
  refreshed: MaybeRefOrGetter<number>,
) {
  const range = ref<DayRange>(null);
  const result = useQuery({
    query: SegmentSizeHistoryQuery,
    variables: computed(() => ({ id: toValue(segmentId), ...rangeVariables(range.value) })),
    requestPolicy: "cache-and-network",
  });
  watch(
    () => toValue(refreshed),
    () => void result.executeQuery({ requestPolicy: "network-only" }),
  );
  return {
    range,
    points: computed(() => result.data.value?.segment?.sizeHistory ?? []),
    fetching: result.fetching,
    error: result.error,
  };
}

/** Every saved version of the segment, newest first. */
export function useSegmentVersions(segmentId: MaybeRefOrGetter<string>) {
  const result = useQuery({
    query: SegmentVersionsQuery,
    variables: computed(() => ({ id: toValue(segmentId) })),
    requestPolicy: "cache-and-network",
  });
  return {
    versions: computed(() =>
      [...(result.data.value?.segment?.versions ?? [])].sort((a, b) => b.version - a.version),
    ),
    fetching: result.fetching,
    error: result.error,
  };
}
