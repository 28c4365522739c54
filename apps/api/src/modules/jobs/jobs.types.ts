import { GraphQLJSON } from "graphql-scalars";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { JobStatus } from "./jobs.service";

export const JobStatusEnum = {
  QUEUED: "queued",
  RUNNING: "running",
  DONE: "done",
  FAILED: "failed",
} as const;
registerEnumType(JobStatusEnum, { name: "JobStatus", description: "Where a background job is." });

@ObjectType({ description: "Background work (segment refresh, imports...) with its progress." })
export class Job {
  @Field(() => ID)
  id: string;

  @Field({ description: "e.g. segments.refresh" })
  kind: string;

  @Field(() => JobStatusEnum)
  status: JobStatus;

  @Field(() => Float, { description: "0 to 1." })
  progress: number;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  result: unknown;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}
