import { In, type EntityManager } from "typeorm";
import type { Subject } from "@trouw/domain";
import { CustomerEntity } from "../customers/customer.entity";
import { EventEntity } from "../events/event.entity";
import { attachSurveyFacts } from "../surveys/survey-facts";

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
  const subjects = customers.map((c) => toSubject(c, byCustomer.get(c.id) ?? []));
  await attachLoyalty(em, subjects);
  await attachSurveyFacts(em, subjects);
  return subjects;
}

/** Loyalty accounts and the ledger entries "points earned" sums (two queries for all). */
async function attachLoyalty(em: EntityManager, subjects: Subject[]): Promise<void> {
  const ids = subjects.map((s) => s.customer.id);
  const accounts = await em.query<
    {
      program_id: string;
      customer_id: string;
      status: string;
      balance: string;
      tier_code: string | null;
    }[]
  >(
    `SELECT program_id, customer_id, status, balance, tier_code FROM loyalty_accounts WHERE customer_id = ANY($1)`,
    [ids],
  );
  if (!accounts.length) return;
  const earnings = await em.query<
    { program_id: string; customer_id: string; occurred_at: string; amount: string }[]
  >(
    `SELECT program_id, customer_id, occurred_at, amount + pending_delta AS amount FROM ledger_entries
     WHERE customer_id = ANY($1) AND kind IN ('earn', 'pending', 'reverse') AND redemption_id IS NULL
     ORDER BY occurred_at`,
    [ids],
  );
  for (const subject of subjects)
    subject.loyalty = accounts
      .filter((a) => a.customer_id === subject.customer.id)
      .map((a) => ({
        programId: a.program_id,
        status: a.status as "enrolled" | "left",
        balance: Number(a.balance),
        tierCode: a.tier_code,
        earnings: earnings
          .filter((e) => e.customer_id === a.customer_id && e.program_id === a.program_id)
          .map((e) => ({ at: new Date(e.occurred_at), amount: Number(e.amount) })),
      }));
}

export async function loadSubject(em: EntityManager, customerId: string): Promise<Subject | null> {
  return (await loadSubjects(em, [customerId]))[0] ?? null;
}
