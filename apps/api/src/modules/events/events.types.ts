import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type {
  EventType,
  SubscriptionChange,
  SupportContactKind,
  SupportContactStatus,
} from "@trouw/domain";
import {
  Connection,
  EventTypeEnum,
  Money,
  SubscriptionChangeEnum,
  SupportContactKindEnum,
  SupportContactStatusEnum,
} from "../../common/graphql-types";
import { SupportContact } from "../support/support.types";

@ObjectType({
  description:
    "Something a customer did or that happened to them. Events are never changed once recorded.",
})
export class CustomerEvent {
  @Field(() => ID, { description: "The event's id." })
  id: string;

  customerId: string;

  @Field(() => EventTypeEnum, { description: "What kind of event this is." })
  type: EventType;

  @Field({ description: "When it happened, as told by the integrator." })
  occurredAt: Date;

  @Field({ description: "When Trouw stored it." })
  recordedAt: Date;

  @Field(() => Money, {
    nullable: true,
    description: "Order: net amount paid; refund: amount refunded; subscription: fee.",
  })
  amount: Money | null;

  @Field(() => Money, { nullable: true, description: "Order: total discount." })
  discount: Money | null;

  @Field(() => String, {
    description: "Product category (orders, refunds, views), if any.",
    nullable: true,
  })
  category: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The integrator's order id (orders and refunds).",
  })
  orderId: string | null;

  @Field(() => GraphQLJSONObject, {
    description: "Event details: order lines, page URL, referral, subscription plan...",
  })
  payload: Record<string, unknown>;
}

@ObjectType({ description: "A page of customer events, newest first." })
export class CustomerEventConnection extends Connection(CustomerEvent, "CustomerEvent") {}

@InputType("CustomerRefInput")
class CustomerRefInput {
  @Field(() => ID, {
    nullable: true,
    description: "Trouw customer id; or give customerExternalId.",
  })
  customerId?: string | null;

  @Field(() => String, { nullable: true, description: "The integrator's customer id." })
  customerExternalId?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "When it happened; defaults to now. Late events are welcome.",
  })
  occurredAt?: Date | null;
}

@InputType({ description: "One line of an order." })
export class OrderLineInput {
  @Field({ description: "Your product id (SKU)." })
  productId: string;

  @Field(() => String, { description: "Product category, e.g. shoes.", nullable: true })
  category?: string | null;

  @Field(() => Int, { description: "Number of items (default 1)." })
  quantity: number;

  @Field(() => Int, { description: "Line total before discount, in minor units." })
  amountMinor: number;

  @Field(() => Int, { nullable: true, description: "Discount on this line, in minor units." })
  discountMinor?: number | null;
}

@InputType({ description: "An order: the customer, your order id, the currency and its lines." })
export class RecordOrderInput extends CustomerRefInput {
  @Field({ description: "The integrator's order id; unique." })
  orderId: string;

  @Field({ description: "ISO 4217 currency code." })
  currency: string;

  @Field(() => [OrderLineInput], { description: "The order lines." })
  lines: OrderLineInput[];

  @Field(() => String, { nullable: true, description: "e.g. web, app, store." })
  channel?: string | null;
}

@InputType({ description: "A (partial) refund of an order." })
export class RecordRefundInput extends CustomerRefInput {
  @Field({ description: "The integrator's id of the refunded order." })
  orderId: string;

  @Field(() => Int, {
    nullable: true,
    description: "Amount to refund in minor units; absent refunds whatever is left.",
  })
  amountMinor?: number | null;

  @Field(() => String, { description: "Why the order was refunded.", nullable: true })
  reason?: string | null;
}

export const VisitKindEnum = {
  VISIT: "visit",
  PAGE_VIEW: "page_view",
  PRODUCT_VIEW: "product_view",
} as const;
import { registerEnumType } from "type-graphql";
registerEnumType(VisitKindEnum, {
  description: "What kind of visit.",
  name: "VisitKind",
  valuesConfig: {
    PAGE_VIEW: { description: "A page view." },
    PRODUCT_VIEW: { description: "A product view." },
    VISIT: { description: "A visit (session)." },
  },
});
export type VisitKind = (typeof VisitKindEnum)[keyof typeof VisitKindEnum];

@InputType({ description: "A visit, page view or product view." })
export class RecordVisitInput extends CustomerRefInput {
  @Field(() => VisitKindEnum, { description: "What kind of visit.", defaultValue: "visit" })
  kind: VisitKind;

  @Field(() => String, { description: "Address of the page.", nullable: true })
  url?: string | null;

  @Field(() => String, { description: "Product viewed, if any.", nullable: true })
  productId?: string | null;

  @Field(() => String, { description: "Product category viewed, if any.", nullable: true })
  category?: string | null;

  @Field(() => String, { nullable: true, description: "e.g. comparison, docs, case_study." })
  pageType?: string | null;

  @Field(() => String, {
    description: "Your session id, to group views of one visit.",
    nullable: true,
  })
  sessionId?: string | null;
}

