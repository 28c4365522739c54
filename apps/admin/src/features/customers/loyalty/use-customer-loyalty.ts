import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { useQuery } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type { LoyaltyAccountFieldsFragment } from "@/graphql/generated/graphql";

export const LoyaltyAccountFields = graphql(`
  fragment LoyaltyAccountFields on LoyaltyAccount {
    customerId
    status
    unit
    balance
    pending
    lifetimeEarned
    completedCards
    punchesRequired
    creditAvailable
    membershipState
    membershipPeriodEnd
    reachedThresholds
    enrolledAt
    lastActivityAt
    expiringSoon {
      amount
      firstExpiresAt
    }
    tier {
      code
      name
      earnMultiplier
      perks
      nextCode
      nextName
      qualifyingValue
      remainingToNext
      percentToNext
      override {
        tierCode
        until
        reason
      }
    }
    program {
      id
      name
      type
      status
      currency
      config
    }
  }
`);

export const CustomerLoyaltyQuery = graphql(`
  query CustomerLoyalty($customerId: ID!) {
    loyaltyStatus(customerId: $customerId) {
      ...LoyaltyAccountFields
    }
  }
`);

export type LoyaltyAccount = LoyaltyAccountFieldsFragment;

/** Tiers are reached by points earned or by spend (minor units): the program's config says. */
export function tierBasis(account: LoyaltyAccount): "points_earned" | "spend" {
  const qualification = account.program.config.qualification as { basis?: string } | undefined;
  return qualification?.basis === "spend" ? "spend" : "points_earned";
}

/** The customer's standing in every program they belong to. */
export function useCustomerLoyalty(customerId: MaybeRefOrGetter<string>) {
  const result = useQuery({
    query: CustomerLoyaltyQuery,
    variables: computed(() => ({ customerId: toValue(customerId) })),
    requestPolicy: "cache-and-network",
  });
  const accounts = computed<LoyaltyAccount[]>(() => result.data.value?.loyaltyStatus ?? []);
  return {
    accounts,
    programNames: computed(() => new Map(accounts.value.map((a) => [a.program.id, a.program]))),
    fetching: result.fetching,
    error: result.error,
    refetch: () => result.executeQuery({ requestPolicy: "network-only" }),
  };
}
