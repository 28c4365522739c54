import { describe, expect, it } from "vitest";
import {
  EVENT_TYPES,
  LIFECYCLE_TYPES,
  PERSONALITY_COLOURS,
  orderTotals,
  type LifecycleTypeKey,
  type OrderLineInput,
} from "@trouw/domain";
import {
  generateDemo,
  type DemoBatch,
  type DemoCustomer,
  type DemoEvent,
  type DemoSupportContact,
} from "./generator";

const NOW = new Date("2026-11-23T12:00:00.000Z");
const DAY = 86_400_000;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function collect(customers: number, seed = 42, batchSize?: number): DemoBatch[] {
  return [...generateDemo({ customers, seed, now: NOW, batchSize })];
}

interface Profile {
  customer: DemoCustomer;
  events: DemoEvent[];
  contacts: DemoSupportContact[];
}

/** Customers with their events and contacts, in generation order. */
function profiles(batches: DemoBatch[]): Profile[] {
  const byId = new Map<string, Profile>();
  for (const b of batches) {
    for (const customer of b.customers)
      byId.set(customer.id, { customer, events: [], contacts: [] });
    for (const e of b.events) byId.get(e.customerId)!.events.push(e);
    for (const c of b.supportContacts) byId.get(c.customerId)!.contacts.push(c);
  }
  return [...byId.values()];
}

const ms = (d: Date) => d.getTime();
const ofType = (p: Profile, type: DemoEvent["type"]) => p.events.filter((e) => e.type === type);
const firstTime = (events: DemoEvent[]) => Math.min(...events.map((e) => ms(e.occurredAt)));
const lastTime = (events: DemoEvent[]) => Math.max(...events.map((e) => ms(e.occurredAt)));
const orderCategories = (p: Profile) =>
  new Set(ofType(p, "order").flatMap((o) => o.payload.categories as string[]));
const complaints = (p: Profile) => p.contacts.filter((c) => c.kind === "complaint");

/** The data signal each lifecycle type must show, independent of the archetype label. */
const SIGNALS: Record<LifecycleTypeKey, (p: Profile) => boolean> = {
  lookers: (p) => ofType(p, "order").length === 0 && ofType(p, "visit").length > 0,
  discount: (p) => {
    const orders = ofType(p, "order");
    return (
      orders.length >= 2 && orders.filter((o) => o.discountMinor! > 0).length / orders.length > 0.5
    );
  },
  researchers: (p) =>
    ofType(p, "product_view").length >= 5 &&
    ofType(p, "page_view").some((e) =>
      ["comparison", "docs", "case_study"].includes(e.payload.pageType as string),
    ) &&
    firstTime(ofType(p, "order")) - firstTime(ofType(p, "visit")) >= 14 * DAY,
  impulse: (p) =>
    ofType(p, "order").length > 0 &&
    firstTime(ofType(p, "order")) - firstTime(ofType(p, "visit")) <= 3_600_000,
  unsure: (p) =>
    ofType(p, "order").length === 0 &&
    p.contacts.filter((c) => c.kind === "presales_question").length >= 2,
  switchers: (p) =>
    p.customer.acquisitionSource === "competitor_switch" &&
    typeof p.customer.attributes.currentProvider === "string",
  new: (p) => ofType(p, "order").length > 0 && firstTime(ofType(p, "order")) > ms(NOW) - 30 * DAY,
  active: (p) =>
    ofType(p, "order").length >= 3 &&
    lastTime(ofType(p, "order")) > ms(NOW) - 45 * DAY &&
    lastTime(p.events) > ms(NOW) - 14 * DAY,
  lapsed: (p) =>
    ofType(p, "order").length > 0 && lastTime(ofType(p, "order")) < ms(NOW) - 180 * DAY,
  unhappy: (p) => ofType(p, "order").length > 0 && complaints(p).length > 0,
  at_risk: (p) => {
    const age = ms(NOW) - lastTime(p.events);
    return (
      ofType(p, "order").length > 0 &&
      age >= 60 * DAY &&
      age <= 121 * DAY &&
      complaints(p).length === 0
    );
  },
  referral: (p) =>
    p.customer.acquisitionSource === "referral" && p.customer.referredByCustomerId !== null,
  loyal: (p) => {
    const orders = ofType(p, "order");
    return (
      orders.length >= 7 &&
      orderCategories(p).size >= 3 &&
      lastTime(orders) - firstTime(orders) >= 365 * DAY
    );
  },
  lifetime: (p) => ofType(p, "subscription").some((e) => e.payload.change === "lifetime"),
  referring: (p) => ofType(p, "referral").length >= 1,
  advocates: (p) => SIGNALS.loyal(p) && ofType(p, "referral").length >= 3,
};

