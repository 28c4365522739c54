import { describe, expect, it } from "vitest";
import {
  LIFECYCLE_TEMPLATES,
  LIFECYCLE_TYPES,
  RFM_TEMPLATES,
  SENTIMENT_TEMPLATES,
  evaluateRule,
  instantiateTemplate,
  type Rule,
  type Subject,
} from "@trouw/domain";
import { generateDemo, type DemoBatch, type DemoCustomer } from "./generator";

const NOW = new Date("2026-11-23T12:00:00.000Z");

/** The customers and events rows as the segment evaluator sees them. */
function subjectsOf(batches: DemoBatch[]): { customer: DemoCustomer; subject: Subject }[] {
  const byId = new Map<string, { customer: DemoCustomer; subject: Subject }>();
  for (const b of batches) {
    for (const c of b.customers)
      byId.set(c.id, {
        customer: c,
        subject: {
          customer: {
            id: c.id,
            externalId: c.externalId,
            email: c.email,
            name: c.name,
            phone: c.phone,
            locale: c.locale,
            birthDate: c.birthDate,
            signedUpAt: c.signedUpAt,
            acquisitionSource: c.acquisitionSource,
            marketingConsent: c.marketingConsent,
            tags: c.tags,
            attributes: c.attributes,
            personalityColour: c.personalityColour,
            referredByCustomerId: c.referredByCustomerId,
          },
          events: [],
        },
      });
    for (const e of b.events)
      byId.get(e.customerId)!.subject.events.push({
        type: e.type,
        occurredAt: e.occurredAt,
        amountMinor: e.amountMinor,
        discountMinor: e.discountMinor,
        category: e.category,
        payload: e.payload,
      });
  }
  return [...byId.values()];
}

describe("segment templates on the demo data", () => {
  const all = subjectsOf([...generateDemo({ customers: 2000, seed: 42, now: NOW })]);
  const members = (r: Rule) => all.filter(({ subject }) => evaluateRule(r, subject, { now: NOW }));
  const buyers = all.filter(({ subject }) => subject.events.some((e) => e.type === "order"));

  it("finds members for every lifecycle template with its default parameters", () => {
    for (const t of LIFECYCLE_TEMPLATES)
      expect(members(instantiateTemplate(t.key)).length, t.key).toBeGreaterThan(0);
  });

  it("puts most customers generated as a lifecycle type into that type's segment", () => {
    for (const type of LIFECYCLE_TYPES) {
      const generated = all.filter(({ customer }) => customer.archetype === type.key);
      const rule = instantiateTemplate(type.key);
      const found = generated.filter(({ subject }) => evaluateRule(rule, subject, { now: NOW }));
      expect(generated.length, type.key).toBeGreaterThanOrEqual(10);
      expect(found.length / generated.length, type.key).toBeGreaterThanOrEqual(0.6);
    }
  });

  it("puts every buyer in exactly one sentiment group and exactly one RFM cell", () => {
    for (const templates of [SENTIMENT_TEMPLATES, RFM_TEMPLATES]) {
      const rules = templates.map((t) => instantiateTemplate(t.key));
      for (const { customer, subject } of buyers) {
        const groups = templates.filter((_, i) => evaluateRule(rules[i]!, subject, { now: NOW }));
        expect(groups.length, customer.externalId).toBe(1);
      }
    }
    for (const t of SENTIMENT_TEMPLATES)
      expect(members(instantiateTemplate(t.key)).length, t.key).toBeGreaterThan(0);
  });
});
