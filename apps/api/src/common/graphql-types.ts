import { Field, Int, ObjectType, registerEnumType, type ClassType } from "type-graphql";
import {
  ACQUISITION_SOURCES,
  EVENT_TYPES,
  LEDGER_KINDS,
  PROGRAM_STATUSES,
  PROGRAM_TYPES,
  PROGRAM_UNITS,
  PERSONALITY_COLOURS,
  SUBSCRIPTION_CHANGES,
  SUPPORT_CONTACT_KINDS,
  SUPPORT_CONTACT_STATUSES,
} from "@trouw/domain";

/**
 * GraphQL enums are UPPER_CASE names over the domain's lower_case values, so resolvers
 * and the database speak the domain's vocabulary.
 */
export function enumOf<const T extends readonly string[]>(
  values: T,
  name: string,
  description: string,
): { [K in T[number] as Uppercase<K>]: K } {
  const e = Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as {
    [K in T[number] as Uppercase<K>]: K;
  };
  registerEnumType(e, { name, description });
  return e;
}

export const PersonalityColourEnum = enumOf(
  PERSONALITY_COLOURS,
  "PersonalityColour",
  "Service-contact personality colour (introvert/extravert x rational/emotional).",
);
export const AcquisitionSourceEnum = enumOf(
  ACQUISITION_SOURCES,
  "AcquisitionSource",
  "How a customer came in.",
);
export const EventTypeEnum = enumOf(EVENT_TYPES, "EventType", "Kind of customer event.");
export const SupportContactKindEnum = enumOf(
  SUPPORT_CONTACT_KINDS,
  "SupportContactKind",
  "Why a customer contacted support.",
);
export const SupportContactStatusEnum = enumOf(
  SUPPORT_CONTACT_STATUSES,
  "SupportContactStatus",
  "Follow-up status of a support contact.",
);
export const SubscriptionChangeEnum = enumOf(
  SUBSCRIPTION_CHANGES,
  "SubscriptionChange",
  "What happened to a subscription.",
);
export const ProgramTypeEnum = enumOf(
  PROGRAM_TYPES,
  "LoyaltyProgramType",
  "Loyalty program family: points, tiered, cashback, punch card, paid membership, spend or referral.",
);
export const ProgramStatusEnum = enumOf(
  PROGRAM_STATUSES,
  "LoyaltyProgramStatus",
  "Only active programs earn and redeem.",
);
export const ProgramUnitEnum = enumOf(
  PROGRAM_UNITS,
  "LoyaltyUnit",
  "What a program's balance counts: points, store credit (minor units), punches or spend (minor units).",
);
export const LedgerKindEnum = enumOf(LEDGER_KINDS, "LedgerEntryKind", "Kind of ledger entry.");
export const SortDirectionEnum = enumOf(["asc", "desc"] as const, "SortDirection", "Sort order.");
export const RoleEnum = enumOf(
  ["admin", "analyst", "support"] as const,
  "Role",
  "What an admin user may do.",
);
export const ApiKeyScopeEnum = enumOf(
  ["read", "write"] as const,
  "ApiKeyScope",
  "What an API key may do.",
);

@ObjectType({
  description: "An amount of money: integer minor units (cents) and an ISO 4217 currency.",
})
export class Money {
  @Field(() => Int, { description: "Amount in minor units, e.g. 1999 for EUR 19.99." })
  amountMinor: number;

  @Field({ description: "ISO 4217 currency code." })
  currency: string;
}

export function money(amountMinor: number | null, currency: string | null): Money | null {
  return amountMinor === null || currency === null ? null : { amountMinor, currency };
}

@ObjectType({ description: "Relay-style page information." })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** The one pagination shape: `edges { cursor node }`, `pageInfo` and `totalCount`. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} item of a page, with its cursor.` })
  class Edge {
    @Field({ description: "Pass as after (or before) to continue from this item." })
    cursor: string;

    @Field(() => nodeType, { description: "The item." })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType implements Page<T> {
    @Field(() => [Edge], { description: "The items of this page, in order." })
    edges: Edge[];

    @Field(() => PageInfo, { description: "Whether there are more pages, and their cursors." })
    pageInfo: PageInfo;

    @Field(() => Int, { description: "Number of items matching the filter, across all pages." })
    totalCount: number;
  }
  return ConnectionType;
}
