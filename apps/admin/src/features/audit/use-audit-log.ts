import { reactive, watch } from "vue";
import { useClientHandle } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type {
  AuditEntityType,
  AuditLogFilter,
  AuditLogQuery as AuditLogResult,
} from "@/graphql/generated/graphql";
import { queryConnectionPage } from "@/composables/connection-page";
import { useCursorPages } from "@/composables/use-cursor-pages";

export const AuditLogQuery = graphql(`
  query AuditLog($filter: AuditLogFilter, $first: Int!, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          at
          actor {
            kind
            id
            label
          }
          entityType
          entityId
          action
          requestId
          before
          after
        }
      }
    }
  }
`);

export type AuditEntryItem = AuditLogResult["auditLog"]["edges"][number]["node"];

export const AUDIT_PAGE_SIZE = 25;

export interface AuditFilters {
  actor: string;
  entityType: AuditEntityType | null;
  action: string;
  /** [from, to] as epoch milliseconds, as the date range picker gives them. */
  period: [number, number] | null;
}

/** What the API is asked: blank fields left out, the end of the period made exclusive. */
export function toApiFilter(f: AuditFilters): AuditLogFilter {
  const filter: AuditLogFilter = {};
  if (f.actor.trim()) filter.actor = f.actor.trim();
  if (f.entityType) filter.entityType = f.entityType;
  if (f.action.trim()) filter.action = f.action.trim();
  if (f.period) {
    filter.from = new Date(f.period[0]).toISOString();
    // The picker gives the start of the last day; include that whole day.
    filter.to = new Date(f.period[1] + 86_400_000).toISOString();
  }
  return filter;
}

/** The audit log, newest first, a page at a time, reloaded from page one when a filter changes. */
export function useAuditLog() {
  const { client } = useClientHandle();
  const filters = reactive<AuditFilters>({ actor: "", entityType: null, action: "", period: null });
  const pages = useCursorPages((after) =>
    queryConnectionPage(
      client,
      AuditLogQuery,
      { filter: toApiFilter(filters), first: AUDIT_PAGE_SIZE, after },
      (data) => data?.auditLog,
    ),
  );
  watch(
    () => toApiFilter(filters),
    () => void pages.reload(),
    { immediate: true, deep: true },
  );
  return {
    ...pages,
    filters,
    clear() {
      Object.assign(filters, { actor: "", entityType: null, action: "", period: null });
    },
  };
}
