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
 * and the database speak the domain's vocabulary. Every value needs a description (the
 * schema contract test refuses undocumented ones).
 */
export function enumOf<const T extends readonly string[]>(
  values: T,
  name: string,
  description: string,
  valueDescriptions: { [K in T[number] as Uppercase<K>]: string },
): { [K in T[number] as Uppercase<K>]: K } {
  const e = Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as {
    [K in T[number] as Uppercase<K>]: K;
  };
  const described = valueDescriptions as Record<string, string>;
  registerEnumType(e, {
    name,
    description,
    valuesConfig: Object.fromEntries(
      Object.keys(e).map((key) => [key, { description: described[key]! }]),
    ) as Partial<Record<keyof typeof e, { description: string }>>,
  });
  return e;
}

export const PersonalityColourEnum = enumOf(
  PERSONALITY_COLOURS,
  "PersonalityColour",
  "Service-contact personality colour (introvert/extravert x rational/emotional).",
  {
    BLUE: "Introvert and rational: wants precise facts, timelines and kept promises.",
    GREEN: "Introvert and emotional: check understanding often and show appreciation.",
    RED: "Extravert and emotional: acknowledge feelings, act at once, reassure.",
    YELLOW: "Extravert and rational: friendly, enjoys a chat; remember personal details.",
  },
);
export const AcquisitionSourceEnum = enumOf(
  ACQUISITION_SOURCES,
  "AcquisitionSource",
  "How a customer came in.",
  {
    CAMPAIGN: "Came in through a marketing campaign.",
    COMPETITOR_SWITCH: 'Switched from a competitor (a "looking-to-switch" signal).',
    DIRECT: "Came to the shop directly.",
    EMAIL: "Came in through an email.",
    IN_STORE: "Signed up in a physical store.",
    MARKETPLACE: "Came in through a marketplace.",
    ORGANIC_SEARCH: "Found the shop through unpaid search results.",
    OTHER: "Any other or unknown source.",
    PAID_SEARCH: "Came in through a paid search ad.",
    REFERRAL: "Referred by an existing customer.",
    SOCIAL: "Came in through social media.",
  },
);
export const EventTypeEnum = enumOf(EVENT_TYPES, "EventType", "Kind of customer event.", {
  ORDER: "A purchase.",
  PAGE_VIEW: "A page view.",
  PRODUCT_VIEW: "A product view.",
  REFERRAL: "The customer referred someone, or was referred.",
  REFUND: "A (partial) refund of an order.",
  SUBSCRIPTION: "A subscription change.",
  SUPPORT_CONTACT: "A contact with customer service.",
  SUPPORT_CONTACT_UPDATED: "A change to a support contact's follow-up.",
  VISIT: "A visit (a session in the shop or a store).",
});
export const SupportContactKindEnum = enumOf(
  SUPPORT_CONTACT_KINDS,
  "SupportContactKind",
  "Why a customer contacted support.",
  {
    COMPLAINT: "A complaint.",
    OTHER: "Anything else.",
    PRESALES_QUESTION: "A question before buying.",
  },
);
export const SupportContactStatusEnum = enumOf(
  SUPPORT_CONTACT_STATUSES,
  "SupportContactStatus",
  "Follow-up status of a support contact.",
  {
    CLOSED: "Closed without further action.",
    OPEN: "Needs follow-up.",
    PENDING: "Waiting for the customer or someone else.",
    RESOLVED: "Resolved.",
  },
);
export const SubscriptionChangeEnum = enumOf(
  SUBSCRIPTION_CHANGES,
  "SubscriptionChange",
  "What happened to a subscription.",
  {
    AUTO_RENEW_CANCELLED: "Automatic renewal was turned off.",
    CANCELLED: "The subscription was cancelled.",
    DOWNGRADED: "Moved to a cheaper plan.",
    LIFETIME: "Became a lifetime subscription.",
    RENEWED: "The subscription renewed.",
    STARTED: "A subscription started.",
    UPGRADED: "Moved to a more expensive plan.",
  },
);
export const ProgramTypeEnum = enumOf(
  PROGRAM_TYPES,
  "LoyaltyProgramType",
  "Loyalty program family: points, tiered, cashback, punch card, paid membership, spend or referral.",
  {
    CASHBACK: "A share of spend returned as store credit.",
    PAID_MEMBERSHIP: "A paid membership with perks.",
    POINTS: "Points per amount spent or per action.",
    PUNCH_CARD: "A punch per qualifying purchase; the Nth earns a reward.",
    REFERRAL: "Points for referring new customers.",
    SPEND: "Rewards unlocked by cumulative spend thresholds.",
    TIERED: "Points with tiers reached by points earned or spend.",
  },
);
export const ProgramStatusEnum = enumOf(
  PROGRAM_STATUSES,
  "LoyaltyProgramStatus",
  "Only active programs earn and redeem.",
  {
    ACTIVE: "Earning and redeeming.",
    ARCHIVED: "Ended; kept for its history.",
    DRAFT: "Being set up; not earning yet.",
    PAUSED: "Temporarily not earning or redeeming.",
  },
);
export const ProgramUnitEnum = enumOf(
  PROGRAM_UNITS,
  "LoyaltyUnit",
  "What a program's balance counts: points, store credit (minor units), punches or spend (minor units).",
  {
    CREDIT: "Store credit, in minor units of the program currency.",
    POINTS: "Points.",
    PUNCHES: "Punches on a card.",
    SPEND: "Spend, in minor units of the program currency.",
  },
);
export const LedgerKindEnum = enumOf(LEDGER_KINDS, "LedgerEntryKind", "Kind of ledger entry.", {
  ADJUST: "A manual correction.",
  BURN: "Points spent on a redemption.",
  EARN: "Points earned and spendable at once.",
  EXPIRE: "Points that expired.",
  PENDING: "Points earned but not yet unlocked.",
  REVERSE: "Points taken back, e.g. after a refund.",
  UNLOCK: "Pending points that became spendable.",
});
export const SortDirectionEnum = enumOf(["asc", "desc"] as const, "SortDirection", "Sort order.", {
  ASC: "Smallest first.",
  DESC: "Largest first.",
});
export const RoleEnum = enumOf(
  ["admin", "analyst", "support"] as const,
  "Role",
  "What an admin user may do.",
  {
    ADMIN: "Everything, including users, API keys and webhooks.",
    ANALYST: "Reads customers; manages segments and surveys.",
    SUPPORT: "Reads customers; logs support contacts and handles their loyalty (redeem, enrol).",
  },
);
export const ApiKeyScopeEnum = enumOf(
  ["read", "write"] as const,
  "ApiKeyScope",
  "What an API key may do.",
  {
    READ: "Queries: customers, their events, loyalty and segments.",
    WRITE:
      "Recording customers, events and support contacts, loyalty actions such as redeeming, and survey answers.",
  },
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
  @Field({ description: "Whether there are items after this page." })
  hasNextPage: boolean;

  @Field({ description: "Whether there are items before this page." })
  hasPreviousPage: boolean;

  @Field(() => String, {
    description: "Cursor of the first item; pass as before for the previous page.",
    nullable: true,
  })
  startCursor: string | null;

  @Field(() => String, {
    description: "Cursor of the last item; pass as after for the next page.",
    nullable: true,
  })
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