@InputType({ description: "A contact between a customer and customer service." })
export class LogSupportContactInput extends CustomerRefInput {
  @Field(() => SupportContactKindEnum, { description: "Why the customer got in touch." })
  kind: SupportContactKind;

  @Field({ description: "A short subject line." })
  subject: string;

  @Field(() => String, { description: "What was said or done.", nullable: true })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    defaultValue: "email",
    description: "email, phone, chat, store...",
  })
  channel?: string | null;

  @Field(() => SupportContactStatusEnum, {
    description: "Follow-up status (default OPEN).",
    nullable: true,
    defaultValue: "open",
  })
  status?: SupportContactStatus | null;

  @Field(() => Date, { description: "When to follow up, if needed.", nullable: true })
  followUpAt?: Date | null;

  @Field(() => String, { description: "How it was resolved, if it was.", nullable: true })
  resolution?: string | null;
}

@InputType({ description: "One customer referred another." })
export class RecordReferralInput {
  @Field(() => ID, { description: "Trouw's id for the referring customer.", nullable: true })
  referrerId?: string | null;

  @Field(() => String, {
    description: "Your id for the referring customer; or give referrerId.",
    nullable: true,
  })
  referrerExternalId?: string | null;

  @Field(() => ID, { description: "Trouw's id for the referred customer.", nullable: true })
  referredId?: string | null;

  @Field(() => String, {
    description: "Your id for the referred customer; or give referredId.",
    nullable: true,
  })
  referredExternalId?: string | null;

  @Field(() => Date, { description: "When the referral happened (default: now).", nullable: true })
  occurredAt?: Date | null;
}

@InputType({ description: "A change to a customer's subscription." })
export class RecordSubscriptionChangeInput extends CustomerRefInput {
  @Field(() => SubscriptionChangeEnum, { description: "What happened." })
  change: SubscriptionChange;

  @Field({ description: "The plan after the change." })
  plan: string;

  @Field(() => Int, {
    nullable: true,
    description: "Fee charged with this change, in minor units.",
  })
  amountMinor?: number | null;

  @Field(() => String, { description: "ISO 4217 currency of the amount, if any.", nullable: true })
  currency?: string | null;
}

@InputType({ description: "One event of a batch: set exactly one of the event fields." })
export class EventInput {
  @Field(() => String, {
    description: "Send the same key when retrying this item: it is stored once.",
    nullable: true,
  })
  idempotencyKey?: string | null;

  @Field(() => RecordOrderInput, { description: "An order.", nullable: true })
  order?: RecordOrderInput | null;

  @Field(() => RecordRefundInput, { description: "A refund.", nullable: true })
  refund?: RecordRefundInput | null;

  @Field(() => RecordVisitInput, { description: "A visit or page/product view.", nullable: true })
  visit?: RecordVisitInput | null;

  @Field(() => LogSupportContactInput, { description: "A support contact.", nullable: true })
  supportContact?: LogSupportContactInput | null;

  @Field(() => RecordReferralInput, { description: "A referral.", nullable: true })
  referral?: RecordReferralInput | null;

  @Field(() => RecordSubscriptionChangeInput, {
    description: "A subscription change.",
    nullable: true,
  })
  subscriptionChange?: RecordSubscriptionChangeInput | null;
}

@ObjectType({ description: "One problem of an input." })
export class Problem {
  @Field({ description: "Where in the input, e.g. lines[2].amountMinor." })
  path: string;

  @Field({ description: "What is wrong." })
  message: string;
}

@ObjectType({ description: "Why one item of a batch was rejected." })
export class ItemError {
  @Field({
    description:
      "A stable error code, as extensions.code of a GraphQL error (e.g. BAD_USER_INPUT, NOT_FOUND).",
  })
  code: string;

  @Field({ description: "A human-readable explanation." })
  message: string;

  @Field(() => [Problem], { description: "Every problem of the input, by path." })
  problems: Problem[];
}

@ObjectType({ description: "What happened to one item of a batch." })
export class EventResult {
  @Field(() => Int, { description: "Position of the item in the request." })
  index: number;

  @Field({ description: "Whether the item was stored." })
  ok: boolean;

  @Field(() => CustomerEvent, {
    description: "The stored event (when ok is true and the item is an event).",
    nullable: true,
  })
  event: CustomerEvent | null;

  @Field(() => SupportContact, { nullable: true, description: "Set for supportContact items." })
  supportContact: SupportContact | null;

  @Field(() => ItemError, {
    description: "Why the item was refused (when ok is false).",
    nullable: true,
  })
  error: ItemError | null;
}

@ObjectType({ description: "What happened to each event of a batch." })
export class RecordEventsResult {
  @Field(() => [EventResult], { description: "One result per item, in the order sent." })
  results: EventResult[];

  @Field(() => Int, { description: "Items stored." })
  acceptedCount: number;

  @Field(() => Int, { description: "Items refused." })
  rejectedCount: number;
}
