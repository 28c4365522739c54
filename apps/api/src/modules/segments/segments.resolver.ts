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
import { GraphQLJSONObject } from "graphql-scalars";
import { requestActor, type Context } from "../../context";
import { notFound } from "../../common/errors";
import { PageArgsType } from "../customers/customers.resolver";
import { Customer, CustomerConnection } from "../customers/customers.types";
import type { CustomerEntity } from "../customers/customer.entity";
import { Job } from "../jobs/jobs.types";
import type { SegmentEntity } from "./segment.entity";
import {
  MembershipChangeEnum,
  MembershipExplanation,
  Segment,
  SegmentConnection,
  SegmentInput,
  SegmentMembershipChange,
  SegmentMembershipChangeConnection,
  SegmentPreview,
  SegmentSizePoint,
  SegmentUse,
  SegmentVersion,
} from "./segments.types";

@ArgsType()
class SegmentsArgs extends PageArgsType {
  @Field(() => String, { description: "Part of the name.", nullable: true })
  search?: string | null;
}

@ArgsType()
class ChangesArgs extends PageArgsType {
  @Field(() => Date, { description: "Changes at or after this moment.", nullable: true })
  from?: Date | null;

  @Field(() => Date, { description: "Changes before this moment.", nullable: true })
  to?: Date | null;

  @Field(() => MembershipChangeEnum, { description: "Only entries or only exits.", nullable: true })
  change?: "entered" | "left" | null;
}

@Resolver(() => Segment)
export class SegmentsResolver {
  @Authorized("customers:read")
  @Query(() => SegmentConnection, { description: "Saved segments." })
  segments(@Args() args: SegmentsArgs, @Ctx() ctx: Context) {
    return ctx.services.segments.list(args);
  }

