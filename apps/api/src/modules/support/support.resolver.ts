import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  Resolver,
  Root,
} from "type-graphql";
import type { SupportContactStatus } from "@trouw/domain";
import { requestActor, type Context } from "../../context";
import { SupportContactStatusEnum, type Page } from "../../common/graphql-types";
import { PageArgsType } from "../customers/customers.resolver";
import { Customer } from "../customers/customers.types";
import type { CustomerEntity } from "../customers/customer.entity";
import { LogSupportContactInput } from "../events/events.types";
import type { SupportContactEntity } from "./support-contact.entity";
import {
  SupportContact,
  SupportContactConnection,
  UpdateSupportContactInput,
} from "./support.types";

@ArgsType()
class SupportContactsArgs extends PageArgsType {
  @Field(() => [SupportContactStatusEnum], {
    description: "Only contacts in these statuses; default: all.",
    nullable: true,
  })
  status?: SupportContactStatus[] | null;
}

@Resolver(() => Customer)
export class CustomerSupportResolver {
  @FieldResolver(() => SupportContactConnection, {
    description: "The customer's contact history, newest first.",
  })
  supportContacts(
    @Root() c: CustomerEntity,
    @Args() args: SupportContactsArgs,
    @Ctx() ctx: Context,
  ): Promise<Page<SupportContactEntity>> {
    return ctx.loaders.supportContacts.load({
      ownerId: c.id,
      first: args.first,
      after: args.after,
      filter: { statuses: args.status ?? null },
    });
  }
}

@Resolver(() => SupportContact)
export class SupportResolver {
  @FieldResolver(() => Customer, { description: "The customer." })
  customer(
    @Root() c: SupportContactEntity,
    @Ctx() ctx: Context,
  ): Promise<CustomerEntity | undefined> {
    return ctx.loaders.customerById.load(c.customerId);
  }

  @Authorized("support:write")
  @Mutation(() => SupportContact, {
    description: "Logs a contact with support (pre-sales question, complaint, other).",
  })
  async logSupportContact(
    @Arg("input", { description: "The contact." }) input: LogSupportContactInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, {
      description:
        "Send the same key when retrying: the first result is returned and nothing is written twice.",
      nullable: true,
    })
    idempotencyKey?: string,
  ): Promise<SupportContactEntity> {
    return (await ctx.services.support.log(requestActor(ctx), input, idempotencyKey)).contact;
  }

  @Authorized("support:write")
  @Mutation(() => SupportContact, {
    description:
      "Changes the follow-up state of a contact; the change is kept in the customer's timeline.",
  })
  updateSupportContact(
    @Arg("id", () => ID, { description: "The support contact." }) id: string,
    @Arg("input", { description: "The fields to change." }) input: UpdateSupportContactInput,
    @Ctx() ctx: Context,
  ): Promise<SupportContactEntity> {
    return ctx.services.support.update(id, input);
  }
}
