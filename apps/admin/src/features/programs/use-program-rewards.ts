import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { useClientHandle, useQuery } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type { RewardFieldsFragment, RewardInput } from "@/graphql/generated/graphql";

export const RewardFields = graphql(`
  fragment RewardFields on Reward {
    id
    programId
    kind
    name
    description
    cost
    valueMinor
    percent
    stock
    perCustomerLimit
    validFrom
    validUntil
    tierCodes
    segmentIds
    status
  }
`);

export const ProgramRewardsQuery = graphql(`
  query ProgramRewards($id: ID!) {
    loyaltyProgram(id: $id) {
      id
      rewards(includeArchived: true) {
        ...RewardFields
      }
    }
  }
`);

export const CreateRewardMutation = graphql(`
  mutation CreateReward($programId: ID!, $input: RewardInput!) {
    createReward(programId: $programId, input: $input) {
      ...RewardFields
    }
  }
`);

export const UpdateRewardMutation = graphql(`
  mutation UpdateReward($id: ID!, $input: RewardInput!) {
    updateReward(id: $id, input: $input) {
      ...RewardFields
    }
  }
`);

export const ArchiveRewardMutation = graphql(`
  mutation ArchiveReward($id: ID!) {
    archiveReward(id: $id) {
      ...RewardFields
    }
  }
`);

export type RewardItem = RewardFieldsFragment;

/** A program's rewards catalog (archived ones too, listed last) with its changes. */
export function useProgramRewards(programId: MaybeRefOrGetter<string | null>) {
  const { client } = useClientHandle();
  const result = useQuery({
    query: ProgramRewardsQuery,
    variables: computed(() => ({ id: toValue(programId) ?? "" })),
    // A program still being created has none.
    pause: computed(() => !toValue(programId)),
    requestPolicy: "cache-and-network",
  });
  const rewards = computed<RewardItem[]>(() =>
    [...(result.data.value?.loyaltyProgram.rewards ?? [])].sort(
      (a, b) => Number(a.status === "archived") - Number(b.status === "archived"),
    ),
  );
  const refetch = () => result.executeQuery({ requestPolicy: "network-only" });

  async function save(id: string | null, input: RewardInput) {
    const result = id
      ? await client.mutation(UpdateRewardMutation, { id, input }).toPromise()
      : await client
          .mutation(CreateRewardMutation, { programId: toValue(programId)!, input })
          .toPromise();
    if (result.data) refetch();
    return result;
  }

  async function archive(id: string) {
    const result = await client.mutation(ArchiveRewardMutation, { id }).toPromise();
    if (result.data) refetch();
    return result;
  }

  return {
    rewards,
    /** Rewards still offered, e.g. for the punch card's reward picker. */
    active: computed(() => rewards.value.filter((r) => r.status !== "archived")),
    fetching: result.fetching,
    error: result.error,
    refetch,
    save,
    archive,
  };
}
