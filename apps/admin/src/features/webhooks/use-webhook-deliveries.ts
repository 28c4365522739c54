import { toValue, watch, type MaybeRefOrGetter } from "vue";
import { useClientHandle } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type {
  WebhookDeliveriesQuery as DeliveriesResult,
  WebhookDeliveryStatus,
} from "@/graphql/generated/graphql";
import { queryConnectionPage } from "@/composables/connection-page";
import { useCursorPages } from "@/composables/use-cursor-pages";

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries(
    $endpointId: ID!
    $status: WebhookDeliveryStatus
    $first: Int!
    $after: String
  ) {
    webhookDeliveries(endpointId: $endpointId, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          eventId
          topic
          status
          attempts
          nextAttemptAt
          lastAttemptAt
          lastStatusCode
          lastError
          lastResponseMs
          deliveredAt
          createdAt
          payload
        }
      }
    }
  }
`);

export const RedeliverWebhookMutation = graphql(`
  mutation RedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      id
      status
      attempts
      lastStatusCode
      lastError
    }
  }
`);

export const RedeliverDeadWebhooksMutation = graphql(`
  mutation RedeliverDeadWebhooks($endpointId: ID!) {
    redeliverDeadWebhooks(endpointId: $endpointId)
  }
`);

export type WebhookDeliveryItem = DeliveriesResult["webhookDeliveries"]["edges"][number]["node"];

export const DELIVERIES_PAGE_SIZE = 20;

/** An endpoint's delivery log, newest first, a page at a time, optionally of one status. */
export function useWebhookDeliveries(
  endpointId: MaybeRefOrGetter<string | null>,
  status: MaybeRefOrGetter<WebhookDeliveryStatus | null>,
) {
  const { client } = useClientHandle();
  const pages = useCursorPages((after) =>
    queryConnectionPage(
      client,
      WebhookDeliveriesQuery,
      {
        endpointId: toValue(endpointId) ?? "",
        status: toValue(status),
        first: DELIVERIES_PAGE_SIZE,
        after,
      },
      (data) => data?.webhookDeliveries,
    ),
  );
  watch(
    () => [toValue(endpointId), toValue(status)] as const,
    ([id]) => {
      if (id) void pages.reload();
    },
    { immediate: true },
  );

  return {
    ...pages,
    async redeliver(deliveryId: string) {
      const result = await client.mutation(RedeliverWebhookMutation, { deliveryId }).toPromise();
      if (result.data) await pages.refresh();
      return result;
    },
    async redeliverDead() {
      const id = toValue(endpointId);
      if (!id) return null;
      const result = await client
        .mutation(RedeliverDeadWebhooksMutation, { endpointId: id })
        .toPromise();
      if (result.data) await pages.refresh();
      return result;
    },
  };
}