  @Authorized("customers:read")
  @Query(() => Segment, { description: "A saved segment.", nullable: true })
  segment(
    @Arg("id", () => ID, { description: "The segment." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<SegmentEntity | null> {
    return ctx.services.segments.get(id);
  }

  @Authorized("customers:read")
  @Query(() => SegmentPreview, {
    description: "Count and sample of an unsaved rule, computed now.",
  })
  previewSegment(
    @Arg("rule", () => GraphQLJSONObject, { description: "The rule to try." }) rule: object,
    @Ctx() ctx: Context,
    @Arg("sampleSize", () => Int, {
      description: "How many matching customers to return as a sample.",
      defaultValue: 10,
    })
    sampleSize: number,
  ) {
    return ctx.services.segments.preview(rule, sampleSize);
  }

  @Authorized("customers:read")
  @Query(() => MembershipExplanation, {
    description: "Why a customer is or is not in a saved segment (or an unsaved rule).",
  })
  async explainMembership(
    @Arg("customerId", () => ID, { description: "The customer." }) customerId: string,
    @Ctx() ctx: Context,
    @Arg("segmentId", () => ID, {
      description: "The saved segment whose rule to explain.",
      nullable: true,
    })
    segmentId?: string,
    @Arg("rule", () => GraphQLJSONObject, {
      description: "A rule to explain instead of a saved segment's.",
      nullable: true,
    })
    rule?: object,
  ): Promise<MembershipExplanation> {
    const r = await ctx.services.segments.explain(customerId, { segmentId, rule });
    return {
      customer: r.customer,
      member: r.member,
      holds: r.explanation.holds,
      tree: r.explanation,
    };
  }

  @Authorized("customers:read")
  @Query(() => Job, { description: "A background job, e.g. a segment refresh.", nullable: true })
  job(@Arg("id", () => ID, { description: "The job." }) id: string, @Ctx() ctx: Context) {
    return /^[0-9a-f-]{36}$/i.test(id) ? ctx.services.jobs.get(id) : null;
  }

  @Authorized("segments:manage")
  @Mutation(() => Segment, {
    description: "Saves a segment; its members are computed by a background refresh.",
  })
  createSegment(
    @Arg("input", { description: "A rule, or a template key to start from." }) input: SegmentInput,
    @Ctx() ctx: Context,
  ): Promise<SegmentEntity> {
    return ctx.services.segments.create(requestActor(ctx), input);
  }

  @Authorized("segments:manage")
  @Mutation(() => Segment, {
    description: "Changes a segment; a rule change is versioned and triggers a refresh.",
  })
  updateSegment(
    @Arg("id", () => ID, { description: "The segment." }) id: string,
    @Arg("input", { description: "The fields to change; a new rule makes a new version." })
    input: SegmentInput,
    @Ctx() ctx: Context,
  ): Promise<SegmentEntity> {
    return ctx.services.segments.update(requestActor(ctx), id, input);
  }

  @Authorized("segments:manage")
  @Mutation(() => Segment, { description: "Deletes a segment that no other segment uses." })
  deleteSegment(
    @Arg("id", () => ID, { description: "The segment." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<SegmentEntity> {
    return ctx.services.segments.delete(id);
  }

  @Authorized("segments:manage")
  @Mutation(() => Job, { description: "Queues a full refresh (joins one already waiting)." })
  async refreshSegment(
    @Arg("id", () => ID, { description: "The segment." }) id: string,
    @Ctx() ctx: Context,
  ) {
    if (!(await ctx.services.segments.get(id))) throw notFound("Segment");
    return ctx.services.segments.requestRefresh(id);
  }

  @FieldResolver(() => CustomerConnection, { description: "Members after the latest refresh." })
  members(@Root() s: SegmentEntity, @Args() args: PageArgsType, @Ctx() ctx: Context) {
    return ctx.services.segments.members(s.id, args);
  }

  @FieldResolver(() => SegmentMembershipChangeConnection, {
    description: "Who entered or left, newest first.",
  })
  membershipChanges(@Root() s: SegmentEntity, @Args() args: ChangesArgs, @Ctx() ctx: Context) {
    return ctx.services.segments.changes(s.id, args);
  }

  @FieldResolver(() => [SegmentSizePoint], { description: "Size after each refresh." })
  sizeHistory(
    @Root() s: SegmentEntity,
    @Ctx() ctx: Context,
    @Arg("from", () => Date, { description: "Refreshes at or after this moment.", nullable: true })
    from?: Date,
    @Arg("to", () => Date, { description: "Refreshes before this moment.", nullable: true })
    to?: Date,
  ) {
    return ctx.services.segments.sizeHistory(s.id, from, to);
  }

  @FieldResolver(() => [SegmentVersion], {
    description: "Every version of the rule, newest first.",
  })
  versions(@Root() s: SegmentEntity, @Ctx() ctx: Context) {
    return ctx.services.segments.versions(s.id);
  }

  @FieldResolver(() => [Segment], { description: "Segments whose rules use this one." })
  usedBy(@Root() s: SegmentEntity, @Ctx() ctx: Context) {
    return ctx.services.segments.usedBy(s.id);
  }

  @FieldResolver(() => [SegmentUse], {
    description:
      "Everything that uses this segment: other segments' rules, loyalty campaigns, rewards and surveys. A segment in use cannot be deleted.",
  })
  usages(@Root() s: SegmentEntity, @Ctx() ctx: Context) {
    return ctx.loaders.segmentUsages.load(s.id);
  }

  @FieldResolver(() => Job, {
    nullable: true,
    description: "The latest refresh job, with its progress.",
  })
  refreshJob(@Root() s: SegmentEntity, @Ctx() ctx: Context) {
    return ctx.services.segments.latestRefreshJob(s.id);
  }
}

@Resolver(() => SegmentMembershipChange)
export class SegmentMembershipChangeResolver {
  @FieldResolver(() => Customer, { description: "The customer." })
  customer(
    @Root() c: SegmentMembershipChange,
    @Ctx() ctx: Context,
  ): Promise<CustomerEntity | undefined> {
    return ctx.loaders.customerById.load(c.customerId);
  }
}

@Resolver(() => Customer)
export class CustomerSegmentsResolver {
  @FieldResolver(() => [Segment], { description: "Saved segments the customer is a member of." })
  segments(@Root() c: CustomerEntity, @Ctx() ctx: Context): Promise<SegmentEntity[]> {
    return ctx.loaders.segmentsOfCustomer.load(c.id);
  }
}
