import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { useQuery } from "@urql/vue";
import { graphql } from "@/graphql/generated";

export const CustomerSegmentsQuery = graphql(`
  query CustomerSegments($id: ID!) {
    customer(id: $id) {
      id
      segments {
        id
        name
        memberCount
      }
    }
  }
`);

/** The saved segments a customer is a member of (after their latest refresh). */
export function useCustomerSegments(id: MaybeRefOrGetter<string>) {
  const result = useQuery({
    query: CustomerSegmentsQuery,
    variables: computed(() => ({ id: toValue(id) })),
    requestPolicy: "cache-and-network",
  });
  return {
    segments: computed(() =>
      [...(result.data.value?.customer?.segments ?? [])].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    ),
    fetching: result.fetching,
    error: result.error,
  };
}
