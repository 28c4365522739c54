import { describe, expect, it } from "vitest";
import {
  applySubscriptionChange,
  membershipStateAt,
  type MembershipStatus,
  NO_MEMBERSHIP,
} from "./membership";
import { at, config } from "./test-support/configs";

const monthly = config("paid_membership", {
  plan: "plus",
  feeMinor: 999,
  billingPeriod: "month",
  graceDays: 7,
  perks: ["Free shipping"],
});
const yearly = { ...monthly, billingPeriod: "year" as const };

const started = applySubscriptionChange(
  NO_MEMBERSHIP,
  "started",
  at("2026-01-31T09:00:00Z"),
  monthly,
);

describe("applySubscriptionChange", () => {
  it("starts an active membership for one billing period, clamped to month end", () => {
    expect(started).toEqual({
      state: "active",
      periodEnd: at("2026-02-28T09:00:00Z"),
      autoRenew: true,
      since: at("2026-01-31T09:00:00Z"),
    });
    expect(
      applySubscriptionChange(NO_MEMBERSHIP, "started", at("2028-02-29T00:00:00Z"), yearly)
        .periodEnd,
    ).toEqual(at("2029-02-28T00:00:00Z"));
  });

  it("renews from the renewal date and keeps `since` when the membership did not lapse", () => {
    const renewed = applySubscriptionChange(
      started,
      "renewed",
      at("2026-03-03T00:00:00Z"),
      monthly,
    ); // within grace
    expect(renewed).toEqual({ ...started, periodEnd: at("2026-04-03T00:00:00Z") });
  });

  it("restarts `since` when a lapsed membership is renewed", () => {
    const renewed = applySubscriptionChange(
      started,
      "renewed",
      at("2026-03-20T00:00:00Z"),
      monthly,
    );
    expect(renewed).toMatchObject({ state: "active", since: at("2026-03-20T00:00:00Z") });
  });

  it("treats an upgrade or downgrade as a new paid period", () => {
    for (const change of ["upgraded", "downgraded"] as const)
      expect(applySubscriptionChange(started, change, at("2026-02-10T00:00:00Z"), monthly)).toEqual(
        {
          ...started,
          periodEnd: at("2026-03-10T00:00:00Z"),
        },
      );
  });

  it("makes a lifetime membership active without end", () => {
    const lifetime = applySubscriptionChange(
      started,
      "lifetime",
      at("2026-02-10T00:00:00Z"),
      monthly,
    );
    expect(lifetime).toEqual({
      state: "active",
      periodEnd: null,
      autoRenew: false,
      since: started.since,
    });
    expect(membershipStateAt(lifetime, at("2040-01-01T00:00:00Z"), monthly)).toBe("active");
  });

  it("keeps a membership active until its period ends when auto-renew is cancelled", () => {
    const cancelling = applySubscriptionChange(
      started,
      "auto_renew_cancelled",
      at("2026-02-10T00:00:00Z"),
      monthly,
    );
    expect(cancelling).toEqual({ ...started, autoRenew: false });
    expect(membershipStateAt(cancelling, at("2026-02-28T09:00:00Z"), monthly)).toBe("active");
    // nothing to pay for, so no grace: lapsed right after the period
    expect(membershipStateAt(cancelling, at("2026-02-28T09:00:01Z"), monthly)).toBe("lapsed");
  });

  it("cancels at once", () => {
    const cancelled = applySubscriptionChange(
      started,
      "cancelled",
      at("2026-02-10T00:00:00Z"),
      monthly,
    );
    expect(cancelled).toMatchObject({ state: "cancelled", autoRenew: false });
    expect(membershipStateAt(cancelled, at("2026-02-11T00:00:00Z"), monthly)).toBe("cancelled");
  });

  it("leaves a non-member a non-member when auto-renew is cancelled", () => {
    expect(
      applySubscriptionChange(
        NO_MEMBERSHIP,
        "auto_renew_cancelled",
        at("2026-02-10T00:00:00Z"),
        monthly,
      ).state,
    ).toBe("none");
  });
});

describe("membershipStateAt", () => {
  it("keeps an unpaid membership active through the grace days, then lapses", () => {
    const graceEnd = at("2026-03-07T09:00:00Z"); // Feb 28 + 7 days
    expect(membershipStateAt(started, at("2026-03-01T00:00:00Z"), monthly)).toBe("active");
    expect(membershipStateAt(started, graceEnd, monthly)).toBe("active");
    expect(membershipStateAt(started, new Date(graceEnd.getTime() + 1), monthly)).toBe("lapsed");
  });

  it("lapses right after the period with zero grace days", () => {
    const noGrace = { ...monthly, graceDays: 0 };
    expect(membershipStateAt(started, at("2026-02-28T09:00:01Z"), noGrace)).toBe("lapsed");
  });

  it("reports stored states other than active as they are", () => {
    const none: MembershipStatus = NO_MEMBERSHIP;
    expect(membershipStateAt(none, at("2026-01-01T00:00:00Z"), monthly)).toBe("none");
  });
});
