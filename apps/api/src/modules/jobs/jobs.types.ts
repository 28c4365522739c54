import { GraphQLJSON } from "graphql-scalars";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { JobStatus } from "./jobs.service";

export const JobStatusEnum = {
  QUEUED: "queued",
  RUNNING: "running",
  DONE: "done",
  FAILED: "failed",
} as const;
registerEnumType(JobStatusEnum, {
  name: "JobStatus",
  description: "Where a background job is.",
  valuesConfig: {
    DONE: { description: "Finished successfully." },
    FAILED: { description: "Failed and will not be retried." },
    QUEUED: { description: "Waiting to run (possibly for a retry)." },
    RUNNING: { description: "Running now." },
  },
});

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
  @Field(() => ID, { description: "The job's id." })
  id: string;

  @Field({ description: "e.g. segments.refresh" })
  kind: string;

  @Field(() => JobStatusEnum, { description: "Where the job is." })
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

  @Field(() => Int, { description: "How many times the job has been started." })
  attempts: number;

  @Field(() => String, { description: "The last failure's message, if any.", nullable: true })
  error: string | null;

  @Field(() => GraphQLJSON, {
    description: "What the job reported when done (JSON).",
    nullable: true,
  })
  result: unknown;

  @Field({ description: "When the job was queued." })
  createdAt: Date;

  @Field({ description: "When the job last changed." })
  updatedAt: Date;

  @Field(() => Date, {
    description: "When the job finished (done or failed for good).",
    nullable: true,
  })
  finishedAt: Date | null;
}
