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
  SegmentVersion,
} from "./segments.types";

@ArgsType()
class SegmentsArgs extends PageArgsType {
  @Field(() => String, { nullable: true })
  search?: string | null;
}

@ArgsType()
class ChangesArgs extends PageArgsType {
  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;

  @Field(() => MembershipChangeEnum, { nullable: true })
  change?: "entered" | "left" | null;
}

@Resolver(() => Segment)
export class SegmentsResolver {
  @Authorized("customers:read")
  @Query(() => SegmentConnection)
  segments(@Args() args: SegmentsArgs, @Ctx() ctx: Context) {
    return ctx.services.segments.list(args);
  }

  @Authorized("customers:read")
  @Query(() => Segment, { nullable: true })
  segment(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<SegmentEntity | null> {
    return ctx.services.segments.get(id);
  }

  @Authorized("customers:read")
  @Query(() => SegmentPreview, {
    description: "Count and sample of an unsaved rule, computed now.",
  })
  previewSegment(
    @Arg("rule", () => GraphQLJSONObject) rule: object,
    @Ctx() ctx: Context,
    @Arg("sampleSize", () => Int, { defaultValue: 10 }) sampleSize: number,
  ) {
    return ctx.services.segments.preview(rule, sampleSize);
  }

  @Authorized("customers:read")
  @Query(() => MembershipExplanation, {
    description: "Why a customer is or is not in a saved segment (or an unsaved rule).",
  })
  async explainMembership(
    @Arg("customerId", () => ID) customerId: string,
    @Ctx() ctx: Context,
    @Arg("segmentId", () => ID, { nullable: true }) segmentId?: string,
    @Arg("rule", () => GraphQLJSONObject, { nullable: true }) rule?: object,
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
  @Query(() => Job, { nullable: true })
  job(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return /^[0-9a-f-]{36}$/i.test(id) ? ctx.services.jobs.get(id) : null;
  }

  @Authorized("segments:manage")
  @Mutation(() => Segment, {
    description: "Saves a segment; its members are computed by a background refresh.",
  })
  createSegment(@Arg("input") input: SegmentInput, @Ctx() ctx: Context): Promise<SegmentEntity> {
    return ctx.services.segments.create(requestActor(ctx), input);
  }

  @Authorized("segments:manage")
  @Mutation(() => Segment, {
    description: "Changes a segment; a rule change is versioned and triggers a refresh.",
  })
  updateSegment(
    @Arg("id", () => ID) id: string,
    @Arg("input") input: SegmentInput,
    @Ctx() ctx: Context,
  ): Promise<SegmentEntity> {
    return ctx.services.segments.update(requestActor(ctx), id, input);
  }

  @Authorized("segments:manage")
  @Mutation(() => Segment, { description: "Deletes a segment that no other segment uses." })
  deleteSegment(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<SegmentEntity> {
    return ctx.services.segments.delete(id);
  }

  @Authorized("segments:manage")
  @Mutation(() => Job, { description: "Queues a full refresh (joins one already waiting)." })
  async refreshSegment(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
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
    @Arg("from", () => Date, { nullable: true }) from?: Date,
    @Arg("to", () => Date, { nullable: true }) to?: Date,
  ) {
    return ctx.services.segments.sizeHistory(s.id, from, to);
  }

  @FieldResolver(() => [SegmentVersion])
  versions(@Root() s: SegmentEntity, @Ctx() ctx: Context) {
    return ctx.services.segments.versions(s.id);
  }

  @FieldResolver(() => [Segment], { description: "Segments whose rules use this one." })
  usedBy(@Root() s: SegmentEntity, @Ctx() ctx: Context) {
    return ctx.services.segments.usedBy(s.id);
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
  @FieldResolver(() => Customer)
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
