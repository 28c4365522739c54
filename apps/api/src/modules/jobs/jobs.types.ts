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

@ObjectType({
  description: "A step a background job reported: what it started on and how far along it was.",
})
export class JobStep {
  @Field({ description: "The step's name, e.g. ENTRIES." })
  step: string;

  @Field(() => Float, { description: "The job's progress when it started the step, 0 to 1." })
  progress: number;

  @Field(() => Int, { description: "The attempt that reported it (1 unless the job was retried)." })
  attempt: number;

  @Field({ description: "When the step started." })
  at: Date;
}

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

  @Field(() => String, {
    nullable: true,
    description:
      "The step the job reported last, for kinds that report steps (a segment refresh: MEMBERS, EXITS, ENTRIES, WEBHOOKS, DONE); null before the first.",
  })
  step: string | null;

  @Field(() => [JobStep], {
    description: "Every step the job reported, in order, over all attempts.",
  })
  steps: JobStep[];

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
