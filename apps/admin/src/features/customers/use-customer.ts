import { computed, type MaybeRefOrGetter, toValue } from "vue";
import { useQuery } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import { hasErrorCode } from "@/graphql/errors";

export const CustomerDetailFields = graphql(`
  fragment CustomerDetailFields on Customer {
    id
    externalId
    email
    name
    phone
    locale
    birthDate
    signedUpAt
    acquisitionSource
    marketingConsent
    marketingConsentAt
    tags
    attributes
    personalityColour
    contactGuidance {
      colour
      summary
      guidance
    }
    referredBy {
      id
      externalId
      name
      email
    }
    createdAt
    updatedAt
  }
`);

export const CustomerQuery = graphql(`
  query Customer($id: ID!) {
    customer(id: $id) {
      ...CustomerDetailFields
    }
  }
`);

export function useCustomer(id: MaybeRefOrGetter<string>) {
  const result = useQuery({
    query: CustomerQuery,
    variables: computed(() => ({ id: toValue(id) })),
  });
  const customer = computed(() => result.data.value?.customer ?? null);
  return {
    customer,
    fetching: result.fetching,
    error: result.error,
    notFound: computed(
      () =>
        hasErrorCode(result.error.value, "NOT_FOUND") ||
        (!result.fetching.value &&
          !result.error.value &&
          result.data.value !== undefined &&
          !customer.value),
    ),
  };
}
