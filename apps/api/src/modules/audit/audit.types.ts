import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Connection, enumOf } from "../../common/graphql-types";
import { ENTITY_TYPES, type AuditEntityType } from "./audit";

export const AuditEntityTypeEnum = enumOf(
  ENTITY_TYPES,
  "AuditEntityType",
  "Kind of thing an audit log entry is about.",
  {
    LOYALTY_PROGRAM: "A loyalty program (configuration, status).",
    REWARD: "A reward in a program's catalog.",
    CAMPAIGN: "A time-bound earning campaign of a program.",
    SEGMENT: "A segment (rule, name, description).",
    SURVEY: "A survey (questions, audience, status).",
    LOYALTY_ACCOUNT: "A customer's account in a program: balance adjustments, tier overrides.",
    REDEMPTION: "A redeemed reward (cancellations).",
    ADMIN_USER: "An admin user and their role.",
    API_KEY: "An integrator API key (created, revoked).",
    WEBHOOK_ENDPOINT: "A webhook endpoint (created, changed, secret rotated, deleted).",
    CUSTOMER: "A customer: data exports and erasures.",
  },
);
export const AuditActorKindEnum = enumOf(
  ["user", "api_key", "system"] as const,
  "AuditActorKind",
  "Who made an audited change: an admin user, an API key, or the system itself (jobs).",
  {
    USER: "An admin user signed in to the admin app.",
    API_KEY: "An integrator's API key.",
    SYSTEM: "Trouw itself: background jobs and maintenance.",
  },
);

@ObjectType({ description: "Who made an audited change." })
export class AuditActor {
  @Field(() => AuditActorKindEnum, { description: "An admin user, an API key or the system." })
  kind: "user" | "api_key" | "system";

  @Field(() => ID, {
    nullable: true,
    description: "The admin user's or API key's id; null for the system.",
  })
  id: string | null;

  @Field({ description: "A readable name: the user's email, the key's name, or system." })
  label: string;
}

@ObjectType({ description: "One entry of the append-only audit log: who changed what, when." })
export class AuditEntry {
  @Field(() => ID, { description: "Entries are numbered in the order they were written." })
  id: string;

  @Field({ description: "When the change was made." })
  at: Date;

  @Field(() => AuditActor, { description: "Who made the change." })
  actor: AuditActor;

  @Field(() => AuditEntityTypeEnum, { description: "What kind of thing changed." })
  entityType: AuditEntityType;

  @Field({ description: "The id of the thing that changed." })
  entityId: string;

  @Field({ description: "What happened, e.g. created, updated, deleted, balance_adjusted." })
  action: string;

  @Field(() => String, {
    nullable: true,
    description: "The request (X-Request-Id) that made the change; null for background work.",
  })
  requestId: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "The changed fields before the change; null when the thing was created.",
  })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "The changed fields after the change; null when the thing was removed.",
  })
  after: Record<string, unknown> | null;
}

@ObjectType({ description: "A page of audit log entries, newest first." })
export class AuditEntryConnection extends Connection(AuditEntry, "AuditEntry") {}

@InputType({ description: "All given conditions must hold." })
export class AuditLogFilter {
  @Field(() => String, {
    nullable: true,
    description: "An admin user's or API key's id, or part of the actor's label (e.g. an email).",
  })
  actor?: string | null;

  @Field(() => AuditActorKindEnum, { nullable: true, description: "Only this kind of actor." })
  actorKind?: "user" | "api_key" | "system" | null;

  @Field(() => AuditEntityTypeEnum, { nullable: true, description: "Only this kind of thing." })
  entityType?: AuditEntityType | null;

  @Field(() => String, { nullable: true, description: "Only entries about this id." })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: "Only this action, e.g. updated." })
  action?: string | null;

  @Field(() => Date, { nullable: true, description: "Entries at or after this time." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Entries before this time." })
  to?: Date | null;
}
