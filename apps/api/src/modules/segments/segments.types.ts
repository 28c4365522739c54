import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../common/graphql-types";
import { Customer } from "../customers/customers.types";

@ObjectType({
  description: "A saved segment: a rule over customer data whose members are kept up to date.",
})
export class Segment {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => GraphQLJSONObject, { description: "The rule (version 1 AST): { version, root }." })
  rule: object;

  @Field(() => [String])
  tags: string[];

  @Field(() => String, { nullable: true, description: "The template it was created from, if any." })
  templateKey: string | null;

  @Field(() => Int, { description: "Incremented by every saved change." })
  version: number;

  @Field(() => Int, { description: "Members after the latest refresh." })
  memberCount: number;

  @Field(() => Date, { nullable: true })
  refreshedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class SegmentConnection extends Connection(Segment, "Segment") {}

export const MembershipChangeEnum = { ENTERED: "entered", LEFT: "left" } as const;
registerEnumType(MembershipChangeEnum, { name: "MembershipChange" });

@ObjectType({ description: "A customer entering or leaving a segment." })
export class SegmentMembershipChange {
  @Field(() => ID)
  id: string;

  customerId: string;

  @Field(() => MembershipChangeEnum)
  change: "entered" | "left";

  @Field()
  at: Date;
}

@ObjectType()
export class SegmentMembershipChangeConnection extends Connection(
  SegmentMembershipChange,
  "SegmentMembershipChange",
) {}

@ObjectType({ description: "The segment's size after one refresh." })
export class SegmentSizePoint {
  @Field()
  at: Date;

  @Field(() => Int)
  size: number;

  @Field(() => Int)
  entered: number;

  @Field(() => Int)
  exited: number;

  @Field({ description: "full, or customers (incremental after ingest)." })
  scope: string;
}

@ObjectType({ description: "A saved version of a segment: who changed what, when." })
export class SegmentVersion {
  @Field(() => Int)
  version: number;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => GraphQLJSONObject)
  rule: object;

  @Field({ description: "user:<id> or key:<id>." })
  changedBy: string;

  @Field()
  changedAt: Date;
}

@ObjectType()
export class SegmentPreview {
  @Field(() => Int, { description: "How many customers match right now." })
  count: number;

  @Field(() => [Customer])
  sample: Customer[];
}

@ObjectType({ description: "Why a customer is (or is not) in a segment." })
export class MembershipExplanation {
  @Field(() => Customer)
  customer: Customer;

  @Field(() => Boolean, {
    nullable: true,
    description: "Member after the latest refresh (saved segments only).",
  })
  member: boolean | null;

  @Field({ description: "Whether the rule holds for the customer now." })
  holds: boolean;

  @Field(() => GraphQLJSONObject, {
    description: "Every group and condition with what it saw (seen) and whether it held.",
  })
  tree: object;
}

@InputType()
export class SegmentInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  rule?: object | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => String, { nullable: true })
  templateKey?: string | null;
}
