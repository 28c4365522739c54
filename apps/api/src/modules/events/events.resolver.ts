import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Mutation,
  Resolver,
  Root,
} from "type-graphql";
import type { EventType } from "@trouw/domain";
import { requestActor, type Context } from "../../context";
import { EventTypeEnum, money, type Page } from "../../common/graphql-types";
import { PageArgsType } from "../customers/customers.resolver";
import { Customer } from "../customers/customers.types";
import type { CustomerEntity } from "../customers/customer.entity";
import type { EventEntity } from "./event.entity";
import {
  CustomerEvent,
  CustomerEventConnection,
  EventInput,
  RecordEventsResult,
  RecordOrderInput,
  RecordReferralInput,
  RecordRefundInput,
  RecordSubscriptionChangeInput,
  RecordVisitInput,
} from "./events.types";

/** Maps a stored event row to its GraphQL shape. */
export function toCustomerEvent(e: EventEntity): CustomerEvent {
  return {
    id: e.id,
    customerId: e.customerId,
    type: e.type,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    amount: money(e.amountMinor, e.currency),
    discount: e.type === "order" ? money(e.discountMinor, e.currency) : null,
    category: e.category,
    orderId: e.orderRef,
    payload: e.payload,
  };
}

const KEY_DESCRIPTION =
  "Send the same key when retrying: the first result is returned and nothing is written twice.";

@ArgsType()
class TimelineArgs extends PageArgsType {
  @Field(() => [EventTypeEnum], { nullable: true, description: "Only these event types." })
  types?: EventType[] | null;
}

@Resolver(() => Customer)
export class CustomerTimelineResolver {
  @FieldResolver(() => CustomerEventConnection, {
    description: "The customer's events, newest first.",
  })
  async timeline(
    @Root() c: CustomerEntity,
    @Args() args: TimelineArgs,
    @Ctx() ctx: Context,
  ): Promise<Page<CustomerEvent>> {
    const page = await ctx.loaders.timeline.load({
      ownerId: c.id,
      first: args.first,
      after: args.after,
      filter: { types: args.types ?? null },
    });
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: toCustomerEvent(e.node) })),
    };
  }
}

@Resolver(() => CustomerEvent)
export class EventsResolver {
  @FieldResolver(() => Customer, { description: "The customer the event belongs to." })
  async customer(
    @Root() e: CustomerEvent,
    @Ctx() ctx: Context,
  ): Promise<CustomerEntity | undefined> {
    return ctx.loaders.customerById.load(e.customerId);
  }

  @Authorized("events:write")
  @Mutation(() => CustomerEvent, { description: "Records an order. Its orderId must be unique." })
  async recordOrder(
    @Arg("input", { description: "The order." }) input: RecordOrderInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, { nullable: true, description: KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<CustomerEvent> {
    return toCustomerEvent(
      await ctx.services.events.recordOrder(requestActor(ctx), input, idempotencyKey),
    );
  }

  @Authorized("events:write")
  @Mutation(() => CustomerEvent, {
    description: "Records a full or partial refund of an order; never more than was paid.",
  })
  async recordRefund(
    @Arg("input", { description: "The refund." }) input: RecordRefundInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, { nullable: true, description: KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<CustomerEvent> {
    return toCustomerEvent(
      await ctx.services.events.recordRefund(requestActor(ctx), input, idempotencyKey),
    );
  }

  @Authorized("events:write")
  @Mutation(() => CustomerEvent, { description: "Records a visit, page view or product view." })
  async recordVisit(
    @Arg("input", { description: "The visit or view." }) input: RecordVisitInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, { nullable: true, description: KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<CustomerEvent> {
    return toCustomerEvent(
      await ctx.services.events.recordVisit(requestActor(ctx), input, idempotencyKey),
    );
  }

  @Authorized("events:write")
  @Mutation(() => CustomerEvent, { description: "Records that one customer referred another." })
  async recordReferral(
    @Arg("input", { description: "Who referred whom." }) input: RecordReferralInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, { nullable: true, description: KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<CustomerEvent> {
    return toCustomerEvent(
      await ctx.services.events.recordReferral(requestActor(ctx), input, idempotencyKey),
    );
  }

  @Authorized("events:write")
  @Mutation(() => CustomerEvent, {
    description:
      "Records a subscription change (started, renewed, cancelled auto-renew, up/downgrade, lifetime).",
  })
  async recordSubscriptionChange(
    @Arg("input", { description: "The change." }) input: RecordSubscriptionChangeInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, { nullable: true, description: KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<CustomerEvent> {
    return toCustomerEvent(
      await ctx.services.events.recordSubscriptionChange(requestActor(ctx), input, idempotencyKey),
    );
  }

  @Authorized("events:write")
  @Mutation(() => RecordEventsResult, {
    description: "Records up to 1,000 events; each is atomic on its own and gets its own result.",
  })
  async recordEvents(
    @Arg("events", () => [EventInput], {
      description: "Up to 1,000 events, each stored or refused on its own.",
    })
    events: EventInput[],
    @Ctx() ctx: Context,
  ): Promise<RecordEventsResult> {
    const out = await ctx.services.batch.record(requestActor(ctx), events);
    return {
      ...out,
      results: out.results.map((r) => ({ ...r, event: r.event ? toCustomerEvent(r.event) : null })),
    };
  }
}
