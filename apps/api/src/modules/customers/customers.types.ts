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
  @Field(() => PersonalityColourEnum, {
    description: "The personality colour the guidance is for.",
  })
  colour: PersonalityColour;

  @Field({ description: "One-line summary of the colour (e.g. extravert and emotional)." })
  summary: string;

  @Field(() => [String], {
    description: "How to handle a contact with this customer, step by step.",
  })
  guidance: string[];
}

@ObjectType({ description: "A retailer's customer." })
export class Customer {
  @Field(() => ID, { description: "Trouw's id for the customer." })
  id: string;

  @Field({ description: "The integrator's own id for this customer; unique." })
  externalId: string;

  @Field(() => String, { description: "Email address, if known.", nullable: true })
  email: string | null;

  @Field(() => String, { description: "Full name, if known.", nullable: true })
  name: string | null;

  @Field(() => String, { description: "Phone number, if known.", nullable: true })
  phone: string | null;

  @Field({ description: "Language tag, e.g. en or nl." })
  locale: string;

  @Field(() => GraphQLLocalDate, { description: "Date of birth, if known.", nullable: true })
  birthDate: string | null;

  @Field({
    description: "When the customer signed up with the shop (may be before Trouw knew them).",
  })
  signedUpAt: Date;

  @Field(() => AcquisitionSourceEnum, { description: "How the customer came in." })
  acquisitionSource: AcquisitionSource;

  @Field({ description: "Whether the customer agreed to marketing messages." })
  marketingConsent: boolean;

  @Field(() => Date, {
    nullable: true,
    description: "When marketing consent was last given or withdrawn.",
  })
  marketingConsentAt: Date | null;

  @Field(() => [String], { description: "Free-form tags." })
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

  @Field({ description: "When the customer was created in Trouw." })
  createdAt: Date;

  @Field({ description: "When the customer's details last changed." })
  updatedAt: Date;
}

@ObjectType({ description: "A page of customers." })
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
registerEnumType(CustomerSortFieldEnum, {
  description: "A field customers can be sorted by.",
  name: "CustomerSortField",
  valuesConfig: {
    CREATED_AT: { description: "When the customer was created in Trouw." },
    EMAIL: { description: "Email address." },
    NAME: { description: "Name." },
    SIGNED_UP_AT: { description: "When the customer signed up with the shop." },
  },
});

@InputType({ description: "How to sort a list of customers." })
export class CustomerOrder {
  @Field(() => CustomerSortFieldEnum, {
    description: "The field to sort by.",
    defaultValue: "signed_up_at",
  })
  field: CustomerSortField;

  @Field(() => SortDirectionEnum, { description: "Ascending or descending.", defaultValue: "desc" })
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

  @Field(() => [AcquisitionSourceEnum], {
    description: "Only customers from one of these sources.",
    nullable: true,
  })
  acquisitionSources?: AcquisitionSource[] | null;

  @Field(() => [PersonalityColourEnum], {
    description: "Only customers with one of these personality colours.",
    nullable: true,
  })
  personalityColours?: PersonalityColour[] | null;

  @Field(() => Date, {
    description: "Only customers who signed up at or after this moment.",
    nullable: true,
  })
  signedUpFrom?: Date | null;

  @Field(() => Date, {
    description: "Only customers who signed up before this moment.",
    nullable: true,
  })
  signedUpTo?: Date | null;
}

@InputType({ description: "A new customer, identified by your own external id." })
export class CreateCustomerInput {
  @Field({
    description: "Your id for the customer; unique, used to refer to the customer in events.",
  })
  externalId: string;

  @Field(() => String, { description: "Email address.", nullable: true })
  email?: string | null;

  @Field(() => String, { description: "Full name.", nullable: true })
  name?: string | null;

  @Field(() => String, { description: "Phone number.", nullable: true })
  phone?: string | null;

  @Field(() => String, {
    description: "Preferred language (BCP 47, e.g. nl or en-GB), used for surveys.",
    nullable: true,
    defaultValue: "en",
  })
  locale?: string;

  @Field(() => GraphQLLocalDate, {
    description: "Date of birth (YYYY-MM-DD), for birthday rewards.",
    nullable: true,
  })
  birthDate?: string | null;

  @Field(() => Date, { nullable: true, description: "Defaults to now." })
  signedUpAt?: Date | null;

  @Field(() => AcquisitionSourceEnum, {
    description: "How the customer came in (default OTHER).",
    nullable: true,
    defaultValue: "direct",
  })
  acquisitionSource?: AcquisitionSource;

  @Field(() => Boolean, {
    description: "Whether the customer agreed to marketing messages (GDPR).",
    nullable: true,
    defaultValue: false,
  })
  marketingConsent?: boolean;

  @Field(() => [String], { description: "Free-form tags, e.g. vip.", nullable: true })
  tags?: string[] | null;

  @Field(() => GraphQLJSONObject, {
    description: "Free-form custom attributes (a JSON object).",
    nullable: true,
  })
  attributes?: Record<string, unknown> | null;

  @Field(() => PersonalityColourEnum, {
    description: "Service-contact personality colour, set by staff.",
    nullable: true,
  })
  personalityColour?: PersonalityColour | null;
}

@InputType({ description: "Only the fields given are changed." })
export class UpdateCustomerInput {
  @Field(() => String, { description: "Your id for the customer.", nullable: true })
  externalId?: string | null;

  @Field(() => String, { description: "Email address.", nullable: true })
  email?: string | null;

  @Field(() => String, { description: "Full name.", nullable: true })
  name?: string | null;

  @Field(() => String, { description: "Phone number.", nullable: true })
  phone?: string | null;

  @Field(() => String, { description: "Preferred language.", nullable: true })
  locale?: string | null;

  @Field(() => GraphQLLocalDate, { description: "Date of birth.", nullable: true })
  birthDate?: string | null;

  @Field(() => AcquisitionSourceEnum, { description: "How the customer came in.", nullable: true })
  acquisitionSource?: AcquisitionSource | null;

  @Field(() => Boolean, {
    description: "Whether the customer agreed to marketing messages.",
    nullable: true,
  })
  marketingConsent?: boolean | null;

  @Field(() => [String], { description: "Free-form tags (replaces them).", nullable: true })
  tags?: string[] | null;

  @Field(() => GraphQLJSONObject, {
    description: "Free-form custom attributes (replaces them).",
    nullable: true,
  })
  attributes?: Record<string, unknown> | null;

  @Field(() => PersonalityColourEnum, {
    nullable: true,
    description: "Set a colour; use clearPersonalityColour to remove it.",
  })
  personalityColour?: PersonalityColour | null;

  @Field(() => Boolean, { description: "True to remove the personality colour.", nullable: true })
  clearPersonalityColour?: boolean | null;
}
