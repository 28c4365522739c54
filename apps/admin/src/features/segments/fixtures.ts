import type {
  SegmentDetailFieldsFragment,
  SegmentsQuery,
  SegmentTemplatesQuery,
} from "@/graphql/generated/graphql";
import type { SegmentMember } from "./use-segment-members";

/** Small factories for segment test data; override only what a test is about. */
type ListSegment = SegmentsQuery["segments"]["edges"][number]["node"];

export const SEGMENT_ID = "11111111-1111-4111-8111-111111111111";

export function listSegment(overrides: Partial<ListSegment> = {}): ListSegment {
  return {
    id: SEGMENT_ID,
    name: "Loyal customers",
    description: "Repeat buyers.",
    tags: [],
    templateKey: null,
    memberCount: 120,
    refreshedAt: "2025-03-01T10:00:00.000Z",
    refreshJob: null,
    ...overrides,
  };
}

export function segmentsPage(nodes: ListSegment[], totalCount = nodes.length) {
  return {
    data: {
      segments: {
        totalCount,
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: nodes.length ? "start" : null,
          endCursor: nodes.length ? "end" : null,
        },
        edges: nodes.map((node) => ({ cursor: `cur-${node.id}`, node })),
      },
    },
  };
}

export const ORDERS_RULE = {
  version: 1,
  root: {
    type: "and",
    children: [
      {
        type: "condition",
        kind: "event_aggregate",
        args: {
          filter: { types: ["order"] },
          window: { kind: "last_days", days: 90 },
          aggregate: "count",
          compare: { op: "gte", value: 2 },
        },
      },
      {
        type: "not",
        child: { type: "condition", kind: "marketing_consent", args: { value: true } },
      },
    ],
  },
};

export function segmentDetail(
  overrides: Partial<SegmentDetailFieldsFragment> = {},
): SegmentDetailFieldsFragment {
  return {
    id: SEGMENT_ID,
    name: "Loyal customers",
    description: "Repeat buyers.",
    tags: ["crm"],
    templateKey: null,
    rule: ORDERS_RULE,
    version: 2,
    memberCount: 120,
    refreshedAt: "2025-03-01T10:00:00.000Z",
    createdAt: "2025-02-01T10:00:00.000Z",
    updatedAt: "2025-03-01T10:00:00.000Z",
    refreshJob: null,
    usedBy: [],
    usages: [],
    ...overrides,
  };
}

export function member(overrides: Partial<SegmentMember> = {}): SegmentMember {
  return {
    id: "c1",
    externalId: "shop-1",
    name: "Anna de Vries",
    email: "anna@example.com",
    tags: ["vip"],
    acquisitionSource: "SOCIAL",
    signedUpAt: "2025-02-03T10:00:00.000Z",
    ...overrides,
  };
}

export function membersPage(
  items: SegmentMember[],
  options: { hasNextPage?: boolean; endCursor?: string | null; totalCount?: number } = {},
) {
  return {
    data: {
      segment: {
        id: SEGMENT_ID,
        members: {
          totalCount: options.totalCount ?? items.length,
          pageInfo: {
            hasNextPage: options.hasNextPage ?? false,
            endCursor: options.endCursor ?? (items.length ? `end-${items.at(-1)!.id}` : null),
          },
          edges: items.map((node) => ({ cursor: `cur-${node.id}`, node })),
        },
      },
    },
  };
}

export const noTemplates: { data: SegmentTemplatesQuery } = { data: { segmentTemplates: [] } };
