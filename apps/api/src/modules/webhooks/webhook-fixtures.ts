import { expect } from "vitest";
import type { GqlResponse, TestServer } from "../../test-support/server";

export const ENDPOINT_FIELDS = `id url description topics segmentIds active secretPreview secretRotatedAt
  previousSecretExpiresAt createdAt updatedAt pendingDeliveries failingDeliveries deadDeliveries`;

export const DELIVERY_FIELDS = `id endpointId eventId topic status attempts nextAttemptAt lastAttemptAt
  lastStatusCode lastError lastResponseMs deliveredAt createdAt payload`;

export type EndpointView = {
  id: string;
  url: string;
  description: string;
  topics: string[];
  segmentIds: string[];
  active: boolean;
  secretPreview: string;
  secretRotatedAt: string | null;
  previousSecretExpiresAt: string | null;
  pendingDeliveries: number;
  failingDeliveries: number;
  deadDeliveries: number;
};

export type DeliveryView = {
  id: string;
  endpointId: string;
  eventId: string;
  topic: string;
  status: "PENDING" | "DELIVERED" | "FAILED" | "DEAD";
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastResponseMs: number | null;
  deliveredAt: string | null;
  createdAt: string;
  payload: { id: string; topic: string; createdAt: string; data: Record<string, unknown> };
};

function ok<T>(res: GqlResponse<T>): T {
  expect(res.errors ?? []).toEqual([]);
  return res.data!;
}

/** Small factories for the webhook e2e tests, all through GraphQL as an admin. */
export function webhookFixtures(t: TestServer) {
  let customers = 0;

  const createEndpoint = (input: Record<string, unknown>) =>
    t.gql<{ createWebhookEndpoint: { endpoint: EndpointView; secret: string } }>(
      `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) {
         secret endpoint { ${ENDPOINT_FIELDS} } } }`,
      { i: input },
      t.admin,
    );

  async function endpoint(url: string, topics: string[], extra: Record<string, unknown> = {}) {
    return ok(await createEndpoint({ url, topics, ...extra })).createWebhookEndpoint;
  }

  async function getEndpoint(id: string) {
    return ok(
      await t.gql<{ webhookEndpoint: EndpointView }>(
        `query($id: ID!) { webhookEndpoint(id: $id) { ${ENDPOINT_FIELDS} } }`,
        { id },
        t.admin,
      ),
    ).webhookEndpoint;
  }

  async function deliveries(endpointId: string, extra: Record<string, unknown> = {}) {
    return ok(
      await t.gql<{
        webhookDeliveries: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: DeliveryView }[];
        };
      }>(
        `query($e: ID!, $s: WebhookDeliveryStatus, $first: Int, $after: String) {
           webhookDeliveries(endpointId: $e, status: $s, first: $first, after: $after) {
             totalCount pageInfo { hasNextPage endCursor } edges { node { ${DELIVERY_FIELDS} } } } }`,
        { e: endpointId, ...extra },
        t.admin,
      ),
    ).webhookDeliveries;
  }

  async function onlyDelivery(endpointId: string) {
    const page = await deliveries(endpointId);
    expect(page.totalCount).toBe(1);
    return page.edges[0]!.node;
  }

  async function customer(extra: Record<string, unknown> = {}): Promise<string> {
    return ok(
      await t.gql<{ createCustomer: { id: string } }>(
        `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`,
        { i: { externalId: `hook-${++customers}`, name: `Hook ${customers}`, ...extra } },
        t.writeKey,
      ),
    ).createCustomer.id;
  }

  /** Runs the background jobs (dispatch and delivery) until none is ready. */
  async function deliver() {
    await t.app.services.webhooks.requestRun();
    await t.app.services.jobs.runReady();
  }

  return { createEndpoint, endpoint, getEndpoint, deliveries, onlyDelivery, customer, deliver };
}
