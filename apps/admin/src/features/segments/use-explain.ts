import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { useQuery } from "@urql/vue";
import type { Explanation } from "@trouw/domain";
import { graphql } from "@/graphql/generated";

export const ExplainMembershipQuery = graphql(`
  query ExplainMembership($customerId: ID!, $segmentId: ID, $rule: JSONObject) {
    explainMembership(customerId: $customerId, segmentId: $segmentId, rule: $rule) {
      member
      holds
      tree
      customer {
        id
        externalId
        name
        email
      }
    }
  }
`);

/** Why a customer is (or is not) in a saved segment: the rule's tree with what each node saw. */
export function useExplain(
  segmentId: MaybeRefOrGetter<string>,
  customerId: MaybeRefOrGetter<string | null>,
) {
  const result = useQuery({
    query: ExplainMembershipQuery,
    variables: computed(() => ({
      customerId: toValue(customerId) ?? "",
      segmentId: toValue(segmentId),
    })),
    pause: computed(() => !toValue(customerId)),
    requestPolicy: "network-only",
  });
  const explanation = computed(() => result.data.value?.explainMembership ?? null);
  return {
    explanation,
    tree: computed(() => (explanation.value?.tree ?? null) as Explanation | null),
    fetching: result.fetching,
    error: result.error,
  };
}
