import type { AcquisitionSource } from "../../../customers/acquisition";
import type { SubscriptionChange, SupportContactKind } from "../../../events/event-types";
import { evaluateRule } from "../../engine";
import { DAY_MS, type Subject, type SubjectCustomer, type SubjectEvent } from "../../subject";
import { instantiateTemplate } from "../index";

/** Small factories for template tests: a customer plus events placed in whole days before NOW. */
export const NOW = new Date("2026-06-15T12:00:00Z");
/** An hour into day `d`, so "days since" rounds down to exactly `d`. */
export const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY_MS - 3_600_000);

function event(type: string, d: number, over: Partial<SubjectEvent> = {}): SubjectEvent {
  return {
    type,
    occurredAt: daysAgo(d),
    amountMinor: null,
    discountMinor: null,
    category: null,
    payload: {},
    ...over,
  };
}

export function order(
  d: number,
  opts: { amountMinor?: number; discountMinor?: number; categories?: string[] } = {},
): SubjectEvent {
  const categories = opts.categories ?? ["shoes"];
  return event("order", d, {
    amountMinor: opts.amountMinor ?? 5_000,
    discountMinor: opts.discountMinor ?? 0,
    category: categories[0] ?? null,
    payload: {
      categories,
      lines: categories.map((c, i) => ({ productId: `${c}-${i}`, category: c })),
    },
  });
}

export const visit = (d: number) => event("visit", d, { payload: { url: "/" } });
export const pageView = (d: number, pageType = "home") =>
  event("page_view", d, { payload: { url: `/${pageType}`, pageType } });
export const productView = (d: number, productId = "shoes-1") =>
  event("product_view", d, { category: "shoes", payload: { productId } });
export const supportContact = (d: number, kind: SupportContactKind) =>
  event("support_contact", d, { payload: { contactId: `contact-${d}`, kind, subject: "Hi" } });
export const subscription = (d: number, change: SubscriptionChange, plan = "premium") =>
  event("subscription", d, { payload: { change, plan } });
export const refund = (d: number, amountMinor = 1_000) =>
  event("refund", d, { amountMinor, payload: { full: false } });
export const referral = (d: number) =>
  event("referral", d, { payload: { referredCustomerId: `referred-${d}` } });

export function subject(
  events: SubjectEvent[] = [],
  over: Partial<SubjectCustomer> & { acquisitionSource?: AcquisitionSource } = {},
): Subject {
  return {
    customer: {
      id: "00000000-0000-4000-8000-000000000001",
      externalId: "c-1",
      email: "anna@example.com",
      name: "Anna",
      phone: null,
      locale: "nl",
      birthDate: null,
      signedUpAt: daysAgo(1_000),
      acquisitionSource: "direct",
      marketingConsent: true,
      tags: [],
      attributes: {},
      personalityColour: null,
      referredByCustomerId: null,
      ...over,
    },
    events,
  };
}

/** The subject with a latest NPS answer of `score`, given `ms` milliseconds before NOW. */
export const withNps = (s: Subject, score: number, ms: number): Subject => ({
  ...s,
  surveys: {
    latestNps: score,
    latestNpsAt: new Date(NOW.getTime() - ms),
    latestCsat: null,
    latestCsatAt: null,
  },
});

/** Whether the subject is in template `key`'s segment, with defaults overridden by `values`. */
export function isIn(key: string, s: Subject, values?: Record<string, number>): boolean {
  return evaluateRule(instantiateTemplate(key, values), s, { now: NOW });
}