describe("generateDemo", () => {
  const batches = collect(2000);
  const all = profiles(batches);
  const customers = batches.flatMap((b) => b.customers);
  const events = batches.flatMap((b) => b.events);
  const contacts = batches.flatMap((b) => b.supportContacts);

  it("is deterministic: same seed and now give identical rows, another seed does not", () => {
    const a = JSON.stringify(collect(300, 7));
    expect(JSON.stringify(collect(300, 7))).toBe(a);
    expect(JSON.stringify(collect(300, 8))).not.toBe(a);
    // Batching only groups rows; it never changes them.
    const flat = (bs: DemoBatch[]) =>
      JSON.stringify([
        bs.flatMap((b) => b.customers),
        bs.flatMap((b) => b.events),
        bs.flatMap((b) => b.supportContacts),
      ]);
    expect(flat(collect(300, 7, 64))).toBe(flat(collect(300, 7)));
  });

  it("yields batches of the requested size", () => {
    expect(batches.map((b) => b.customers.length)).toEqual([1000, 1000]);
    expect(collect(250, 1, 100).map((b) => b.customers.length)).toEqual([100, 100, 50]);
    expect(collect(0)).toEqual([]);
  });

  it("averages about ten events per customer", () => {
    expect(events.length / customers.length).toBeGreaterThan(8);
    expect(events.length / customers.length).toBeLessThan(13);
  });

  it("has members of every lifecycle type, each showing that type's data signals", () => {
    for (const type of LIFECYCLE_TYPES) {
      const members = all.filter((p) => p.customer.archetype === type.key);
      expect(members.length, type.key).toBeGreaterThanOrEqual(10);
      const failing = members
        .filter((p) => !SIGNALS[type.key](p))
        .map((p) => p.customer.externalId);
      expect(failing, type.key).toEqual([]);
    }
  });

  it("has every lifecycle type even in small data sets", () => {
    for (const seed of [1, 2, 3]) {
      const present = new Set(
        collect(200, seed).flatMap((b) => b.customers.map((c) => c.archetype)),
      );
      expect([...present].sort()).toEqual(LIFECYCLE_TYPES.map((t) => t.key).sort());
    }
  });

  it("sets a personality colour for about 60% of customers, using all four", () => {
    const coloured = customers.filter((c) => c.personalityColour !== null);
    expect(new Set(coloured.map((c) => c.personalityColour))).toEqual(new Set(PERSONALITY_COLOURS));
    expect(coloured.length / customers.length).toBeGreaterThan(0.5);
    expect(coloured.length / customers.length).toBeLessThan(0.7);
  });

  it("keeps ids, external ids, emails and order references unique, and ids UUID-shaped", () => {
    const ids = [...customers, ...events, ...contacts].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(customers.map((c) => c.externalId)).size).toBe(customers.length);
    const emails = customers.flatMap((c) => (c.email ? [c.email] : []));
    expect(new Set(emails).size).toBe(emails.length);
    const refs = events.filter((e) => e.type === "order").map((e) => e.orderRef);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it("only references customers generated before, in the same or an earlier batch", () => {
    const seen = new Set<string>();
    for (const b of batches) {
      for (const c of b.customers) {
        if (c.referredByCustomerId) expect(seen.has(c.referredByCustomerId)).toBe(true);
        seen.add(c.id);
      }
      for (const e of [...b.events, ...b.supportContacts])
        expect(seen.has(e.customerId)).toBe(true);
    }
    // Every referral is recorded on both sides.
    const referrals = events.filter((e) => e.type === "referral");
    const referred = customers.filter((c) => c.referredByCustomerId);
    expect(referrals.map((e) => `${e.customerId}>${e.payload.referredCustomerId}`).sort()).toEqual(
      referred.map((c) => `${c.referredByCustomerId}>${c.id}`).sort(),
    );
  });

  it("never places anything after now, or an event before its customer signed up", () => {
    const now = ms(NOW);
    const signup = new Map(customers.map((c) => [c.id, ms(c.signedUpAt)]));
    for (const c of customers) {
      for (const d of [c.signedUpAt, c.createdAt, c.updatedAt, c.marketingConsentAt])
        if (d) expect(ms(d)).toBeLessThanOrEqual(now);
      if (c.birthDate) expect(c.birthDate < NOW.toISOString().slice(0, 10)).toBe(true);
    }
    for (const e of events) {
      expect(ms(e.recordedAt)).toBeLessThanOrEqual(now);
      expect(ms(e.occurredAt)).toBeLessThanOrEqual(ms(e.recordedAt));
      expect(ms(e.occurredAt)).toBeGreaterThanOrEqual(signup.get(e.customerId)!);
    }
    // followUpAt is a planned reminder, so it may lie ahead; everything that happened may not.
    for (const c of contacts)
      for (const d of [c.openedAt, c.updatedAt, c.resolvedAt])
        if (d) expect(ms(d)).toBeLessThanOrEqual(now);
  });

  it("writes orders whose columns agree with their lines, and refunds that never exceed their order", () => {
    const orders = new Map<string, DemoEvent>();
    const refunded = new Map<string, number>();
    for (const e of events) {
      expect(EVENT_TYPES).toContain(e.type);
      if (e.type === "order") {
        const lines = e.payload.lines as unknown as OrderLineInput[];
        const totals = orderTotals({ orderId: e.orderRef!, currency: "EUR", lines });
        expect(e.amountMinor).toBe(totals.netMinor);
        expect(e.amountMinor).toBeGreaterThan(0);
        expect(e.discountMinor).toBe(totals.discountMinor);
        expect(e.category).toBe(lines[0]!.category);
        expect(e.currency).toBe("EUR");
        expect(e.payload).toMatchObject({
          grossMinor: totals.grossMinor,
          itemCount: totals.itemCount,
          categories: totals.categories,
        });
        orders.set(e.orderRef!, e);
      }
    }
    for (const e of events.filter((x) => x.type === "refund")) {
      const order = orders.get(e.orderRef!)!;
      expect(order.customerId).toBe(e.customerId);
      expect(ms(e.occurredAt)).toBeGreaterThan(ms(order.occurredAt));
      refunded.set(e.orderRef!, (refunded.get(e.orderRef!) ?? 0) + e.amountMinor!);
      expect(e.amountMinor).toBeGreaterThan(0);
    }
    expect(refunded.size).toBeGreaterThan(0);
    for (const [ref, amount] of refunded)
      expect(amount).toBeLessThanOrEqual(orders.get(ref)!.amountMinor!);
  });

  it("pairs every support contact with a support_contact event and a consistent status", () => {
    const contactEvents = new Map(
      events
        .filter((e) => e.type === "support_contact")
        .map((e) => [e.payload.contactId as string, e]),
    );
    expect(contactEvents.size).toBe(contacts.length);
    for (const c of contacts) {
      expect(contactEvents.get(c.id)).toMatchObject({
        customerId: c.customerId,
        payload: { kind: c.kind, subject: c.subject },
      });
      expect(c.resolution !== null).toBe(c.status === "resolved");
      expect(c.resolvedAt !== null).toBe(c.status === "resolved");
      expect(c.followUpAt !== null).toBe(c.status === "open" || c.status === "pending");
      expect(ms(c.updatedAt)).toBeGreaterThanOrEqual(ms(c.openedAt));
    }
    expect(new Set(contacts.map((c) => c.status))).toEqual(
      new Set(["open", "pending", "resolved", "closed"]),
    );
  });

  it("fills profiles realistically: both locales, tags, attributes, consent with a timestamp", () => {
    expect(new Set(customers.map((c) => c.locale))).toEqual(new Set(["en", "nl"]));
    const tags = new Set(customers.flatMap((c) => c.tags));
    for (const t of ["vip", "newsletter", "b2b", "wholesale", "student"]) expect(tags).toContain(t);
    for (const c of customers) expect(c.marketingConsentAt !== null).toBe(c.marketingConsent);
    expect(
      customers.some(
        (c) =>
          typeof c.attributes.shoeSize === "number" &&
          typeof c.attributes.preferredStore === "string",
      ),
    ).toBe(true);
    expect(new Set(customers.map((c) => c.acquisitionSource)).size).toBeGreaterThanOrEqual(8);
  });
});
