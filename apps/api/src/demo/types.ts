import type {
  AcquisitionSource,
  EventType,
  LifecycleTypeKey,
  PersonalityColour,
  SupportContactKind,
  SupportContactStatus,
} from "@trouw/domain";

/** JSON that fits a jsonb column. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One row of `customers`; fields map 1:1 to the columns (camelCase). */
export interface DemoCustomer {
  id: string;
  externalId: string;
  email: string | null;
  name: string;
  phone: string | null;
  locale: "en" | "nl";
  /** `date` column: kept as YYYY-MM-DD so no time zone can shift it. */
  birthDate: string | null;
  signedUpAt: Date;
  acquisitionSource: AcquisitionSource;
  marketingConsent: boolean;
  marketingConsentAt: Date | null;
  tags: string[];
  attributes: JsonObject;
  personalityColour: PersonalityColour | null;
  referredByCustomerId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Generator metadata, not a column: the lifecycle type this customer was generated to show. */
  archetype: LifecycleTypeKey;
}

/** One row of `events`. */
export interface DemoEvent {
  id: string;
  customerId: string;
  type: EventType;
  occurredAt: Date;
  recordedAt: Date;
  amountMinor: number | null;
  discountMinor: number | null;
  currency: string | null;
  category: string | null;
  orderRef: string | null;
  payload: JsonObject;
}

/** One row of `support_contacts`. */
export interface DemoSupportContact {
  id: string;
  customerId: string;
  kind: SupportContactKind;
  status: SupportContactStatus;
  channel: "email" | "phone" | "chat" | "store";
  subject: string;
  note: string | null;
  resolution: string | null;
  /** A planned reminder, so it may lie after `now`. */
  followUpAt: Date | null;
  openedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

/** Rows to write together; customers first, since events may reference them. */
export interface DemoBatch {
  customers: DemoCustomer[];
  events: DemoEvent[];
  supportContacts: DemoSupportContact[];
}
