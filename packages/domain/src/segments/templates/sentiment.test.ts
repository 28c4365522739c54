import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SUBSCRIPTION_CHANGES, SUPPORT_CONTACT_KINDS } from "../../events/event-types";
import type { SubjectEvent } from "../subject";
import { SENTIMENT_TEMPLATES } from "./index";
import {
  isIn,
  order,
  referral,
  refund,
  subject,
  subscription,
  supportContact,
  visit,
} from "./test-support/subjects";

const groupsOf = (events: SubjectEvent[]) =>
  SENTIMENT_TEMPLATES.filter((t) => isIn(t.key, subject(events))).map((t) => t.key);

describe("sentiment groups", () => {
  it("see a committed, recent buyer as positive", () => {
    expect(groupsOf([order(200), order(120), order(60), order(10)])).toEqual([
      "sentiment_positive",
    ]);
  });

  it("see one big recent order, a referral or a lifetime membership as positive", () => {
    expect(groupsOf([order(20, { amountMinor: 45_000 })])).toEqual(["sentiment_positive"]);
    expect(groupsOf([order(20), referral(15)])).toEqual(["sentiment_positive"]);
    expect(groupsOf([order(900), subscription(800, "lifetime", "lifetime")])).toEqual([
      "sentiment_positive",
    ]);
  });

  it("see one-time, occasional and lapsed buyers as middle", () => {
    expect(groupsOf([order(20)])).toEqual(["sentiment_middle"]);
    expect(groupsOf([order(300), order(100)])).toEqual(["sentiment_middle"]);
    expect(groupsOf([350, 300, 250, 200].map((d) => order(d)))).toEqual(["sentiment_middle"]);
  });

  it("see a frequent buyer who needs a lot of support as middle", () => {
    const contacts = [40, 30, 20].map((d) => supportContact(d, "other"));
    expect(groupsOf([order(200), order(120), order(60), order(10), ...contacts])).toEqual([
      "sentiment_middle",
    ]);
  });

  it("see complaints, cancellations, downgrades and repeated refunds as negative, whatever else", () => {
    const committed = [order(200), order(120), order(60), order(10)];
    expect(groupsOf([...committed, supportContact(5, "complaint")])).toEqual([
      "sentiment_negative",
    ]);
    expect(groupsOf([...committed, subscription(5, "auto_renew_cancelled")])).toEqual([
      "sentiment_negative",
    ]);
    expect(groupsOf([...committed, subscription(5, "downgraded")])).toEqual(["sentiment_negative"]);
    expect(groupsOf([...committed, refund(100), refund(50)])).toEqual(["sentiment_negative"]);
    expect(groupsOf([...committed, refund(50)])).toEqual(["sentiment_positive"]);
    // A prospect who complained is negative too; one who only browsed is in no group.
    expect(groupsOf([supportContact(5, "complaint")])).toEqual(["sentiment_negative"]);
    expect(groupsOf([visit(5)])).toEqual([]);
  });

  it("put every buyer in exactly one group", () => {
    const anEvent = fc.oneof(
      fc
        .record({ d: fc.nat(800), amount: fc.nat(60_000) })
        .map(({ d, amount }) => order(d, { amountMinor: amount })),
      fc.nat(800).map(visit),
      fc.nat(800).map(referral),
      fc.nat(800).map((d) => refund(d)),
      fc
        .tuple(fc.nat(800), fc.constantFrom(...SUPPORT_CONTACT_KINDS))
        .map(([d, kind]) => supportContact(d, kind)),
      fc
        .tuple(fc.nat(800), fc.constantFrom(...SUBSCRIPTION_CHANGES))
        .map(([d, change]) => subscription(d, change)),
    );
    fc.assert(
      fc.property(fc.nat(800), fc.array(anEvent, { maxLength: 12 }), (firstOrder, events) => {
        expect(groupsOf([order(firstOrder), ...events])).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });
});
