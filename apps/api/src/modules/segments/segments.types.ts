import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection, enumOf } from "../../common/graphql-types";
import { Customer } from "../customers/customers.types";

@ObjectType({
  description: "A saved segment: a rule over customer data whose members are kept up to date.",
})
export class Segment {
  @Field(() => ID, { description: "The segment's id." })
  id: string;

  @Field({ description: "Name." })
  name: string;

  @Field({ description: "What the segment is for." })
  description: string;

  @Field(() => GraphQLJSONObject, { description: "The rule (version 1 AST): { version, root }." })
  rule: object;

  @Field(() => [String], { description: "Free-form tags." })
  tags: string[];

  @Field(() => String, { nullable: true, description: "The template it was created from, if any." })
  templateKey: string | null;

  @Field(() => Int, { description: "Incremented by every saved change." })
  version: number;

  @Field(() => Int, { description: "Members after the latest refresh." })
  memberCount: number;

  @Field(() => Date, { description: "When membership was last refreshed.", nullable: true })
  refreshedAt: Date | null;

  @Field({ description: "When the segment was created." })
  createdAt: Date;

  @Field({ description: "When the segment last changed." })
  updatedAt: Date;
}

@ObjectType({ description: "A page of segments." })
export class SegmentConnection extends Connection(Segment, "Segment") {}

export const MembershipChangeEnum = { ENTERED: "entered", LEFT: "left" } as const;
registerEnumType(MembershipChangeEnum, {
  description: "Whether a customer entered or left a segment.",
  name: "MembershipChange",
  valuesConfig: {
    ENTERED: { description: "The customer became a member." },
    LEFT: { description: "The customer stopped being a member." },
  },
});

@ObjectType({ description: "A customer entering or leaving a segment." })
export class SegmentMembershipChange {
  @Field(() => ID, { description: "The change's id." })
  id: string;

  customerId: string;

  @Field(() => MembershipChangeEnum, { description: "Entered or left." })
  change: "entered" | "left";

  @Field({ description: "When it happened." })
  at: Date;
}

@ObjectType({ description: "A page of membership changes." })
export class SegmentMembershipChangeConnection extends Connection(
  SegmentMembershipChange,
  "SegmentMembershipChange",
) {}

@ObjectType({ description: "The segment's size after one refresh." })
export class SegmentSizePoint {
  @Field({ description: "When the refresh ran." })
  at: Date;

  @Field(() => Int, { description: "Members after the refresh." })
  size: number;

  @Field(() => Int, { description: "Customers who entered in that refresh." })
  entered: number;

  @Field(() => Int, { description: "Customers who left in that refresh." })
  exited: number;

  @Field({ description: "full, or customers (incremental after ingest)." })
  scope: string;
}

@ObjectType({ description: "A saved version of a segment: who changed what, when." })
export class SegmentVersion {
  @Field(() => Int, { description: "Version number, from 1." })
  version: number;

  @Field({ description: "Name at this version." })
  name: string;

  @Field({ description: "Description at this version." })
  description: string;

  @Field(() => GraphQLJSONObject, { description: "The rule at this version." })
  rule: object;

  @Field({ description: "user:<id> or key:<id>." })
  changedBy: string;

  @Field({ description: "When this version was saved." })
  changedAt: Date;
}

@ObjectType({ description: "How many customers a rule matches now, with a sample." })
export class SegmentPreview {
  @Field(() => Int, { description: "How many customers match right now." })
  count: number;

  @Field(() => [Customer], { description: "Some of the matching customers." })
  sample: Customer[];
}

@ObjectType({ description: "Why a customer is (or is not) in a segment." })
export class MembershipExplanation {
  @Field(() => Customer, { description: "The customer explained." })
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

@InputType({ description: "A segment: a rule, or a template to start from, with a name." })
export class SegmentInput {
  @Field(() => String, { description: "Name (default: the template's).", nullable: true })
  name?: string | null;

  @Field(() => String, { description: "What the segment is for.", nullable: true })
  description?: string | null;

  @Field(() => GraphQLJSONObject, {
    description: "The rule (see packages/domain/src/segments).",
    nullable: true,
  })
  rule?: object | null;

  @Field(() => [String], { description: "Free-form tags.", nullable: true })
  tags?: string[] | null;

  @Field(() => String, { description: "Start from this built-in template.", nullable: true })
  templateKey?: string | null;
}

export const SEGMENT_USE_KINDS = ["segment", "campaign", "reward", "survey"] as const;
export type SegmentUseKind = (typeof SEGMENT_USE_KINDS)[number];

export const SegmentUseKindEnum = enumOf(
  SEGMENT_USE_KINDS,
  "SegmentUseKind",
  "What uses a segment: another segment's rule, a loyalty campaign's target, a reward's eligibility, or a survey's audience.",
  {
    SEGMENT: "Another segment whose rule says 'member of' this one.",
    CAMPAIGN: "A loyalty campaign targeted at the segment (archived campaigns included).",
    REWARD: "A reward only the segment's members may redeem.",
    SURVEY: "A survey whose audience is the segment.",
  },
);

@ObjectType({
  description: "Something that depends on a segment; a segment in use cannot be deleted.",
})
export class SegmentUse {
  @Field(() => SegmentUseKindEnum, { description: "What kind of thing uses the segment." })
  kind: SegmentUseKind;

  @Field(() => ID, { description: "Its id (a segment, campaign, reward or survey)." })
  id: string;

  @Field({ description: "Its name (a survey's title)." })
  name: string;

  @Field(() => ID, {
    nullable: true,
    description: "The loyalty program of a campaign or reward; null otherwise.",
  })
  programId: string | null;
}
