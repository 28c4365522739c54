import { computed } from "vue";
import { useClientHandle, useQuery } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookEndpointFieldsFragment,
} from "@/graphql/generated/graphql";

export const WebhookEndpointFields = graphql(`
  fragment WebhookEndpointFields on WebhookEndpoint {
    id
    url
    description
    topics
    segmentIds
    active
    secretPreview
    secretRotatedAt
    previousSecretExpiresAt
    createdAt
    updatedAt
    pendingDeliveries
    failingDeliveries
    deadDeliveries
  }
`);

export const WebhookEndpointsQuery = graphql(`
  query WebhookEndpoints {
    webhookEndpoints {
      ...WebhookEndpointFields
    }
  }
`);

export const CreateWebhookEndpointMutation = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        ...WebhookEndpointFields
      }
    }
  }
`);

export const UpdateWebhookEndpointMutation = graphql(`
  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) {
      ...WebhookEndpointFields
    }
  }
`);

export const DeleteWebhookEndpointMutation = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id) {
      id
    }
  }
`);

export const RotateWebhookSecretMutation = graphql(`
  mutation RotateWebhookSecret($id: ID!, $keepPreviousForHours: Int!) {
    rotateWebhookSecret(id: $id, keepPreviousForHours: $keepPreviousForHours) {
      secret
      endpoint {
        ...WebhookEndpointFields
      }
    }
  }
`);

export const SendWebhookTestEventMutation = graphql(`
  mutation SendWebhookTestEvent($endpointId: ID!) {
    sendWebhookTestEvent(endpointId: $endpointId) {
      id
      status
      lastStatusCode
      lastError
      lastResponseMs
    }
  }
`);

export type WebhookEndpointItem = WebhookEndpointFieldsFragment;

/** The webhook endpoints with their changes; each change refetches the list. */
export function useWebhookEndpoints() {
  const { client } = useClientHandle();
  const result = useQuery({ query: WebhookEndpointsQuery, requestPolicy: "cache-and-network" });
  const endpoints = computed<WebhookEndpointItem[]>(
    () => result.data.value?.webhookEndpoints ?? [],
  );
  const refetch = () => result.executeQuery({ requestPolicy: "network-only" });
  const after = <R extends { data?: unknown }>(r: R) => {
    if (r.data) refetch();
    return r;
  };

  return {
    endpoints,
    fetching: result.fetching,
    error: result.error,
    refetch,
    create: async (input: CreateWebhookEndpointInput) =>
      after(await client.mutation(CreateWebhookEndpointMutation, { input }).toPromise()),
    update: async (id: string, input: UpdateWebhookEndpointInput) =>
      after(await client.mutation(UpdateWebhookEndpointMutation, { id, input }).toPromise()),
    remove: async (id: string) =>
      after(await client.mutation(DeleteWebhookEndpointMutation, { id }).toPromise()),
    rotate: async (id: string, keepPreviousForHours: number) =>
      after(
        await client
          .mutation(RotateWebhookSecretMutation, { id, keepPreviousForHours })
          .toPromise(),
      ),
    sendTest: async (endpointId: string) =>
      after(await client.mutation(SendWebhookTestEventMutation, { endpointId }).toPromise()),
  };
}
