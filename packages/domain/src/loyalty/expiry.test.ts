import { describe, expect, it } from "vitest";
import {
  expiringSoon,
  inactivityExpiresAt,
  inactivityExpiringSoon,
  lotExpiresAt,
  lotsDueForExpiry,
} from "./expiry";
import type { Lot } from "./ledger";
import { at } from "./test-support/configs";

const lot = (id: string, expiresAt: string | null, remaining: number): Lot => ({
  id,
  earnedAt: at("2025-01-01T00:00:00Z"),
  expiresAt: expiresAt === null ? null : at(expiresAt),
  remaining,
});

describe("lot expiry", () => {
  it("expires a fixed-expiry lot N months after it was earned, clamped to month end", () => {
    expect(lotExpiresAt({ kind: "fixed", months: 12 }, at("2026-03-10T12:00:00Z"))).toEqual(
      at("2027-03-10T12:00:00Z"),
    );
    expect(lotExpiresAt({ kind: "fixed", months: 1 }, at("2026-01-31T09:00:00Z"))).toEqual(
      at("2026-02-28T09:00:00Z"),
    );
  });

  it("gives lots no expiry date without fixed expiry", () => {
    expect(lotExpiresAt({ kind: "none" }, at("2026-03-10T00:00:00Z"))).toBeNull();
    expect(lotExpiresAt({ kind: "inactivity", months: 6 }, at("2026-03-10T00:00:00Z"))).toBeNull();
  });

  it("expires the whole balance N months after the last activity with inactivity expiry", () => {
    expect(
      inactivityExpiresAt({ kind: "inactivity", months: 6 }, at("2026-08-31T00:00:00Z")),
    ).toEqual(at("2027-02-28T00:00:00Z"));
    expect(
      inactivityExpiresAt({ kind: "fixed", months: 6 }, at("2026-08-31T00:00:00Z")),
    ).toBeNull();
  });
});

describe("expiringSoon", () => {
  const now = at("2026-03-01T00:00:00Z");
  const lots = [
    lot("past", "2026-02-28T00:00:00Z", 99),
    lot("at-now", "2026-03-01T00:00:00Z", 98),
    lot("in-10-days", "2026-03-11T00:00:00Z", 10),
    lot("in-30-days", "2026-03-31T00:00:00Z", 20),
    lot("in-31-days", "2026-04-01T00:00:00Z", 40),
    lot("spent", "2026-03-05T00:00:00Z", 0),
    lot("never", null, 500),
  ];

  it("sums lots expiring within the notice window, its last instant included", () => {
    expect(expiringSoon(lots, now, 30)).toEqual({
      amount: 30,
      firstExpiresAt: at("2026-03-11T00:00:00Z"),
    });
  });

  it("leaves out lots already past their expiry: they are for the expiry job", () => {
    expect(lotsDueForExpiry(lots, now)).toEqual([
      { lotId: "past", amount: 99 },
      { lotId: "at-now", amount: 98 },
    ]);
  });

  it("reports nothing when nothing expires soon", () => {
    expect(expiringSoon(lots, now, 5)).toEqual({ amount: 0, firstExpiresAt: null });
  });
});

describe("inactivityExpiringSoon", () => {
  const expiry = { kind: "inactivity", months: 6 } as const;
  const last = at("2026-08-31T09:00:00Z"); // the balance lapses 2027-02-28T09:00Z

  it("reports the whole balance and the lapse date within the notice window", () => {
    expect(inactivityExpiringSoon(expiry, last, 120, at("2027-01-29T09:00:00Z"), 30)).toEqual({
      amount: 120,
      firstExpiresAt: at("2027-02-28T09:00:00Z"),
    });
  });

  it("reports nothing before the window, at or after the lapse, without balance or other kinds", () => {
    const none = { amount: 0, firstExpiresAt: null };
    expect(inactivityExpiringSoon(expiry, last, 120, at("2027-01-29T08:59:59Z"), 30)).toEqual(none);
    expect(inactivityExpiringSoon(expiry, last, 120, at("2027-02-28T09:00:00Z"), 30)).toEqual(none);
    expect(inactivityExpiringSoon(expiry, last, 0, at("2027-02-20T00:00:00Z"), 30)).toEqual(none);
    expect(
      inactivityExpiringSoon(
        { kind: "fixed", months: 6 },
        last,
        120,
        at("2027-02-20T00:00:00Z"),
        30,
      ),
    ).toEqual(none);
  });
});
