import { Field, ID, InputType, ObjectType } from "type-graphql";
import type { SupportContactKind, SupportContactStatus } from "@trouw/domain";
import {
  Connection,
  SupportContactKindEnum,
  SupportContactStatusEnum,
} from "../../common/graphql-types";

@ObjectType({ description: "A customer's contact with support, with its follow-up state." })
export class SupportContact {
  @Field(() => ID)
  id: string;

  customerId: string;

  @Field(() => SupportContactKindEnum)
  kind: SupportContactKind;

  @Field(() => SupportContactStatusEnum)
  status: SupportContactStatus;

  @Field()
  channel: string;

  @Field()
  subject: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true })
  resolution: string | null;

  @Field(() => Date, { nullable: true, description: "When staff should follow up." })
  followUpAt: Date | null;

  @Field()
  openedAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;
}

@ObjectType()
export class SupportContactConnection extends Connection(SupportContact, "SupportContact") {}

@InputType({ description: "Only the fields given are changed." })
export class UpdateSupportContactInput {
  @Field(() => SupportContactStatusEnum, { nullable: true })
  status?: SupportContactStatus | null;

  @Field(() => String, { nullable: true })
  resolution?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => Date, { nullable: true })
  followUpAt?: Date | null;
}
