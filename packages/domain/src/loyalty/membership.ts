import type { SubscriptionChange } from "../events/event-types";
import { addDays, addMonths } from "./calendar";
import type { ConfigOf } from "./program";

export type MembershipState = "none" | "active" | "lapsed" | "cancelled";

export interface MembershipStatus {
  state: MembershipState;
  /** End of the paid period; null for lifetime memberships and non-members. */
  periodEnd: Date | null;
  autoRenew: boolean;
  /** Start of the current uninterrupted membership. */
  since: Date | null;
}

export const NO_MEMBERSHIP: MembershipStatus = {
  state: "none",
  periodEnd: null,
  autoRenew: false,
  since: null,
};

type MembershipConfig = Pick<ConfigOf<"paid_membership">, "billingPeriod" | "graceDays">;

function periodEndFrom(at: Date, period: MembershipConfig["billingPeriod"]): Date {
  return addMonths(at, period === "month" ? 1 : 12);
}

/**
 * The state at `now`. A membership whose period ended lapses: after `graceDays` (time to pay)
 * when it renews automatically, at once when auto-renew was cancelled (nothing to pay for).
 * Lifetime memberships (no period end) never lapse.
 */
export function membershipStateAt(
  status: MembershipStatus,
  now: Date,
  config: MembershipConfig,
): MembershipState {
  if (status.state !== "active" || status.periodEnd === null) return status.state;
  const end = status.autoRenew ? addDays(status.periodEnd, config.graceDays) : status.periodEnd;
  return end.getTime() < now.getTime() ? "lapsed" : "active";
}

/**
 * Applies one subscription event (of this program's plan; the caller filters by plan and
 * applies events in `occurredAt` order). started / renewed / upgraded / downgraded: active
 * for one billing period from the event; lifetime: active without end; auto_renew_cancelled:
 * stays active until the period ends; cancelled: cancelled at once. `since` survives
 * renewals that keep the membership uninterrupted and restarts after a lapse or cancel.
 */
export function applySubscriptionChange(
  status: MembershipStatus,
  change: SubscriptionChange,
  occurredAt: Date,
  config: MembershipConfig,
): MembershipStatus {
  const continuing = membershipStateAt(status, occurredAt, config) === "active";
  const since = continuing ? (status.since ?? occurredAt) : occurredAt;
  switch (change) {
    case "started":
    case "renewed":
    case "upgraded":
    case "downgraded":
      return {
        state: "active",
        periodEnd: periodEndFrom(occurredAt, config.billingPeriod),
        autoRenew: true,
        since,
      };
    case "lifetime":
      return { state: "active", periodEnd: null, autoRenew: false, since };
    case "auto_renew_cancelled":
      return { ...status, autoRenew: false };
    case "cancelled":
      return { ...status, state: "cancelled", autoRenew: false };
  }
}
