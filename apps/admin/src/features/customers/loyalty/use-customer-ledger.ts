import { ref, toValue, watch, type MaybeRefOrGetter } from "vue";
import { useClientHandle } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type { CustomerLedgerQuery as LedgerResult } from "@/graphql/generated/graphql";
import { queryConnectionPage } from "@/composables/connection-page";
import { useCursorPages } from "@/composables/use-cursor-pages";

export const CustomerLedgerQuery = graphql(`
  query CustomerLedger($customerId: ID!, $programId: ID, $first: Int!, $after: String) {
    ledgerEntries(customerId: $customerId, programId: $programId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          programId
          kind
          amount
          pendingDelta
          reason
          actor
          occurredAt
          createdAt
        }
      }
    }
  }
`);

export type LedgerItem = LedgerResult["ledgerEntries"]["edges"][number]["node"];

export const LEDGER_PAGE_SIZE = 10;

/** The customer's ledger, newest first, a page at a time, optionally of one program. */
export function useCustomerLedger(customerId: MaybeRefOrGetter<string>) {
  const { client } = useClientHandle();
  const programId = ref<string | null>(null);
  const pages = useCursorPages((after) =>
    queryConnectionPage(
      client,
      CustomerLedgerQuery,
      {
        customerId: toValue(customerId),
        programId: programId.value,
        first: LEDGER_PAGE_SIZE,
        after,
      },
      (data) => data?.ledgerEntries,
    ),
  );
  watch([() => toValue(customerId), programId], () => void pages.reload(), { immediate: true });
  return { ...pages, programId };
}
