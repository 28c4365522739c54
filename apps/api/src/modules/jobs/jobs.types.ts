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
