import { watch, type MaybeRefOrGetter, toValue } from "vue";
import { useClientHandle } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type { CustomerTimelineQuery as TimelineResult } from "@/graphql/generated/graphql";
import { queryConnectionPage } from "@/composables/connection-page";
import { useLoadMore } from "@/composables/use-load-more";

export const CustomerTimelineQuery = graphql(`
  query CustomerTimeline($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) {
      id
      timeline(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            type
            occurredAt
            recordedAt
            amount {
              amountMinor
              currency
            }
            discount {
              amountMinor
              currency
            }
            category
            orderId
            payload
          }
        }
      }
    }
  }
`);

export type TimelineEvent = NonNullable<
  TimelineResult["customer"]
>["timeline"]["edges"][number]["node"];

export const TIMELINE_PAGE_SIZE = 20;

/** The customer's events, newest first as the API orders them, one page at a time. */
export function useCustomerTimeline(id: MaybeRefOrGetter<string>) {
  const { client } = useClientHandle();
  const list = useLoadMore((after) =>
    queryConnectionPage(
      client,
      CustomerTimelineQuery,
      { id: toValue(id), first: TIMELINE_PAGE_SIZE, after },
      (data) => data?.customer?.timeline,
    ),
  );
  watch(
    () => toValue(id),
    () => void list.reload(),
    { immediate: true },
  );
  return list;
}
