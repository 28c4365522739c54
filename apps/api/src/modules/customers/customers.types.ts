import { GraphQLJSONObject, GraphQLLocalDate } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import type { AcquisitionSource, PersonalityColour } from "@trouw/domain";
import {
  AcquisitionSourceEnum,
  Connection,
  PersonalityColourEnum,
  SortDirectionEnum,
} from "../../common/graphql-types";

@ObjectType({
  description: "How staff should handle contact with a customer of this personality colour.",
})
export class ContactGuidance {
  @Field(() => PersonalityColourEnum)
  colour: PersonalityColour;

  @Field()
  summary: string;

  @Field(() => [String])
  guidance: string[];
}

@ObjectType({ description: "A retailer's customer." })
export class Customer {
  @Field(() => ID)
  id: string;

  @Field({ description: "The integrator's own id for this customer; unique." })
  externalId: string;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field({ description: "Language tag, e.g. en or nl." })
  locale: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  birthDate: string | null;

  @Field()
  signedUpAt: Date;

  @Field(() => AcquisitionSourceEnum)
  acquisitionSource: AcquisitionSource;

  @Field()
  marketingConsent: boolean;

  @Field(() => Date, {
    nullable: true,
    description: "When marketing consent was last given or withdrawn.",
  })
  marketingConsentAt: Date | null;

  @Field(() => [String])
  tags: string[];

  @Field(() => GraphQLJSONObject, { description: "Free-form custom attributes." })
  attributes: Record<string, unknown>;

  @Field(() => PersonalityColourEnum, {
    nullable: true,
    description: "Service-contact personality colour, set by staff.",
  })
  personalityColour: PersonalityColour | null;

  referredByCustomerId: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      "When the customer's personal data was erased (GDPR); erased customers refuse every write with CONFLICT.",
  })
  erasedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class CustomerConnection extends Connection(Customer, "Customer") {}

export const CUSTOMER_SORT_FIELDS = ["name", "email", "signed_up_at", "created_at"] as const;
export type CustomerSortField = (typeof CUSTOMER_SORT_FIELDS)[number];
export const CustomerSortFieldEnum = {
  NAME: "name",
  EMAIL: "email",
  SIGNED_UP_AT: "signed_up_at",
  CREATED_AT: "created_at",
} as const;
import { registerEnumType } from "type-graphql";
registerEnumType(CustomerSortFieldEnum, { name: "CustomerSortField" });

@InputType()
export class CustomerOrder {
  @Field(() => CustomerSortFieldEnum, { defaultValue: "signed_up_at" })
  field: CustomerSortField;

  @Field(() => SortDirectionEnum, { defaultValue: "desc" })
  direction: "asc" | "desc";
}

@InputType({ description: "All given conditions must hold." })
export class CustomerFilter {
  @Field(() => String, {
    nullable: true,
    description: "Matches name or email, case-insensitively.",
  })
  search?: string | null;

  @Field(() => [String], { nullable: true, description: "Customers with any of these tags." })
  tags?: string[] | null;

  @Field(() => [AcquisitionSourceEnum], { nullable: true })
  acquisitionSources?: AcquisitionSource[] | null;

  @Field(() => [PersonalityColourEnum], { nullable: true })
  personalityColours?: PersonalityColour[] | null;

  @Field(() => Date, { nullable: true })
  signedUpFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  signedUpTo?: Date | null;
}

@InputType()
export class CreateCustomerInput {
  @Field()
  externalId: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true, defaultValue: "en" })
  locale?: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  birthDate?: string | null;

  @Field(() => Date, { nullable: true, description: "Defaults to now." })
  signedUpAt?: Date | null;

  @Field(() => AcquisitionSourceEnum, { nullable: true, defaultValue: "direct" })
  acquisitionSource?: AcquisitionSource;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  marketingConsent?: boolean;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  attributes?: Record<string, unknown> | null;

  @Field(() => PersonalityColourEnum, { nullable: true })
  personalityColour?: PersonalityColour | null;
}

@InputType({ description: "Only the fields given are changed." })
export class UpdateCustomerInput {
  @Field(() => String, { nullable: true })
  externalId?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  locale?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  birthDate?: string | null;

  @Field(() => AcquisitionSourceEnum, { nullable: true })
  acquisitionSource?: AcquisitionSource | null;

  @Field(() => Boolean, { nullable: true })
  marketingConsent?: boolean | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  attributes?: Record<string, unknown> | null;

  @Field(() => PersonalityColourEnum, {
    nullable: true,
    description: "Set a colour; use clearPersonalityColour to remove it.",
  })
  personalityColour?: PersonalityColour | null;

  @Field(() => Boolean, { nullable: true })
  clearPersonalityColour?: boolean | null;
}
