import { In, type EntityManager } from "typeorm";
import type { Subject } from "@trouw/domain";
import { CustomerEntity } from "../customers/customer.entity";
import { EventEntity } from "../events/event.entity";

function toSubject(customer: CustomerEntity, events: EventEntity[]): Subject {
  return {
    customer: {
      id: customer.id,
      externalId: customer.externalId,
      email: customer.email,
      name: customer.name,
      phone: customer.phone,
      locale: customer.locale,
      birthDate: customer.birthDate,
      signedUpAt: customer.signedUpAt,
      acquisitionSource: customer.acquisitionSource,
      marketingConsent: customer.marketingConsent,
      tags: customer.tags,
      attributes: customer.attributes,
      personalityColour: customer.personalityColour,
      referredByCustomerId: customer.referredByCustomerId,
    },
    events: events.map((e) => ({
      type: e.type,
      occurredAt: e.occurredAt,
      amountMinor: e.amountMinor,
      discountMinor: e.discountMinor,
      category: e.category,
      payload: e.payload,
    })),
  };
}

/** What the in-memory evaluator needs of some customers (two queries, any number of them). */
export async function loadSubjects(em: EntityManager, customerIds: string[]): Promise<Subject[]> {
  if (customerIds.length === 0) return [];
  const customers = await em.find(CustomerEntity, { where: { id: In(customerIds) } });
  const events = await em.find(EventEntity, {
    where: { customerId: In(customerIds) },
    order: { occurredAt: "ASC" },
  });
  const byCustomer = new Map<string, EventEntity[]>();
  for (const e of events)
    byCustomer.set(e.customerId, [...(byCustomer.get(e.customerId) ?? []), e]);
  return customers.map((c) => toSubject(c, byCustomer.get(c.id) ?? []));
}

export async function loadSubject(em: EntityManager, customerId: string): Promise<Subject | null> {
  return (await loadSubjects(em, [customerId]))[0] ?? null;
}
