import type {
  CustomerDetailFieldsFragment,
  CustomersQuery,
  SupportContactFieldsFragment,
} from "@/graphql/generated/graphql";
import type { TimelineEvent } from "./use-customer-timeline";

/** Small factories for test data; override only what a test is about. */
type ListCustomer = CustomersQuery["customers"]["edges"][number]["node"];

export function listCustomer(overrides: Partial<ListCustomer> = {}): ListCustomer {
  return {
    id: "c1",
    externalId: "shop-1",
    name: "Anna de Vries",
    email: "anna@example.com",
    tags: ["vip"],
    acquisitionSource: "SOCIAL",
    personalityColour: "GREEN",
    signedUpAt: "2025-02-03T10:00:00.000Z",
    createdAt: "2025-02-03T10:00:00.000Z",
    ...overrides,
  };
}

export function customersPage(
  nodes: ListCustomer[],
  pageInfo: Partial<CustomersQuery["customers"]["pageInfo"]> = {},
  totalCount = nodes.length,
): { data: CustomersQuery } {
  return {
    data: {
      customers: {
        totalCount,
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: nodes.length ? `cur-${nodes[0]!.id}` : null,
          endCursor: nodes.length ? `cur-${nodes[nodes.length - 1]!.id}` : null,
          ...pageInfo,
        },
        edges: nodes.map((node) => ({ cursor: `cur-${node.id}`, node })),
      },
    },
  };
}

export function customerDetail(
  overrides: Partial<CustomerDetailFieldsFragment> = {},
): CustomerDetailFieldsFragment {
  return {
    id: "c1",
    externalId: "shop-1",
    email: "anna@example.com",
    name: "Anna de Vries",
    phone: "+31 6 12345678",
    locale: "nl",
    birthDate: "1990-05-17",
    signedUpAt: "2025-02-03T10:00:00.000Z",
    acquisitionSource: "SOCIAL",
    marketingConsent: true,
    marketingConsentAt: "2025-02-03T10:00:00.000Z",
    tags: ["vip"],
    attributes: { shoeSize: 39 },
    personalityColour: "BLUE",
    contactGuidance: {
      colour: "BLUE",
      summary: "Gives the order number and the problem at once.",
      guidance: ["Give precise facts.", "State clear timelines.", "Keep every promise you make."],
    },
    referredBy: null,
    createdAt: "2025-02-03T10:00:00.000Z",
    updatedAt: "2025-03-01T09:00:00.000Z",
    ...overrides,
  };
}

export function timelineEvent(overrides: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    id: "e1",
    type: "ORDER",
    occurredAt: "2025-03-01T12:00:00.000Z",
    recordedAt: "2025-03-01T12:00:01.000Z",
    amount: { amountMinor: 4999, currency: "EUR" },
    discount: null,
    category: null,
    orderId: "o-1001",
    payload: {},
    ...overrides,
  };
}

export function supportContact(
  overrides: Partial<SupportContactFieldsFragment> = {},
): SupportContactFieldsFragment {
  return {
    id: "s1",
    kind: "COMPLAINT",
    status: "OPEN",
    channel: "email",
    subject: "Parcel arrived damaged",
    note: "Box was crushed.",
    resolution: null,
    followUpAt: null,
    openedAt: "2025-03-02T08:00:00.000Z",
    updatedAt: "2025-03-02T08:00:00.000Z",
    resolvedAt: null,
    ...overrides,
  };
}

export function connection<T>(items: T[], hasNextPage = false, totalCount = items.length) {
  return {
    totalCount,
    pageInfo: { hasNextPage, endCursor: items.length ? `end-${items.length}` : null },
    edges: items.map((node, i) => ({ cursor: `cur-${i}`, node })),
  };
}
