import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { personalityProfile } from "@trouw/domain";
import { requestActor, type Context } from "../../context";
import { CustomerEntity } from "./customer.entity";
import {
  ContactGuidance,
  CreateCustomerInput,
  Customer,
  CustomerConnection,
  CustomerFilter,
  CustomerOrder,
  UpdateCustomerInput,
} from "./customers.types";

@ArgsType()
export class PageArgsType {
  @Field(() => Int, { nullable: true, description: "Page size going forward (max 200)." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Continue after this cursor." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: "Page size going backward (max 200)." })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Continue before this cursor." })
  before?: string | null;
}

@ArgsType()
class CustomersArgs extends PageArgsType {
  @Field(() => CustomerFilter, {
    description: "Only customers matching this filter.",
    nullable: true,
  })
  filter?: CustomerFilter | null;

  @Field(() => CustomerOrder, {
    description: "Sort order (default: newest sign-up first).",
    nullable: true,
  })
  orderBy?: CustomerOrder | null;
}

@Resolver(() => Customer)
export class CustomersResolver {
  @Authorized("customers:read")
  @Query(() => Customer, {
    nullable: true,
    description: "A customer by Trouw id or by the integrator's externalId.",
  })
  customer(
    @Ctx() ctx: Context,
    @Arg("id", () => ID, { description: "Trouw's id for the customer.", nullable: true })
    id?: string,
    @Arg("externalId", () => String, { description: "Your id for the customer.", nullable: true })
    externalId?: string,
  ): Promise<CustomerEntity | null> {
    return ctx.services.customers.get({ id, externalId });
  }

  @Authorized("customers:read")
  @Query(() => CustomerConnection, {
    description: "Customers, paginated, searchable, filterable and sortable.",
  })
  customers(@Args() args: CustomersArgs, @Ctx() ctx: Context) {
    return ctx.services.customers.list(args);
  }

  @Authorized("customers:read")
  @Query(() => [String], { description: "Tags in use, for filter pickers." })
  customerTags(@Ctx() ctx: Context): Promise<string[]> {
    return ctx.services.customers.tags();
  }

  @Authorized("customers:write")
  @Mutation(() => Customer, {
    description: "Creates a customer. CONFLICT when the external id is taken.",
  })
  createCustomer(
    @Arg("input", { description: "The new customer." }) input: CreateCustomerInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, {
      description:
        "Send the same key when retrying: the first result is returned and nothing is written twice.",
      nullable: true,
    })
    idempotencyKey?: string,
  ): Promise<CustomerEntity> {
    return ctx.services.customers.create(requestActor(ctx), input, idempotencyKey);
  }

  @Authorized("customers:write")
  @Mutation(() => Customer, { description: "Changes only the fields given." })
  updateCustomer(
    @Arg("id", () => ID, { description: "The customer." }) id: string,
    @Arg("input", { description: "The fields to change; fields left out keep their value." })
    input: UpdateCustomerInput,
    @Ctx() ctx: Context,
  ): Promise<CustomerEntity> {
    return ctx.services.customers.update(requestActor(ctx), id, input);
  }

  @FieldResolver(() => ContactGuidance, {
    nullable: true,
    description: "Contact guidance for the customer's personality colour.",
  })
  contactGuidance(@Root() c: CustomerEntity): ContactGuidance | null {
    return c.personalityColour ? personalityProfile(c.personalityColour) : null;
  }

  @FieldResolver(() => Customer, {
    nullable: true,
    description: "The customer who referred this one.",
  })
  async referredBy(@Root() c: CustomerEntity, @Ctx() ctx: Context): Promise<CustomerEntity | null> {
    if (!c.referredByCustomerId) return null;
    return (await ctx.loaders.customerById.load(c.referredByCustomerId)) ?? null;
  }
}
