import { computed } from "vue";
import { useQuery } from "@urql/vue";
import { useRoute, useRouter } from "vue-router";
import { graphql } from "@/graphql/generated";
import type { DashboardQuery as DashboardResult } from "@/graphql/generated/graphql";
import {
  dashboardVariables,
  parseDashboardQuery,
  toDashboardQuery,
  type DashboardState,
} from "./dashboard-filters";

/** Segments in the "largest segments" chart. */
export const TOP_SEGMENTS = 10;
/** Bars of the CLV histogram. */
export const CLV_BUCKETS = 10;

/**
 * Everything the dashboard shows, in one request: the `dashboard` query computes only the parts
 * asked for, all over the same range, granularity and segment.
 */
export const DashboardQuery = graphql(`
  query Dashboard(
    $from: DateTime
    $to: DateTime
    $period: AnalyticsPeriod!
    $segmentId: ID
    $currency: String
    $buckets: Int
    $top: Int!
  ) {
    dashboard(from: $from, to: $to, period: $period, segmentId: $segmentId) {
      from
      to
      period
      segmentId
      retention {
        source
        definition {
          withinDays
          eventTypes
        }
        periods {
          periodStart
          periodEnd
          complete
          atStart
          acquired
          newCustomers
          reactivated
          lost
          atEnd
          retentionRate
          churnRate
        }
      }
      orders(currency: $currency) {
        currency
        currencies
        periods {
          periodStart
          complete
          orders
          customers
          repeatCustomers
          repeatPurchaseRate
          revenue {
            amountMinor
            currency
          }
          averageOrderValue {
            amountMinor
            currency
          }
        }
      }
      clv(currency: $currency, buckets: $buckets) {
        currency
        currencies
        customers
        averageHistoric {
          amountMinor
          currency
        }
        bucketWidthMinor
        buckets {
          fromMinor
          toMinor
          customers
        }
      }
      loyalty {
        unit
        liability {
          amountMinor
          currency
        }
        programs {
          programId
          name
          type
          unit
          outstanding
          pending
          liability {
            amountMinor
            currency
          }
        }
        periods {
          periodStart
          complete
          earned
          burned
          redemptionRate
          outstandingAtEnd
        }
      }
      nps {
        overall {
          score
          total
          confidence {
            ...ScoreConfidenceFields
          }
        }
        periods {
          periodStart
          complete
          nps {
            score
            total
            confidence {
              ...ScoreConfidenceFields
            }
          }
        }
      }
      segmentSizes(limit: $top) {
        id
        name
        memberCount
      }
    }
  }
`);

export type DashboardData = DashboardResult["dashboard"];

/** The dashboard's selection, kept in the page URL so a view can be shared and reloaded. */
export function useDashboardFilters(now: () => Date = () => new Date()) {
  const route = useRoute();
  const router = useRouter();
  const state = computed(() => parseDashboardQuery(route.query));
  const variables = computed(() => dashboardVariables(state.value, now()));
  return {
    state,
    variables,
    set(patch: Partial<DashboardState>) {
      const next = { ...state.value, ...patch };
      return router.replace({ query: { ...route.query, ...toDashboardQuery(next) } });
    },
  };
}

export function useDashboard(filters: ReturnType<typeof useDashboardFilters>) {
  const result = useQuery({
    query: DashboardQuery,
    variables: computed(() => ({
      ...filters.variables.value,
      buckets: CLV_BUCKETS,
      top: TOP_SEGMENTS,
    })),
    requestPolicy: "cache-and-network",
  });
  return {
    data: computed(() => result.data.value?.dashboard ?? null),
    fetching: result.fetching,
    error: result.error,
    retry: () => result.executeQuery({ requestPolicy: "network-only" }),
  };
}
