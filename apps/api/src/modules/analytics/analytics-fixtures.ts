import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { CustomerActivity } from "@trouw/domain";
import type { Credentials, TestServer } from "../../test-support/server";

export interface FixtureEvent {
  type: "order" | "visit" | "refund";
  at: Date;
  amountMinor?: number;
  currency?: string;
  /** For refunds: the order refunded (its orderRef). */
  orderRef?: string;
}

/** Small factories for the analytics e2e tests: customers and their events, and queries. */
export function analyticsFixtures(t: TestServer) {
  let customers = 0;
  let orders = 0;

  /** Inserts customers in one statement (tags for segment rules); returns their ids. */
  async function customersWith(count: number, tags: (i: number) => string[] = () => []) {
    const ids: string[] = Array.from({ length: count }, () => randomUUID());
    if (count === 0) return ids;
    const first = customers;
    customers += count;
    await t.db.transaction((em) =>
      em.query(
        `INSERT INTO customers (id, external_id, signed_up_at, created_at, updated_at, tags)
         SELECT id, 'an-' || ($2::int + n), $3, $3, $3, ARRAY(SELECT jsonb_array_elements_text(tag))
         FROM unnest($1::uuid[], $4::jsonb[]) WITH ORDINALITY AS c(id, tag, n)`,
        [ids, first, t.clock.now(), ids.map((_, i) => JSON.stringify(tags(i)))],
      ),
    );
    return ids;
  }

  /** Inserts events in one multi-row INSERT, as bulk loads do (the rollup triggers fold them). */
  async function insertEvents(rows: { customerId: string; event: FixtureEvent }[]) {
    if (rows.length === 0) return;
    const values: string[] = [];
    const params: unknown[] = [];
    for (const { customerId, event } of rows) {
      const ref =
        event.type === "order"
          ? `bulk-${++orders}`
          : event.type === "refund"
            ? event.orderRef
            : null;
      const money = event.type === "visit" ? null : (event.amountMinor ?? 1000);
      const p = (v: unknown) => `$${params.push(v)}`;
      values.push(
        `(${p(randomUUID())}, ${p(customerId)}, ${p(event.type)}, ${p(event.at)}, ${p(event.at)}, ${p(money)}::bigint, ${p(event.type === "visit" ? null : (event.currency ?? "EUR"))}, ${p(ref)})`,
      );
    }
    await t.db.transaction((em) =>
      em.query(
        `INSERT INTO events (id, customer_id, type, occurred_at, recorded_at, amount_minor, currency, order_ref) VALUES ${values.join(", ")}`,
        params,
      ),
    );
  }

  /** Records events through the API (recordEvents, one batch); returns the order ids used. */
  async function recordEvents(rows: { customerId: string; event: FixtureEvent }[]) {
    const refs: string[] = [];
    const items = rows.map(({ customerId, event }) => {
      const occurredAt = event.at.toISOString();
      if (event.type === "visit") return { visit: { customerId, occurredAt, kind: "VISIT" } };
      if (event.type === "refund")
        return {
          refund: { orderId: event.orderRef, occurredAt, amountMinor: event.amountMinor ?? null },
        };
      const orderId = `api-${++orders}`;
      refs.push(orderId);
      return {
        order: {
          customerId,
          orderId,
          occurredAt,
          currency: event.currency ?? "EUR",
          lines: [{ productId: "p", quantity: 1, amountMinor: event.amountMinor ?? 1000 }],
        },
      };
    });
    for (let i = 0; i < items.length; i += 1000) {
      const res = await t.gql<{ recordEvents: { rejectedCount: number } }>(
        `mutation($e: [EventInput!]!) { recordEvents(events: $e) { rejectedCount results { error { message } } } }`,
        { e: items.slice(i, i + 1000) },
        t.writeKey,
      );
      expect(res.errors ?? []).toEqual([]);
      expect(res.data!.recordEvents.rejectedCount).toBe(0);
    }
    return refs;
  }

  /** A saved segment of the customers tagged `tag`, refreshed. */
  async function segment(name: string, tag: string): Promise<string> {
    const res = await t.gql<{ createSegment: { id: string } }>(
      `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
      {
        i: {
          name,
          rule: {
            version: 1,
            root: { type: "condition", kind: "tags", args: { op: "contains_any", tags: [tag] } },
          },
        },
      },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    await t.app.services.jobs.runReady();
    return res.data!.createSegment.id;
  }

  /** Runs a query as the admin and expects no errors. */
  async function query<T>(q: string, variables: Record<string, unknown> = {}, as?: Credentials) {
    const res = await t.gql<T>(q, variables, as === undefined ? t.admin : as);
    expect(res.errors ?? []).toEqual([]);
    return res.data!;
  }

  return { customersWith, insertEvents, recordEvents, segment, query };
}

/** Events per customer as the domain's retention functions take them. */
export function activityOf(
  rows: { customerId: string; event: FixtureEvent }[],
): CustomerActivity[] {
  const byCustomer = new Map<string, CustomerActivity>();
  for (const { customerId, event } of rows) {
    const c = byCustomer.get(customerId) ?? { customerId, events: [] };
    (c.events as { type: string; occurredAt: Date }[]).push({
      type: event.type,
      occurredAt: event.at,
    });
    byCustomer.set(customerId, c);
  }
  return [...byCustomer.values()];
}

export const RETENTION_QUERY = `query($from: DateTime, $to: DateTime, $p: AnalyticsPeriod, $seg: ID, $d: ActiveCustomerDefinitionInput) {
  retention(from: $from, to: $to, period: $p, segmentId: $seg, activeDefinition: $d) {
    source definition { withinDays eventTypes }
    periods { periodStart periodEnd complete atStart acquired newCustomers reactivated lost atEnd retentionRate churnRate }
  } }`;

export interface RetentionAnswer {
  retention: {
    source: "ROLLUP" | "EVENTS";
    definition: { withinDays: number; eventTypes: string[] };
    periods: {
      periodStart: string;
      periodEnd: string;
      complete: boolean;
      atStart: number;
      acquired: number;
      newCustomers: number;
      reactivated: number;
      lost: number;
      atEnd: number;
      retentionRate: number | null;
      churnRate: number | null;
    }[];
  };
}
