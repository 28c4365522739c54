import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
} from "type-graphql";
import { requestActor, type Context } from "../../context";
import type { Page } from "../../common/graphql-types";
import { PageArgsType } from "../customers/customers.resolver";
import type { DeliveryRow, DeliveryStatus, EndpointRow } from "./rows";
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookDeliveryStatusEnum,
  WebhookEndpoint,
  WebhookEndpointSecret,
} from "./webhooks.types";

const toEndpoint = (e: EndpointRow): WebhookEndpoint => ({
  id: e.id,
  url: e.url,
  description: e.description,
  topics: e.topics,
  segmentIds: e.segmentIds,
  active: e.active,
  secretPreview: e.secretPreview,
  secretRotatedAt: e.secretRotatedAt,
  previousSecretExpiresAt: e.previousSecretExpiresAt,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  pendingDeliveries: e.counts?.pending ?? 0,
  failingDeliveries: e.counts?.failed ?? 0,
  deadDeliveries: e.counts?.dead ?? 0,
});

const toDelivery = (d: DeliveryRow): WebhookDelivery => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  topic: d.topic,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt,
  lastAttemptAt: d.lastAttemptAt,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  lastResponseMs: d.lastResponseMs,
  deliveredAt: d.deliveredAt,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  payload: d.event,
});

@ArgsType()
class WebhookDeliveriesArgs extends PageArgsType {
  @Field(() => ID, { description: "The endpoint whose deliveries to list." })
  endpointId: string;

  @Field(() => WebhookDeliveryStatusEnum, {
    nullable: true,
    description: "Only deliveries in this state.",
  })
  status?: DeliveryStatus | null;
}

/** Webhooks hold where customer data goes and how it is signed: admins only. */
@Resolver(() => WebhookEndpoint)
export class WebhooksResolver {
  @Authorized("webhooks:manage")
  @Query(() => [WebhookEndpoint], { description: "Every webhook endpoint, oldest first." })
  async webhookEndpoints(@Ctx() ctx: Context): Promise<WebhookEndpoint[]> {
    return (await ctx.services.webhooks.listEndpoints()).map(toEndpoint);
  }

  @Authorized("webhooks:manage")
  @Query(() => WebhookEndpoint, { description: "One webhook endpoint." })
  async webhookEndpoint(
    @Arg("id", () => ID, { description: "The endpoint's id." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpoint> {
    return toEndpoint(await ctx.services.webhooks.getEndpoint(id));
  }

  @Authorized("webhooks:manage")
  @Query(() => WebhookDeliveryConnection, {
    description: "An endpoint's delivery log, newest first.",
  })
  async webhookDeliveries(
    @Args() args: WebhookDeliveriesArgs,
    @Ctx() ctx: Context,
  ): Promise<Page<WebhookDelivery>> {
    const page = await ctx.services.webhooks.deliveries(args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toDelivery(e.node) })) };
  }

  @Authorized("webhooks:manage")
  @Mutation(() => WebhookEndpointSecret, {
    description: "Registers an endpoint; its signing secret is returned this once.",
  })
  async createWebhookEndpoint(
    @Arg("input", { description: "The URL and the topics it wants." })
    input: CreateWebhookEndpointInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpointSecret> {
    const { endpoint, secret } = await ctx.services.webhooks.createEndpoint(
      requestActor(ctx),
      input,
    );
    return { endpoint: toEndpoint(endpoint), secret };
  }

  @Authorized("webhooks:manage")
  @Mutation(() => WebhookEndpoint, { description: "Changes an endpoint's URL, topics or state." })
  async updateWebhookEndpoint(
    @Arg("id", () => ID, { description: "The endpoint's id." }) id: string,
    @Arg("input", { description: "The fields to change." }) input: UpdateWebhookEndpointInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpoint> {
    return toEndpoint(await ctx.services.webhooks.updateEndpoint(id, input));
  }

  @Authorized("webhooks:manage")
  @Mutation(() => WebhookEndpoint, {
    description: "Deletes an endpoint and its delivery log; returns it as it was.",
  })
  async deleteWebhookEndpoint(
    @Arg("id", () => ID, { description: "The endpoint's id." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpoint> {
    return toEndpoint(await ctx.services.webhooks.deleteEndpoint(id));
  }

  @Authorized("webhooks:manage")
  @Mutation(() => WebhookEndpointSecret, {
    description: "Issues a new signing secret, returned this once.",
  })
  async rotateWebhookSecret(
    @Arg("id", () => ID, { description: "The endpoint's id." }) id: string,
    @Arg("keepPreviousForHours", () => Int, {
      defaultValue: 24,
      description: "Hours the old secret keeps signing too, so receivers can switch (0 to 168).",
    })
    keepPreviousForHours: number,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpointSecret> {
    const { endpoint, secret } = await ctx.services.webhooks.rotateSecret(id, keepPreviousForHours);
    return { endpoint: toEndpoint(endpoint), secret };
  }

  @Authorized("webhooks:manage")
  @Mutation(() => WebhookDelivery, {
    description: "Sends a webhook.test event to the endpoint now and returns the attempt.",
  })
  async sendWebhookTestEvent(
    @Arg("endpointId", () => ID, { description: "The endpoint's id." }) endpointId: string,
    @Ctx() ctx: Context,
  ): Promise<WebhookDelivery> {
    return toDelivery(await ctx.services.webhooks.sendTestEvent(endpointId));
  }

  @Authorized("webhooks:manage")
  @Mutation(() => WebhookDelivery, {
    description:
      "Sends a delivery again now with a fresh set of attempts, and returns the first attempt.",
  })
  async redeliverWebhook(
    @Arg("deliveryId", () => ID, { description: "The delivery's id." }) deliveryId: string,
    @Ctx() ctx: Context,
  ): Promise<WebhookDelivery> {
    return toDelivery(await ctx.services.webhooks.redeliver(deliveryId));
  }

  @Authorized("webhooks:manage")
  @Mutation(() => Int, {
    description: "Queues every dead delivery of an endpoint again; returns how many.",
  })
  redeliverDeadWebhooks(
    @Arg("endpointId", () => ID, { description: "The endpoint's id." }) endpointId: string,
    @Ctx() ctx: Context,
  ): Promise<number> {
    return ctx.services.webhooks.redeliverDead(endpointId);
  }
}
