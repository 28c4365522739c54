import { Field, ID, InputType, ObjectType } from "type-graphql";
import type { SupportContactKind, SupportContactStatus } from "@trouw/domain";
import {
  Connection,
  SupportContactKindEnum,
  SupportContactStatusEnum,
} from "../../common/graphql-types";

@ObjectType({ description: "A customer's contact with support, with its follow-up state." })
export class SupportContact {
  @Field(() => ID, { description: "The contact's id." })
  id: string;

  customerId: string;

  @Field(() => SupportContactKindEnum, { description: "Why the customer got in touch." })
  kind: SupportContactKind;

  @Field(() => SupportContactStatusEnum, { description: "Follow-up status." })
  status: SupportContactStatus;

  @Field({ description: "How the customer got in touch, e.g. phone or chat." })
  channel: string;

  @Field({ description: "Short subject line." })
  subject: string;

  @Field(() => String, { description: "What was said or done.", nullable: true })
  note: string | null;

  @Field(() => String, { description: "How it was resolved.", nullable: true })
  resolution: string | null;

  @Field(() => Date, { nullable: true, description: "When staff should follow up." })
  followUpAt: Date | null;

  @Field({ description: "When the contact happened." })
  openedAt: Date;

  @Field({ description: "When the contact last changed." })
  updatedAt: Date;

  @Field(() => Date, { description: "When it was resolved.", nullable: true })
  resolvedAt: Date | null;
}

@ObjectType({ description: "A page of support contacts." })
export class SupportContactConnection extends Connection(SupportContact, "SupportContact") {}

@InputType({ description: "Only the fields given are changed." })
export class UpdateSupportContactInput {
  @Field(() => SupportContactStatusEnum, { description: "Follow-up status.", nullable: true })
  status?: SupportContactStatus | null;

  @Field(() => String, { description: "How it was resolved.", nullable: true })
  resolution?: string | null;

  @Field(() => String, { description: "What was said or done.", nullable: true })
  note?: string | null;

  @Field(() => Date, { description: "When to follow up.", nullable: true })
  followUpAt?: Date | null;
}
