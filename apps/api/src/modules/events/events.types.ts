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
  @Field(() => ID)
  id: string;

  customerId: string;

  @Field(() => EventTypeEnum)
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

  @Field(() => String, { nullable: true })
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

@ObjectType()
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

@InputType()
export class OrderLineInput {
  @Field()
  productId: string;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => Int)
  quantity: number;

  @Field(() => Int, { description: "Line total before discount, in minor units." })
  amountMinor: number;

  @Field(() => Int, { nullable: true, description: "Discount on this line, in minor units." })
  discountMinor?: number | null;
}

@InputType()
export class RecordOrderInput extends CustomerRefInput {
  @Field({ description: "The integrator's order id; unique." })
  orderId: string;

  @Field({ description: "ISO 4217 currency code." })
  currency: string;

  @Field(() => [OrderLineInput])
  lines: OrderLineInput[];

  @Field(() => String, { nullable: true, description: "e.g. web, app, store." })
  channel?: string | null;
}

@InputType()
export class RecordRefundInput extends CustomerRefInput {
  @Field({ description: "The integrator's id of the refunded order." })
  orderId: string;

  @Field(() => Int, {
    nullable: true,
    description: "Amount to refund in minor units; absent refunds whatever is left.",
  })
  amountMinor?: number | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

export const VisitKindEnum = {
  VISIT: "visit",
  PAGE_VIEW: "page_view",
  PRODUCT_VIEW: "product_view",
} as const;
import { registerEnumType } from "type-graphql";
registerEnumType(VisitKindEnum, { name: "VisitKind" });
export type VisitKind = (typeof VisitKindEnum)[keyof typeof VisitKindEnum];

@InputType()
export class RecordVisitInput extends CustomerRefInput {
  @Field(() => VisitKindEnum, { defaultValue: "visit" })
  kind: VisitKind;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  productId?: string | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => String, { nullable: true, description: "e.g. comparison, docs, case_study." })
  pageType?: string | null;

  @Field(() => String, { nullable: true })
  sessionId?: string | null;
}

@InputType()
export class LogSupportContactInput extends CustomerRefInput {
  @Field(() => SupportContactKindEnum)
  kind: SupportContactKind;

  @Field()
  subject: string;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    defaultValue: "email",
    description: "email, phone, chat, store...",
  })
  channel?: string | null;

  @Field(() => SupportContactStatusEnum, { nullable: true, defaultValue: "open" })
  status?: SupportContactStatus | null;

  @Field(() => Date, { nullable: true })
  followUpAt?: Date | null;

  @Field(() => String, { nullable: true })
  resolution?: string | null;
}

@InputType()
export class RecordReferralInput {
  @Field(() => ID, { nullable: true })
  referrerId?: string | null;

  @Field(() => String, { nullable: true })
  referrerExternalId?: string | null;

  @Field(() => ID, { nullable: true })
  referredId?: string | null;

  @Field(() => String, { nullable: true })
  referredExternalId?: string | null;

  @Field(() => Date, { nullable: true })
  occurredAt?: Date | null;
}

@InputType()
export class RecordSubscriptionChangeInput extends CustomerRefInput {
  @Field(() => SubscriptionChangeEnum)
  change: SubscriptionChange;

  @Field()
  plan: string;

  @Field(() => Int, {
    nullable: true,
    description: "Fee charged with this change, in minor units.",
  })
  amountMinor?: number | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;
}

@InputType({ description: "One event of a batch: set exactly one of the event fields." })
export class EventInput {
  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;

  @Field(() => RecordOrderInput, { nullable: true })
  order?: RecordOrderInput | null;

  @Field(() => RecordRefundInput, { nullable: true })
  refund?: RecordRefundInput | null;

  @Field(() => RecordVisitInput, { nullable: true })
  visit?: RecordVisitInput | null;

  @Field(() => LogSupportContactInput, { nullable: true })
  supportContact?: LogSupportContactInput | null;

  @Field(() => RecordReferralInput, { nullable: true })
  referral?: RecordReferralInput | null;

  @Field(() => RecordSubscriptionChangeInput, { nullable: true })
  subscriptionChange?: RecordSubscriptionChangeInput | null;
}

@ObjectType()
export class Problem {
  @Field()
  path: string;

  @Field()
  message: string;
}

@ObjectType({ description: "Why one item of a batch was rejected." })
export class ItemError {
  @Field()
  code: string;

  @Field()
  message: string;

  @Field(() => [Problem])
  problems: Problem[];
}

@ObjectType()
export class EventResult {
  @Field(() => Int, { description: "Position of the item in the request." })
  index: number;

  @Field()
  ok: boolean;

  @Field(() => CustomerEvent, { nullable: true })
  event: CustomerEvent | null;

  @Field(() => SupportContact, { nullable: true, description: "Set for supportContact items." })
  supportContact: SupportContact | null;

  @Field(() => ItemError, { nullable: true })
  error: ItemError | null;
}

@ObjectType()
export class RecordEventsResult {
  @Field(() => [EventResult])
  results: EventResult[];

  @Field(() => Int)
  acceptedCount: number;

  @Field(() => Int)
  rejectedCount: number;
}
