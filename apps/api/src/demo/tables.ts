import type { DemoBatch, DemoCustomer, DemoEvent, DemoSupportContact } from "./types";

/** How one kind of demo row lands in its table: column names and values in the same order. */
export interface TableSpec<R> {
  table: string;
  columns: readonly string[];
  values(row: R): unknown[];
}

export const CUSTOMERS: TableSpec<DemoCustomer> = {
  table: "customers",
  columns: [
    "id",
    "external_id",
    "email",
    "name",
    "phone",
    "locale",
    "birth_date",
    "signed_up_at",
    "acquisition_source",
    "marketing_consent",
    "marketing_consent_at",
    "tags",
    "attributes",
    "personality_colour",
    "referred_by_customer_id",
    "created_at",
    "updated_at",
  ],
  values: (c) => [
    c.id,
    c.externalId,
    c.email,
    c.name,
    c.phone,
    c.locale,
    c.birthDate,
    c.signedUpAt,
    c.acquisitionSource,
    c.marketingConsent,
    c.marketingConsentAt,
    c.tags,
    c.attributes,
    c.personalityColour,
    c.referredByCustomerId,
    c.createdAt,
    c.updatedAt,
  ],
};

export const EVENTS: TableSpec<DemoEvent> = {
  table: "events",
  columns: [
    "id",
    "customer_id",
    "type",
    "occurred_at",
    "recorded_at",
    "amount_minor",
    "discount_minor",
    "currency",
    "category",
    "order_ref",
    "payload",
  ],
  values: (e) => [
    e.id,
    e.customerId,
    e.type,
    e.occurredAt,
    e.recordedAt,
    e.amountMinor,
    e.discountMinor,
    e.currency,
    e.category,
    e.orderRef,
    e.payload,
  ],
};

export const SUPPORT_CONTACTS: TableSpec<DemoSupportContact> = {
  table: "support_contacts",
  columns: [
    "id",
    "customer_id",
    "kind",
    "status",
    "channel",
    "subject",
    "note",
    "resolution",
    "follow_up_at",
    "opened_at",
    "updated_at",
    "resolved_at",
  ],
  values: (s) => [
    s.id,
    s.customerId,
    s.kind,
    s.status,
    s.channel,
    s.subject,
    s.note,
    s.resolution,
    s.followUpAt,
    s.openedAt,
    s.updatedAt,
    s.resolvedAt,
  ],
};

/** A table's rows as column values, without the row type: all a writer needs. */
export interface TableRows {
  table: string;
  columns: readonly string[];
  count: number;
  row(index: number): unknown[];
}

function rowsOf<R>(spec: TableSpec<R>, rows: readonly R[]): TableRows {
  return {
    table: spec.table,
    columns: spec.columns,
    count: rows.length,
    row: (i) => spec.values(rows[i]!),
  };
}

/** The tables of a batch in write order: customers before the rows that reference them. */
export function batchTables(batch: DemoBatch): TableRows[] {
  return [
    rowsOf(CUSTOMERS, batch.customers),
    rowsOf(EVENTS, batch.events),
    rowsOf(SUPPORT_CONTACTS, batch.supportContacts),
  ];
}
