import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { useClientHandle, useQuery } from "@urql/vue";
import { graphql } from "@/graphql/generated";

export const CustomerConsentQuery = graphql(`
  query CustomerConsent($id: ID!) {
    customer(id: $id) {
      id
      email
      erasedAt
      consents {
        purpose
        granted
        since
        source
      }
    }
  }
`);

export const ExportCustomerDataMutation = graphql(`
  mutation ExportCustomerData($customerId: ID!) {
    exportCustomerData(customerId: $customerId)
  }
`);

export const EraseCustomerMutation = graphql(`
  mutation EraseCustomer($customerId: ID!, $reason: String!) {
    eraseCustomer(customerId: $customerId, reason: $reason) {
      id
      externalId
      email
      name
      phone
      birthDate
      tags
      attributes
      marketingConsent
      erasedAt
    }
  }
`);

/** The word to type when the customer has no email address. */
export const ERASE_WORD = "ERASE";

/** What the admin must type to confirm an erasure: the customer's email, else ERASE. */
export function eraseConfirmation(email: string | null | undefined): string {
  return email?.trim() || ERASE_WORD;
}

/** Typed text matches the confirmation, ignoring case and surrounding spaces. */
export function confirms(typed: string, email: string | null | undefined): boolean {
  return typed.trim().toLowerCase() === eraseConfirmation(email).toLowerCase();
}

/** A customer's consent, and the GDPR export and erasure. */
export function useCustomerPrivacy(id: MaybeRefOrGetter<string>) {
  const { client } = useClientHandle();
  const result = useQuery({
    query: CustomerConsentQuery,
    variables: computed(() => ({ id: toValue(id) })),
  });
  return {
    customer: computed(() => result.data.value?.customer ?? null),
    fetching: result.fetching,
    error: result.error,
    exportData: () =>
      client.mutation(ExportCustomerDataMutation, { customerId: toValue(id) }).toPromise(),
    erase: async (reason: string) => {
      const res = await client
        .mutation(EraseCustomerMutation, { customerId: toValue(id), reason })
        .toPromise();
      if (res.data) await result.executeQuery({ requestPolicy: "network-only" });
      return res;
    },
  };
}
