import { computed, toValue, type MaybeRefOrGetter } from "vue";
import { useClientHandle, useQuery } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type { CampaignFieldsFragment, CampaignInput } from "@/graphql/generated/graphql";

export const CampaignFields = graphql(`
  fragment CampaignFields on LoyaltyCampaign {
    id
    programId
    name
    segmentId
    startsAt
    endsAt
    multiplier
    bonusPoints
    stacking
    capPerCustomer
    status
  }
`);

export const ProgramCampaignsQuery = graphql(`
  query ProgramCampaigns($id: ID!) {
    loyaltyProgram(id: $id) {
      id
      campaigns {
        ...CampaignFields
      }
    }
  }
`);

export const CreateLoyaltyCampaignMutation = graphql(`
  mutation CreateLoyaltyCampaign($programId: ID!, $input: CampaignInput!) {
    createLoyaltyCampaign(programId: $programId, input: $input) {
      ...CampaignFields
    }
  }
`);

export const UpdateLoyaltyCampaignMutation = graphql(`
  mutation UpdateLoyaltyCampaign($id: ID!, $input: CampaignInput!) {
    updateLoyaltyCampaign(id: $id, input: $input) {
      ...CampaignFields
    }
  }
`);

export const ArchiveLoyaltyCampaignMutation = graphql(`
  mutation ArchiveLoyaltyCampaign($id: ID!) {
    archiveLoyaltyCampaign(id: $id) {
      ...CampaignFields
    }
  }
`);

export type CampaignItem = CampaignFieldsFragment;

/** A points or tiered program's campaigns, newest start first, with their changes. */
export function useProgramCampaigns(programId: MaybeRefOrGetter<string | null>) {
  const { client } = useClientHandle();
  const result = useQuery({
    query: ProgramCampaignsQuery,
    variables: computed(() => ({ id: toValue(programId) ?? "" })),
    // A program still being created has none.
    pause: computed(() => !toValue(programId)),
    requestPolicy: "cache-and-network",
  });
  const refetch = () => result.executeQuery({ requestPolicy: "network-only" });

  async function save(id: string | null, input: CampaignInput) {
    const result = id
      ? await client.mutation(UpdateLoyaltyCampaignMutation, { id, input }).toPromise()
      : await client
          .mutation(CreateLoyaltyCampaignMutation, { programId: toValue(programId)!, input })
          .toPromise();
    if (result.data) refetch();
    return result;
  }

  async function archive(id: string) {
    const result = await client.mutation(ArchiveLoyaltyCampaignMutation, { id }).toPromise();
    if (result.data) refetch();
    return result;
  }

  return {
    campaigns: computed<CampaignItem[]>(() => result.data.value?.loyaltyProgram.campaigns ?? []),
    fetching: result.fetching,
    error: result.error,
    refetch,
    save,
    archive,
  };
}
