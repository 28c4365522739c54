import { toValue, watch, type MaybeRefOrGetter } from "vue";
import { useClientHandle } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type { RedemptionFieldsFragment } from "@/graphql/generated/graphql";
import { queryConnectionPage } from "@/composables/connection-page";
import { useLoadMore } from "@/composables/use-load-more";

export const RedemptionFields = graphql(`
  fragment RedemptionFields on Redemption {
    id
    programId
    rewardId
    code
    description
    cost
    source
    status
    createdAt
    cancelledAt
    cancelReason
  }
`);

export const CustomerRedemptionsQuery = graphql(`
  query CustomerRedemptions($customerId: ID!, $first: Int!, $after: String) {
    redemptions(customerId: $customerId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...RedemptionFields
        }
      }
    }
  }
`);

export const CancelRedemptionMutation = graphql(`
  mutation CancelRedemption($id: ID!, $reason: String!, $idempotencyKey: String) {
    cancelRedemption(id: $id, reason: $reason, idempotencyKey: $idempotencyKey) {
      ...RedemptionFields
    }
  }
`);

export type RedemptionItem = RedemptionFieldsFragment;

export const REDEMPTIONS_PAGE_SIZE = 10;

/** Rewards issued to the customer, newest first, with cancelling (which restores the balance). */
export function useCustomerRedemptions(customerId: MaybeRefOrGetter<string>) {
  const { client } = useClientHandle();
  const list = useLoadMore((after) =>
    queryConnectionPage(
      client,
      CustomerRedemptionsQuery,
      { customerId: toValue(customerId), first: REDEMPTIONS_PAGE_SIZE, after },
      (data) => data?.redemptions,
    ),
  );
  watch(
    () => toValue(customerId),
    () => void list.reload(),
    { immediate: true },
  );

  /** `idempotencyKey` makes a retry after a lost answer safe: the API cancels only once. */
  async function cancel(id: string, reason: string, idempotencyKey: string) {
    const result = await client
      .mutation(CancelRedemptionMutation, { id, reason, idempotencyKey })
      .toPromise();
    if (result.data) list.replace(result.data.cancelRedemption);
    return result;
  }

  return { ...list, cancel };
}
