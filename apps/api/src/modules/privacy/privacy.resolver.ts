import { GraphQLJSONObject } from "graphql-scalars";
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { requestActor, type Context } from "../../context";
import { CustomerEntity } from "../customers/customer.entity";
import { Customer } from "../customers/customers.types";
import { currentConsents, type ConsentEventRow } from "./consent";
import { ConsentEvent, ConsentState, RecordConsentInput } from "./privacy.types";

@Resolver()
export class PrivacyResolver {
  @Authorized("customers:write")
  @Mutation(() => ConsentEvent, {
    description:
      "Records a customer's grant or withdrawal of consent for one purpose, appended to their history. Retry with the same idempotencyKey to get the first result.",
  })
  recordConsent(
    @Arg("input", {
      description: "The decision: customer, purpose, granted or withdrawn, source, when.",
    })
    input: RecordConsentInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, {
      nullable: true,
      description: "Makes a retried call return the first result instead of recording twice.",
    })
    idempotencyKey?: string,
  ): Promise<ConsentEventRow> {
    return ctx.services.privacy.recordConsent(requestActor(ctx), input, idempotencyKey);
  }

  @Authorized("privacy:manage")
  @Mutation(() => GraphQLJSONObject, {
    description:
      "Everything Trouw holds about a customer as one JSON document (GDPR access and portability). Recorded in the audit log. Admins only.",
  })
  exportCustomerData(
    @Arg("customerId", () => ID, { description: "The customer's Trouw id." }) customerId: string,
    @Ctx() ctx: Context,
  ): Promise<Record<string, unknown>> {
    return ctx.services.privacy.exportCustomerData(customerId);
  }

  @Authorized("privacy:manage")
  @Mutation(() => Customer, {
    description:
      "Erases a customer's personal data (GDPR): profile, free text, event details, invitations and webhook payloads. Ledger, order amounts and aggregates stay, keyed by the now pseudonymous id; the customer refuses every later write with CONFLICT. Admins only.",
  })
  eraseCustomer(
    @Arg("customerId", () => ID, { description: "The customer's Trouw id." }) customerId: string,
    @Arg("reason", { description: "Why (e.g. the request's reference); kept in the audit log." })
    reason: string,
    @Ctx() ctx: Context,
  ): Promise<CustomerEntity> {
    return ctx.services.privacy.eraseCustomer(requestActor(ctx), customerId, reason);
  }
}

@Resolver(() => Customer)
export class CustomerConsentResolver {
  @FieldResolver(() => [ConsentEvent], {
    description: "Every consent grant and withdrawal of the customer, oldest first.",
  })
  consentHistory(@Root() c: CustomerEntity, @Ctx() ctx: Context): Promise<ConsentEventRow[]> {
    return ctx.loaders.consentHistory.load(c.id);
  }

  @FieldResolver(() => [ConsentState], {
    description: "The customer's current consent per purpose, derived from the history.",
  })
  async consents(@Root() c: CustomerEntity, @Ctx() ctx: Context): Promise<ConsentState[]> {
    return currentConsents(await ctx.loaders.consentHistory.load(c.id));
  }
}
