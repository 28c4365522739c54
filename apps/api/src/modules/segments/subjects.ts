import type { EntityManager } from "typeorm";
import type { Subject } from "@trouw/domain";
import { CustomerEntity } from "../customers/customer.entity";
import { EventEntity } from "../events/event.entity";

/** Loads what the in-memory evaluator needs of one customer: the row and all its events. */
export async function loadSubject(em: EntityManager, customerId: string): Promise<Subject | null> {
  const customer = await em.findOneBy(CustomerEntity, { id: customerId });
  if (!customer) return null;
  const events = await em.find(EventEntity, {
    where: { customerId },
    order: { occurredAt: "ASC" },
  });
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
