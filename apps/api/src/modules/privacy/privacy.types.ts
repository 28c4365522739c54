import { Field, ID, InputType, ObjectType } from "type-graphql";
import { enumOf } from "../../common/graphql-types";
import {
  CONSENT_PURPOSES,
  CONSENT_SOURCES,
  type ConsentPurpose,
  type ConsentSource,
} from "./consent";

export const ConsentPurposeEnum = enumOf(
  CONSENT_PURPOSES,
  "ConsentPurpose",
  "What a customer can consent to: marketing by email (what segment rules call marketing consent), marketing by SMS, profiling and analytics.",
  {
    MARKETING_EMAIL: "Marketing by email; segment rules' marketing consent reads this one.",
    MARKETING_SMS: "Marketing by SMS.",
    PROFILING: "Profiling and analytics of the customer's behaviour.",
  },
);
export const ConsentSourceEnum = enumOf(
  CONSENT_SOURCES,
  "ConsentSource",
  "Where a consent decision was made. ERASURE is written by eraseCustomer only.",
  {
    WEB_FORM: "A form on the shop's website.",
    PREFERENCE_CENTER: "The customer's preference center.",
    CHECKOUT: "The checkout.",
    EMAIL_LINK: "A link in an email (e.g. unsubscribe).",
    SUPPORT: "A support conversation.",
    ADMIN: "An admin user in the Trouw admin.",
    API: "An integrator over the API.",
    IMPORT: "A bulk import.",
    ERASURE: "Withdrawn by the customer's erasure (written by eraseCustomer only).",
  },
);

@ObjectType({ description: "One grant or withdrawal of consent, as recorded; never changed." })
export class ConsentEvent {
  @Field(() => ID, { description: "Entries are numbered in the order they were recorded." })
  id: string;

  @Field(() => ConsentPurposeEnum, { description: "What the decision is about." })
  purpose: ConsentPurpose;

  @Field({ description: "True for a grant, false for a withdrawal." })
  granted: boolean;

  @Field(() => ConsentSourceEnum, { description: "Where the decision was made." })
  source: ConsentSource;

  @Field({ description: "Who recorded it: user:<id>, key:<id> or system." })
  recordedBy: string;

  @Field({ description: "When the customer made the decision." })
  occurredAt: Date;

  @Field({ description: "When Trouw recorded it." })
  recordedAt: Date;
}

@ObjectType({
  description: "A customer's current consent for one purpose, derived from the history.",
})
export class ConsentState {
  @Field(() => ConsentPurposeEnum, { description: "The purpose." })
  purpose: ConsentPurpose;

  @Field({ description: "Whether consent is currently given (false when never asked)." })
  granted: boolean;

  @Field(() => Date, { nullable: true, description: "When the current decision was made." })
  since: Date | null;

  @Field(() => ConsentSourceEnum, {
    nullable: true,
    description: "Where the current decision was made.",
  })
  source: ConsentSource | null;
}

@InputType({ description: "A consent decision to record for a customer." })
export class RecordConsentInput {
  @Field(() => ID, {
    nullable: true,
    description: "The customer's Trouw id (or give customerExternalId).",
  })
  customerId?: string | null;

  @Field(() => String, { nullable: true, description: "The integrator's id for the customer." })
  customerExternalId?: string | null;

  @Field(() => ConsentPurposeEnum, { description: "What the decision is about." })
  purpose: ConsentPurpose;

  @Field({ description: "True to grant, false to withdraw." })
  granted: boolean;

  @Field(() => ConsentSourceEnum, { description: "Where the decision was made." })
  source: ConsentSource;

  @Field(() => Date, { nullable: true, description: "When the customer decided; defaults to now." })
  occurredAt?: Date | null;
}
